using Grpc.Core;
using Longgang.Approvals.Contracts.V1;
using Longgang.Approvals.Data;
using Longgang.Approvals.Domain;
using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Calendar;
using Longgang.Platform.Data;
using Longgang.Platform.Errors;
using Longgang.Platform.Security;
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
    SlaWarningQueries warnings, PerformanceReports reports)
    : ApprovalsService.ApprovalsServiceBase
{
    private static readonly HybridCacheEntryOptions CacheFor = new() { Expiration = TimeSpan.FromMinutes(5), LocalCacheExpiration = TimeSpan.FromMinutes(1) };

    public static string ApplicationCacheKey(Guid id) => $"approvals:application:{id}";

    // ---- matter catalogue ------------------------------------------------------------------------

    public override async Task<ListMattersResponse> ListMatters(ListMattersRequest request, ServerCallContext context)
    {
        var query = db.Matters.AsNoTracking();
        if (!string.IsNullOrEmpty(request.DepartmentCode)) query = query.Where(m => m.DepartmentCode == request.DepartmentCode);
        var matters = await query.OrderBy(m => m.Code).ThenBy(m => m.Version).ToListAsync(context.CancellationToken);
        var current = matters.GroupBy(m => m.Code).Select(g => g.Last());
        return new ListMattersResponse { Matters = { current.Select(ApprovalsMapping.ToProto) } };
    }

    public override async Task<ProtoMatter> GetMatter(GetMatterRequest request, ServerCallContext context)
    {
        new Validator().Require(request.Version >= 0, "version", "must not be negative").ThrowIfInvalid();
        var matter = request.Version == 0
            ? await db.CurrentMatterAsync(request.Code, context.CancellationToken)
            : await db.MatterVersionAsync(request.Code, request.Version, context.CancellationToken);
        return ApprovalsMapping.ToProto(matter ?? throw new NotFoundException("Matter", request.Version == 0 ? request.Code : $"{request.Code} v{request.Version}"));
    }

    public override async Task<ProtoMatter> CreateMatter(MatterDefinition request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var matter = Domain.Matter.Define(ApprovalsMapping.FromProto(request), null, caller, clock.GetUtcNow());
        if (await db.Matters.AnyAsync(m => m.Code == matter.Code, context.CancellationToken))
            throw new ConflictException($"Matter {matter.Code} already exists; change it with UpdateMatter.");
        db.Matters.Add(matter);
        await SaveAsync(context.CancellationToken, $"Matter {matter.Code} was created at the same moment by someone else.");
        return ApprovalsMapping.ToProto(matter);
    }

    public override async Task<ProtoMatter> UpdateMatter(MatterDefinition request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var current = await db.CurrentMatterAsync(request.Code, context.CancellationToken) ?? throw new NotFoundException("Matter", request.Code);
        var matter = Domain.Matter.Define(ApprovalsMapping.FromProto(request), current, caller, clock.GetUtcNow());
        db.Matters.Add(matter);
        await SaveAsync(context.CancellationToken, $"Matter {matter.Code} was changed at the same moment by someone else; read it again.");
        return ApprovalsMapping.ToProto(matter);
    }

    // ---- applications ----------------------------------------------------------------------------

    public override async Task<ProtoApplication> SubmitApplication(SubmitApplicationRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var matter = string.IsNullOrWhiteSpace(request.MatterCode) ? null : await db.CurrentMatterAsync(request.MatterCode, context.CancellationToken);
        var draft = new SubmissionDraft(request.MatterCode, request.ApplicantId, request.ApplicantName,
            ProtoEnums.ToDomain<Domain.Channel>(request.Channel), request.DistrictCode, request.Materials);
        var application = Domain.Application.Submit(matter, draft, caller, clock.GetUtcNow());
        db.Applications.Add(application);
        return await SaveAsync(application, context.CancellationToken);
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

        return found;
    }

    public override async Task<ListApplicationsResponse> ListApplications(ListApplicationsRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var scope = ApplicationAccess.ScopeFor(caller, RequestParsing.NullIfEmpty(request.ApplicantId));
        new Validator()
            .RequirePage(request.PageSize, request.PageToken, out var paging)
            .Require(ProtoEnums.TryFilter<Domain.ApplicationStatus>(request.Status, out var status), "status", "is not a known status")
            .ThrowIfInvalid();
        var query = db.Applications.AsNoTracking();
        if (scope.ApplicantId is not null) query = query.Where(a => a.ApplicantId == scope.ApplicantId);
        if (scope.SubmittedBy is not null) query = query.Where(a => a.SubmittedBy == scope.SubmittedBy);
        if (scope.DepartmentCode is { } department)
            query = query.Where(a => a.DepartmentCode == department || a.Steps.Any(s => s.DepartmentCode == department));
        if (scope.DistrictCode is not null) query = query.Where(a => a.DistrictCode == scope.DistrictCode);
        if (!string.IsNullOrEmpty(request.ApplicantId)) query = query.Where(a => a.ApplicantId == request.ApplicantId);
        if (status is not null) query = query.Where(a => a.Status == status);

        var page = await query.OrderByDescending(a => a.SubmittedAt).ThenByDescending(a => a.Id).ToPageAsync(paging, context.CancellationToken);
        return new ListApplicationsResponse
        {
            Applications = { page.Items.Select(a => ApprovalsMapping.ToProto(a, calendar)) },
            NextPageToken = page.NextPageToken,
        };
    }

    public override Task<ProtoApplication> RequestCorrection(RequestCorrectionRequest request, ServerCallContext context) =>
        ChangeAsync(request.Id, context, (a, caller, now) => a.RequestCorrection(request.Materials, request.Note, caller, now, calendar));

    public override Task<ProtoApplication> ResubmitApplication(ResubmitApplicationRequest request, ServerCallContext context) =>
        ChangeAsync(request.Id, context, async (a, caller, now) => a.Resubmit(request.Materials, await MatterOfAsync(a, context), caller, now));

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
        ChangeAsync(request.Id, context, (a, caller, now) => a.DecideStep(RequestParsing.NullIfEmpty(request.DepartmentCode),
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
        return await SaveAsync(application, context.CancellationToken);
    }

    private async Task<ProtoApplication> SaveAsync(Domain.Application application, CancellationToken cancellationToken)
    {
        // saving hands the pending events to the outbox, so look at them first
        var decided = application.PendingEvents.OfType<Contracts.Events.V1.ApplicationDecided>().Any();
        await SaveAsync(cancellationToken, "The application was changed by someone else at the same moment; read it again and retry.");
        await cache.RemoveAsync(ApplicationCacheKey(application.Id), CancellationToken.None);
        if (decided)
            await cache.RemoveByTagAsync(ApprovalsCacheTags.Reports, CancellationToken.None);
        return ApprovalsMapping.ToProto(application, calendar);
    }

    private Task SaveAsync(CancellationToken cancellationToken, string conflictMessage) =>
        db.SaveOrConflictAsync(conflictMessage, cancellationToken);

    private async Task<Domain.Matter> MatterOfAsync(Domain.Application application, ServerCallContext context) =>
        await db.MatterVersionAsync(application.MatterCode, application.MatterVersion, context.CancellationToken)
        ?? throw new InvalidOperationException($"Matter {application.MatterCode} v{application.MatterVersion} of application {application.Id} is missing.");

    private static Guid ParseId(string id) => RequestParsing.Id(id, "id", "an application id");
}

public static class ApprovalsCacheTags
{
    /// <summary>Every cached performance report; evicted when an application is decided.</summary>
    public const string Reports = "approvals:reports";
}
