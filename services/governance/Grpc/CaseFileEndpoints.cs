using Google.Protobuf;
using Longgang.Governance.Data;
using Longgang.Platform.Api;
using Longgang.Platform.Errors;
using Longgang.Platform.Files;
using Longgang.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Governance.Grpc;

/// <summary>
/// Photos of a case: plain HTTP beside the transcoded API, because transcoding cannot stream a request body. Upload
/// <c>POST …/cases/{case_id}/files</c> (the body is the file's bytes), download <c>GET …/cases/{case_id}/files/{id}</c>;
/// listed by the ListCaseFiles rpc. Kept beside the case, not in it: a photo changes nothing of the case's workflow.
/// Access follows the case; both are audited.
/// </summary>
public static class CaseFileEndpoints
{
    public const string FilesRoute = "/api/governance/v1/cases/{case_id}/files";
    public const string UploadMethod = "/longgang.governance.v1.CaseFiles/UploadCaseFile";
    public const string DownloadMethod = "/longgang.governance.v1.CaseFiles/DownloadCaseFile";

    public static WebApplication MapCaseFiles(this WebApplication app)
    {
        app.MapPost(FilesRoute, UploadAsync).RequireAuthorization();
        app.MapGet(FilesRoute + "/{id}", DownloadAsync).RequireAuthorization();
        return app;
    }

    private static Task<IResult> UploadAsync(HttpContext http, string case_id, GovernanceDbContext db, CaseHandlers cases,
        FileAttachments<GovernanceDbContext> files, TimeProvider clock) =>
        FileExtensions.AnswerAsync(http, () => FileAudit.AuditedAsync<GovernanceDbContext>(http, UploadMethod, case_id, async () =>
        {
            FileExtensions.RequireOnlyParameters(http.Request);
            var caller = http.User.ToCaller();
            // the case and the caller's right to attach to it before a byte of the file is read
            var found = await cases.CaseForFilesAsync(case_id, "caseId", caller, attach: true, http.RequestAborted);
            var fileId = Guid.CreateVersion7(clock.GetUtcNow());
            var stored = await files.Intake.ReceiveAsync(fileId, http.Request, found.Id, null, caller.Subject);
            db.Files.Add(stored);
            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
            }
            catch
            {
                await files.Store.DeleteAsync(fileId, CancellationToken.None);
                throw;
            }
            return Results.Text(JsonFormatter.Default.Format(GovernanceMapping.ToProto(stored)), "application/json", statusCode: StatusCodes.Status200OK);
        }));

    private static Task<IResult> DownloadAsync(HttpContext http, string case_id, string id, GovernanceDbContext db, CaseHandlers cases,
        FileAttachments<GovernanceDbContext> files) =>
        FileExtensions.AnswerAsync(http, () => FileAudit.AuditedAsync<GovernanceDbContext>(http, DownloadMethod, id, async () =>
        {
            FileExtensions.RequireOnlyParameters(http.Request);
            var caller = http.User.ToCaller();
            var found = await cases.CaseForFilesAsync(case_id, "caseId", caller, attach: false, http.RequestAborted);
            var fileId = RequestParsing.Id(id, "id", "a file id");
            var file = await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId && f.RecordId == found.Id, http.RequestAborted)
                ?? throw new NotFoundException("Stored file", id);
            return await files.DownloadAsync(http, file);
        }));
}
