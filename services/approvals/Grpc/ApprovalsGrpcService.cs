using Grpc.Core;
using Longgang.Approvals.Contracts.V1;
using Longgang.Approvals.Data;
using Longgang.Approvals.Documents;
using Longgang.Approvals.Domain;
using Longgang.Approvals.Resources;
using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Calendar;
using Longgang.Platform.Data;
using Longgang.Platform.Errors;
using Longgang.Platform.Localization;
using Longgang.Platform.Privacy;
using Longgang.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using ProtoApplication = Longgang.Approvals.Contracts.V1.Application;
using ProtoMatter = Longgang.Approvals.Contracts.V1.Matter;

namespace Longgang.Approvals.Grpc;

/// <summary>
/// The API over the domain: parse, load, let the domain decide, save the change and its events in one
/// transaction. Rules live in <see cref="Domain.Application"/> and <see cref="ApplicationAccess"/>, not here.
/// </summary>
public sealed class ApprovalsGrpcService(
    ApprovalsDbContext db, HybridCache cache, TimeProvider clock, WorkingDayCalendar calendar,
    SlaWarningQueries warnings, ApplicationList applications, PerformanceReports reports, WorkQueue workQueue, DocumentPrinter documents,
    PlatformText text, MyDataRequests myData, PersonalDataReadRecorder<ApprovalsDbContext> reads, MatterCatalogue catalogue)
    : ApprovalsService.ApprovalsServiceBase
{
    private static readonly HybridCacheEntryOptions CacheFor = new() { Expiration = TimeSpan.FromMinutes(5), LocalCacheExpiration = TimeSpan.FromMinutes(1) };

    public static string ApplicationCacheKey(Guid id) => $"approvals:application:{id}";

    /// <summary>The record type of an application in the read log (personal_data_reads).</summary>
    public const string ApplicationRecord = "application";

    // ---- matter catalogue ------------------------------------------------------------------------

    /// <summary>
    /// The public catalogue. It is small and bounded (a city's matters), so it is filtered and paged in memory: the
    /// name a person searches for is the translated one, which the database does not hold.
    /// </summary>
    public override Task<ListMattersResponse> ListMatters(ListMattersRequest request, ServerCallContext context) =>
        CatalogueAsync(request, context.CancellationToken);

    [AllowAnonymous]
    public override Task<ListMattersResponse> ListPublicMatters(ListMattersRequest request, ServerCallContext context) =>
        CatalogueAsync(request, context.CancellationToken);

    private async Task<ListMattersResponse> CatalogueAsync(ListMattersRequest request, CancellationToken cancellationToken)
    {
        new Validator()
            .RequirePage(request.PageSize, request.PageToken, out var paging)
            .RequireEnum<Domain.MatterKind>(request.HasKind, request.Kind, "kind", out var kind)
            .RequireQuery(request.HasQuery, request.Query, "query", out var search)
            .ThrowIfInvalid();
        var query = db.Matters.AsNoTracking().Where(m => m.Version == db.Matters.Where(v => v.Code == m.Code).Max(v => v.Version));
        if (ListFilters.Given(request.HasDepartmentCode, request.DepartmentCode) is { } department)
            query = query.Where(m => m.DepartmentCode == department);
        if (kind is not null) query = query.Where(m => m.Kind == kind);
        var matters = (await query.OrderBy(m => m.Code).ToListAsync(cancellationToken))
            .Select(m => ApprovalsMapping.ToProto(m, text))
            .Where(m => search is null || Platform.Domain.TextRules.Normalize(m.Name).ToLowerInvariant().Contains(search, StringComparison.Ordinal)
                || m.Code.Contains(search, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var page = matters.ToPage(paging);
        return new ListMattersResponse { Matters = { page.Items }, NextPageToken = page.NextPageToken, TotalSize = page.TotalSize };
    }

    public override async Task<ProtoMatter> GetMatter(GetMatterRequest request, ServerCallContext context)
    {
        new Validator().Require(!request.HasVersion || request.Version > 0, "version", "must be at least 1").ThrowIfInvalid();
        var matter = request.HasVersion
            ? await db.MatterVersionAsync(request.Code, request.Version, context.CancellationToken)
            : await catalogue.CurrentAsync(request.Code, context.CancellationToken);
        return ApprovalsMapping.ToProto(matter ?? throw new NotFoundException("Matter", request.HasVersion ? $"{request.Code} v{request.Version}" : request.Code), text);
    }

    public override async Task<ProtoMatter> CreateMatter(MatterDefinition request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var matter = Domain.Matter.Define(ApprovalsMapping.FromProto(request), null, caller, clock.GetUtcNow());
        if (await db.Matters.AnyAsync(m => m.Code == matter.Code, context.CancellationToken))
            throw new ConflictException("Matter {0} already exists; change it with UpdateMatter.", matter.Code);
        db.Matters.Add(matter);
        await SaveAsync(context.CancellationToken, "The matter was created at the same moment by someone else.");
        await MatterCatalogue.EvictAsync(cache);
        return ApprovalsMapping.ToProto(matter, text);
    }

    public override async Task<ProtoMatter> UpdateMatter(MatterDefinition request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var current = await db.CurrentMatterAsync(request.Code, context.CancellationToken) ?? throw new NotFoundException("Matter", request.Code);
        var matter = Domain.Matter.Define(ApprovalsMapping.FromProto(request), current, caller, clock.GetUtcNow());
        db.Matters.Add(matter);
        await SaveAsync(context.CancellationToken, "The matter was changed at the same moment by someone else; read it again.");
        await MatterCatalogue.EvictAsync(cache);
        return ApprovalsMapping.ToProto(matter, text);
    }

    // ---- applications ----------------------------------------------------------------------------

    public override async Task<ProtoApplication> SubmitApplication(SubmitApplicationRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var matter = string.IsNullOrWhiteSpace(request.MatterCode) ? null : await catalogue.CurrentAsync(request.MatterCode, context.CancellationToken);
        var draft = new SubmissionDraft(request.MatterCode, request.ApplicantId, request.ApplicantName,
            ProtoEnums.ToDomain<Domain.Channel>(request.Channel), request.DistrictCode, CatalogueNames.Of(request.Materials, matter),
            request.HasResidentId ? request.ResidentId : null,
            request.HasCaseId ? RequestParsing.Id(request.CaseId, "caseId", "a case id") : null);
        var application = Domain.Application.Submit(matter, draft, caller, clock.GetUtcNow());
        db.Applications.Add(application);
        return await SaveAsync(application, caller, context.CancellationToken);
    }

    public override async Task<ProtoApplication> GetApplication(GetApplicationRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var id = ParseId(request.Id);
        // applications are cached whole and evicted on every change; who may see one is decided per caller
        // after the lookup. A miss throws out of the factory, so it is never cached.
        var found = await cache.GetOrCreateAsync(ApplicationCacheKey(id), async ct =>
        {
            var entity = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
            return entity is null ? throw new NotFoundException("Application", request.Id) : ApprovalsMapping.ToProto(entity, calendar);
        }, CacheFor, cancellationToken: context.CancellationToken);

        if (!ApplicationAccess.CanSee(caller, found.ApplicantId, found.SubmittedBy, found.DepartmentCode,
                found.Steps.Select(s => s.DepartmentCode), RequestParsing.NullIfEmpty(found.DistrictCode)))
        {
            throw new ForbiddenException("This application belongs to another applicant, department or district.");
        }

        // the answer shows the resident ID to the handling departments' clerks: every read by someone else is recorded
        await reads.RecordAsync(context, caller, found.ApplicantId, ApplicationRecord, found.Id);
        return ApprovalsMapping.ForCaller(found, caller, text);
    }

    public override Task<ListApplicationsResponse> ListApplications(ListApplicationsRequest request, ServerCallContext context) =>
        applications.ListAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ListWorkItemsResponse> ListWorkItems(ListWorkItemsRequest request, ServerCallContext context) =>
        workQueue.ListAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ProtoApplication> RequestCorrection(RequestCorrectionRequest request, ServerCallContext context) =>
        ChangeAsync(request.Id, context, async (a, caller, now) =>
            a.RequestCorrection(CatalogueNames.Of(request.Materials, await MatterOfAsync(a, context)), request.Note, caller, now, calendar));

    public override Task<ProtoApplication> ResubmitApplication(ResubmitApplicationRequest request, ServerCallContext context) =>
        ChangeAsync(request.Id, context, async (a, caller, now) =>
        {
            var matter = await MatterOfAsync(a, context);
            a.Resubmit(CatalogueNames.Of(request.Materials, matter), matter, caller, now);
        });

    public override Task<ProtoApplication> ConfirmOriginal(ConfirmOriginalRequest request, ServerCallContext context) =>
        ChangeAsync(request.Id, context, async (a, caller, now) =>
        {
            var matter = await MatterOfAsync(a, context);
            a.ConfirmOriginal(CatalogueNames.Of([request.Material], matter)[0], matter, caller, now);
        });

    public override async Task<ListApplicationFilesResponse> ListApplicationFiles(ListApplicationFilesRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var id = RequestParsing.Id(request.ApplicationId, "applicationId", "an application id");
        new Validator().RequirePage(request.PageSize, request.PageToken, out var paging).ThrowIfInvalid();
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, context.CancellationToken)
            ?? throw new NotFoundException("Application", request.ApplicationId);
        ApplicationAccess.EnsureMaySee(caller, application);
        var query = db.Files.AsNoTracking().Where(f => f.RecordId == id);
        if (ListFilters.Given(request.HasMaterial, request.Material) is { } material)
        {
            var name = CatalogueNames.Of([material], await MatterOfAsync(application, context))[0];
            query = query.Where(f => f.Material == name);
        }
        var page = await query.OrderBy(f => f.UploadedAt).ThenBy(f => f.Id).ToPageAsync(paging, context.CancellationToken);
        return new ListApplicationFilesResponse
        {
            Files = { page.Items.Select(f => ApprovalsMapping.ToProto(f, text)) },
            NextPageToken = page.NextPageToken,
            TotalSize = page.TotalSize,
        };
    }

    public override Task<ProtoApplication> AcceptApplication(AcceptApplicationRequest request, ServerCallContext context) =>
        ChangeAsync(request.Id, context, async (a, caller, now) => a.Accept(await MatterOfAsync(a, context), caller, now, calendar));

    public override Task<ProtoApplication> RejectAcceptance(RejectAcceptanceRequest request, ServerCallContext context) =>
        ChangeAsync(request.Id, context, (a, caller, now) => a.RejectAcceptance(request.Reason, caller, now));

    public override Task<ProtoApplication> SuspendApplication(SuspendApplicationRequest request, ServerCallContext context) =>
        ChangeAsync(request.Id, context, (a, caller, now) =>
            a.Suspend(ProtoEnums.ToDomain<Domain.SuspensionKind>(request.Kind), request.Reason, caller, now));

    public override Task<ProtoApplication> ResumeApplication(ResumeApplicationRequest request, ServerCallContext context) =>
        ChangeAsync(request.Id, context, (a, caller, now) => a.Resume(request.Note, caller, now, calendar));

    public override Task<ProtoApplication> ExtendApplication(ExtendApplicationRequest request, ServerCallContext context) =>
        ChangeAsync(request.Id, context, (a, caller, now) => a.Extend(request.Reason, caller, now, calendar));

    public override Task<ProtoApplication> DecideStep(DecideStepRequest request, ServerCallContext context) =>
        ChangeAsync(request.Id, context, (a, caller, now) => a.DecideStep(ListFilters.Given(request.HasDepartmentCode, request.DepartmentCode),
            ProtoEnums.ToDomain<Domain.Decision>(request.Decision), request.Reason, caller, now, calendar));

    public override Task<ProtoApplication> IssueCertificate(IssueCertificateRequest request, ServerCallContext context) =>
        ChangeAsync(request.Id, context, (a, caller, now) => a.IssueCertificate(caller, now));

    public override Task<ProtoApplication> EvaluateApplication(EvaluateApplicationRequest request, ServerCallContext context) =>
        ChangeAsync(request.Id, context, (a, caller, now) => a.Evaluate(request.Rating, request.Comment, caller, now, calendar));

    public override Task<ProtoApplication> CloseRectification(CloseRectificationRequest request, ServerCallContext context) =>
        ChangeAsync(request.Id, context, (a, caller, now) => a.CloseRectification(request.ActionTaken, caller, now));

    public override async Task<ClockLedger> GetClockLedger(GetClockLedgerRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var id = ParseId(request.Id);
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, context.CancellationToken)
            ?? throw new NotFoundException("Application", request.Id);
        ApplicationAccess.EnsureMaySee(caller, application);
        return ApprovalsMapping.ToLedger(application);
    }

    // ---- printed documents ----------------------------------------------------------------------

    public override async Task<Google.Api.HttpBody> GetApplicationDocument(GetApplicationDocumentRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var id = ParseId(request.Id);
        new Validator().RequireEnum<Domain.DocumentKind>(true, request.Kind, "kind", out var kind).ThrowIfInvalid();
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, context.CancellationToken)
            ?? throw new NotFoundException("Application", request.Id);
        var pdf = await documents.PrintAsync(application, kind!.Value, caller, context.CancellationToken);
        await reads.RecordAsync(context, caller, application.ApplicantId, "application-document", $"{application.Id}/{request.Kind}");
        return new Google.Api.HttpBody { ContentType = "application/pdf", Data = Google.Protobuf.ByteString.CopyFrom(pdf) };
    }

    [AllowAnonymous]
    public override async Task<DocumentVerification> GetDocumentVerification(GetDocumentVerificationRequest request, ServerCallContext context)
    {
        var code = DocumentCodes.Normalize(request.Code);
        new Validator().Require(code is not null, "code", "must be the {0}-character code printed on the document", DocumentCodes.Length).ThrowIfInvalid();
        var (valid, kind, matterCode, matterName) = await documents.VerifyAsync(code!, context.CancellationToken);
        var reply = new DocumentVerification { Valid = valid };
        if (kind is { } known) reply.Kind = ProtoEnums.ToProto<Contracts.V1.DocumentKind>(known);
        if (matterCode is not null) reply.MatterCode = matterCode;
        if (matterName is not null) reply.MatterName = matterName;
        return reply;
    }

    // ---- supervision and reports -----------------------------------------------------------------

    public override Task<ListWarningsResponse> ListWarnings(ListWarningsRequest request, ServerCallContext context) =>
        warnings.ListAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<PerformanceReport> GetPerformanceReport(GetPerformanceReportRequest request, ServerCallContext context) =>
        reports.GetAsync(request, context.GetCaller(), context.CancellationToken);

    // ---- helpers ---------------------------------------------------------------------------------

    private Task<ProtoApplication> ChangeAsync(string id, ServerCallContext context, Action<Domain.Application, Caller, DateTimeOffset> change) =>
        ChangeAsync(id, context, (a, caller, now) => { change(a, caller, now); return Task.CompletedTask; });

    /// <summary>Load (404), let the domain check and change it (403, 400, 409), then save the change with its events.</summary>
    private async Task<ProtoApplication> ChangeAsync(string id, ServerCallContext context, Func<Domain.Application, Caller, DateTimeOffset, Task> change)
    {
        var caller = context.GetCaller();
        var applicationId = ParseId(id);
        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == applicationId, context.CancellationToken)
            ?? throw new NotFoundException("Application", id);
        await change(application, caller, clock.GetUtcNow());
        return await SaveAsync(application, caller, context.CancellationToken);
    }

    private async Task<ProtoApplication> SaveAsync(Domain.Application application, Caller caller, CancellationToken cancellationToken)
    {
        // saving hands the pending events to the outbox, so look at them first
        var decided = application.PendingEvents.OfType<Contracts.Events.V1.ApplicationDecided>().Any();
        // a new application cannot be cached yet (a miss is never cached): no eviction, no round trip to Redis
        var isNew = db.Entry(application).State == EntityState.Added;
        await SaveAsync(cancellationToken, "The application was changed by someone else at the same moment; read it again and retry.");
        if (!isNew) await cache.RemoveAsync(ApplicationCacheKey(application.Id), CancellationToken.None);
        if (decided)
            await cache.RemoveByTagAsync(ApprovalsCacheTags.Reports, CancellationToken.None);
        return ApprovalsMapping.ForCaller(ApprovalsMapping.ToProto(application, calendar), caller, text);
    }

    private Task SaveAsync(CancellationToken cancellationToken, string conflictMessage) =>
        db.SaveOrConflictAsync(conflictMessage, cancellationToken);

    private Task<Domain.Matter> MatterOfAsync(Domain.Application application, ServerCallContext context) =>
        catalogue.OfAsync(application, context.CancellationToken);

    private static Guid ParseId(string id) => RequestParsing.Id(id, "id", "an application id");

    // ---- the citizen's own data ------------------------------------------------------------------

    public override Task<MyData> GetMyData(GetMyDataRequest request, ServerCallContext context) =>
        myData.GetAsync(context.GetCaller(), context.CancellationToken);

    public override Task<ListMyDataReadsResponse> ListMyDataReads(ListMyDataReadsRequest request, ServerCallContext context) =>
        myData.ListReadsAsync(request, context.GetCaller(), context.CancellationToken);
}

public static class ApprovalsCacheTags
{
    /// <summary>Every cached performance report; evicted when an application is decided.</summary>
    public const string Reports = "approvals:reports";
}
