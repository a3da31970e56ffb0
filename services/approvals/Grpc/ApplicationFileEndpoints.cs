using Google.Protobuf;
using Longgang.Approvals.Data;
using Longgang.Approvals.Domain;
using Longgang.Approvals.Resources;
using Longgang.Platform.Api;
using Longgang.Platform.Errors;
using Longgang.Platform.Files;
using Longgang.Platform.Localization;
using Longgang.Platform.Privacy;
using Longgang.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;

namespace Longgang.Approvals.Grpc;

/// <summary>
/// Files of an application's materials: plain HTTP beside the transcoded API, because transcoding cannot stream a
/// request body. Upload <c>POST …/applications/{application_id}/files?material=…</c> (the body is the file's bytes),
/// download <c>GET …/applications/{application_id}/files/{id}</c>; listed by the ListApplicationFiles rpc. Access follows
/// the application; both are audited.
/// </summary>
public static class ApplicationFileEndpoints
{
    public const string FilesRoute = "/api/approvals/v1/applications/{application_id}/files";
    public const string UploadMethod = "/longgang.approvals.v1.ApplicationFiles/UploadApplicationFile";
    public const string DownloadMethod = "/longgang.approvals.v1.ApplicationFiles/DownloadApplicationFile";

    public static WebApplication MapApplicationFiles(this WebApplication app)
    {
        app.MapPost(FilesRoute, UploadAsync).RequireAuthorization();
        app.MapGet(FilesRoute + "/{id}", DownloadAsync).RequireAuthorization();
        return app;
    }

    private static Task<IResult> UploadAsync(HttpContext http, string application_id, ApprovalsDbContext db, FileAttachments<ApprovalsDbContext> files,
        MatterCatalogue catalogue, HybridCache cache, TimeProvider clock, PlatformText text) =>
        FileExtensions.AnswerAsync(http, () => FileAudit.AuditedAsync<ApprovalsDbContext>(http, UploadMethod, application_id, async () =>
        {
            FileExtensions.RequireOnlyParameters(http.Request, "material");
            var caller = http.User.ToCaller();
            var application = await LoadAsync(db, application_id, http.RequestAborted);
            var matter = await catalogue.OfAsync(application, http.RequestAborted);
            var now = clock.GetUtcNow();
            var fileId = Guid.CreateVersion7(now);
            var given = http.Request.Query["material"].ToString();
            // every check of the domain (403, 400, 409) before a byte of the file is read
            var material = application.AttachFile(string.IsNullOrWhiteSpace(given) ? null : CatalogueNames.Of([given], matter)[0], fileId, matter, caller, now);
            var stored = await files.Intake.ReceiveAsync(fileId, http.Request, application.Id, material, caller.Subject);
            db.Files.Add(stored);
            try
            {
                await db.SaveOrConflictAsync(new LocalText("The application was changed by someone else at the same moment; read it again and retry."),
                    CancellationToken.None);
            }
            catch
            {
                await files.Store.DeleteAsync(fileId, CancellationToken.None);
                throw;
            }
            await cache.RemoveAsync(ApprovalsGrpcService.ApplicationCacheKey(application.Id), CancellationToken.None);
            return Results.Text(JsonFormatter.Default.Format(ApprovalsMapping.ToProto(stored, text)), "application/json", statusCode: StatusCodes.Status200OK);
        }));

    private static Task<IResult> DownloadAsync(HttpContext http, string application_id, string id, ApprovalsDbContext db,
        FileAttachments<ApprovalsDbContext> files, PersonalDataReadRecorder<ApprovalsDbContext> reads) =>
        FileExtensions.AnswerAsync(http, () => FileAudit.AuditedAsync<ApprovalsDbContext>(http, DownloadMethod, id, async () =>
        {
            FileExtensions.RequireOnlyParameters(http.Request);
            var caller = http.User.ToCaller();
            var application = await LoadAsync(db, application_id, http.RequestAborted);
            ApplicationAccess.EnsureMaySee(caller, application);
            var fileId = RequestParsing.Id(id, "id", "a file id");
            var file = await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId && f.RecordId == application.Id, http.RequestAborted)
                ?? throw new NotFoundException("Stored file", id);
            await reads.RecordAsync(http, caller, application.ApplicantId, "application-file", file.Id.ToString());
            return await files.DownloadAsync(http, file);
        }));

    private static async Task<Application> LoadAsync(ApprovalsDbContext db, string applicationId, CancellationToken cancellationToken)
    {
        var id = RequestParsing.Id(applicationId, "applicationId", "an application id");
        return await db.Applications.FirstOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw new NotFoundException("Application", applicationId);
    }
}
