using System.Globalization;
using Grpc.Core;
using Longgang.Governance.Contracts.Events.V1;
using Longgang.Governance.Contracts.V1;
using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Platform;
using Longgang.Platform.Calendar;
using Longgang.Platform.Data;
using Longgang.Platform.Errors;
using Longgang.Platform.Security;
using Microsoft.EntityFrameworkCore;
using ProtoCase = Longgang.Governance.Contracts.V1.Case;
using ProtoDistrict = Longgang.Governance.Contracts.V1.District;
using DistrictReport = Longgang.Governance.Contracts.V1.DistrictReport;
using ProtoMeeting = Longgang.Governance.Contracts.V1.DeliberationMeeting;
using DeliberationMeeting = Longgang.Governance.Domain.DeliberationMeeting;
using Resolution = Longgang.Governance.Domain.Resolution;
using AssigneeKind = Longgang.Governance.Domain.AssigneeKind;
using GridTeamMember = Longgang.Governance.Domain.GridTeamMember;

namespace Longgang.Governance.Grpc;

public sealed class GovernanceGrpcService(GovernanceDbContext db, TimeProvider clock, WorkingDayCalendar calendar)
    : GovernanceService.GovernanceServiceBase
{
    public override async Task<ProtoDistrict> GetDistrict(GetDistrictRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        if (string.IsNullOrWhiteSpace(request.Code)) throw new ValidationFailedException("code", "is required");
        var district = await db.DistrictWithCommunitiesAsync(request.Code, context.CancellationToken)
            ?? throw new NotFoundException("District", request.Code);
        GovernanceAccess.EnsureMayReadDistrict(caller, district.Code);

        var tally = await db.ServiceHallTallyAsync(district.Code, context.CancellationToken);
        return GovernanceMapping.ToProto(district, tally);
    }

    public override async Task<DistrictReport> GetDistrictReport(GetDistrictReportRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        if (string.IsNullOrWhiteSpace(request.DistrictCode)) throw new ValidationFailedException("districtCode", "is required");
        var code = request.DistrictCode;
        if (!await db.Districts.AnyAsync(d => d.Code == code, context.CancellationToken)) throw new NotFoundException("District", code);
        GovernanceAccess.EnsureMayReadReport(caller, code);

        var ct = context.CancellationToken;
        var report = Domain.DistrictReport.Build(code,
            await db.Grids.AsNoTracking().Where(g => g.DistrictCode == code).ToListAsync(ct),
            await db.Cases.AsNoTracking().Where(c => c.DistrictCode == code).ToListAsync(ct),
            await db.Mediations.AsNoTracking().Where(m => m.DistrictCode == code).ToListAsync(ct),
            await db.GridTeamMembers.AsNoTracking().Where(m => m.DistrictCode == code).ToListAsync(ct),
            clock.GetUtcNow(), calendar);
        return GovernanceMapping.ToProto(report, await db.ServiceHallTallyAsync(code, ct));
    }

    public override async Task<ProtoCase> ReportCase(ReportCaseRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var grid = string.IsNullOrWhiteSpace(request.GridCode)
            ? null
            : await db.Grids.AsNoTracking().FirstOrDefaultAsync(g => g.Code == request.GridCode, context.CancellationToken);
        var draft = new CaseDraft(request.GridCode, GovernanceMapping.FromProto(request.Source), request.Category,
            request.Description, request.PhotoRefs);
        var reported = Domain.Case.Report(grid, draft, caller, clock.GetUtcNow());

        db.Cases.Add(reported);
        db.AddIntegrationEvent(new CaseReported(reported.Id, reported.DistrictCode, reported.GridCode, reported.Category,
            GovernanceMapping.SourceName(reported.Source), reported.ReportedAt));
        await db.SaveChangesAsync(context.CancellationToken);
        return ToProto(reported);
    }

    public override async Task<ProtoCase> GetCase(GetCaseRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var caseId = ParseId(request.Id);
        var found = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, context.CancellationToken)
            ?? throw new NotFoundException("Case", request.Id);
        GovernanceAccess.EnsureMaySee(await ActorAsync(caller, found, context.CancellationToken), found);
        return ToProto(found);
    }

    public override async Task<ListCasesResponse> ListCases(ListCasesRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        new Validator()
            .Require(request.PageSize >= 0, "pageSize", "must not be negative")
            .Require(PageToken.TryDecode(request.PageToken, out var offset), "pageToken", "is not a token this API issued")
            .Require(System.Enum.IsDefined(request.Status), "status", "is not a known status")
            .ThrowIfInvalid();
        var pageSize = request.PageSize == 0 ? PageToken.DefaultPageSize : Math.Min(request.PageSize, PageToken.MaxPageSize);

        var query = await VisibleCasesAsync(caller, context.CancellationToken);
        if (request.Status != Contracts.V1.CaseStatus.Unspecified)
        {
            var status = (Domain.CaseStatus)(int)request.Status;
            query = query.Where(c => c.Status == status);
        }
        if (!string.IsNullOrEmpty(request.GridCode)) query = query.Where(c => c.GridCode == request.GridCode);
        if (request.OverdueOnly)
        {
            // a case is overdue once a working day has passed after its due day (Case.IsOverdue), that is when it
            // was due before the last working day up to today
            var lastWorkingDay = LastWorkingDayUpTo(WorkingDayCalendar.ChinaDateOf(clock.GetUtcNow()));
            var running = Domain.Case.ClockRunning.ToList();
            query = query.Where(c => running.Contains(c.Status) && c.DueOn < lastWorkingDay);
        }

        var page = await query.OrderByDescending(c => c.ReportedAt).ThenByDescending(c => c.Id)
            .Skip(offset).Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var response = new ListCasesResponse { Cases = { page.Take(pageSize).Select(ToProto) } };
        if (page.Count > pageSize) response.NextPageToken = PageToken.Encode(offset + pageSize);
        return response;
    }

    public override async Task<VerifierSuggestion> SuggestVerifier(SuggestVerifierRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var caseId = ParseId(request.Id);
        var ct = context.CancellationToken;
        var found = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, ct) ?? throw new NotFoundException("Case", request.Id);
        GovernanceAccess.EnsureMayTriage(await ActorAsync(caller, found, ct), found);

        var members = await db.GridTeamMembers.AsNoTracking().Where(m => m.DistrictCode == found.DistrictCode && m.Active).ToListAsync(ct);
        var ids = members.Select(m => m.PersonId).Distinct().ToList();
        var settled = Domain.Case.Settled.ToList();
        var held = await db.Cases.AsNoTracking()
            .Where(c => c.DistrictCode == found.DistrictCode && c.VerifierId != null && ids.Contains(c.VerifierId) && !settled.Contains(c.Status))
            .GroupBy(c => c.VerifierId!).Select(g => new { PersonId = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.PersonId, x => x.Count, ct);
        var suggestion = DispatchSuggestion.Suggest(found, members.Select(m => new TeamWorkload(m, held.GetValueOrDefault(m.PersonId))).ToList())
            ?? throw new NotFoundException("Grid team member in district", found.DistrictCode);
        return new VerifierSuggestion
        {
            PersonId = suggestion.Member.PersonId,
            Name = suggestion.Member.Name,
            GridCode = suggestion.Member.GridCode,
            OpenCases = suggestion.OpenCases,
            FromDistrict = suggestion.Member.GridCode != found.GridCode,
        };
    }

    public override Task<ProtoCase> BeginVerification(CaseActionRequest request, ServerCallContext context) =>
        ChangeAsync(request.Id, context, (c, actor, now) => c.BeginVerification(actor, now));

    public override Task<ProtoCase> VoidCase(CaseReasonRequest request, ServerCallContext context) =>
        ChangeAsync(request.Id, context, (c, actor, now) => c.Void(actor, request.Reason, now));

    public override Task<ProtoCase> SelfResolveCase(CaseNoteRequest request, ServerCallContext context) =>
        ChangeAsync(request.Id, context, (c, actor, now) => c.SelfResolve(actor, request.Note, now));

    public override Task<ProtoCase> FileCase(CaseActionRequest request, ServerCallContext context) =>
        ChangeAsync(request.Id, context, (c, actor, now) => c.File(actor, now));

    public override Task<ProtoCase> DispatchCase(DispatchCaseRequest request, ServerCallContext context)
    {
        var (hasModule, hasDepartment) = (!string.IsNullOrWhiteSpace(request.ModuleCode), !string.IsNullOrWhiteSpace(request.DepartmentCode));
        AssigneeKind? kind = (hasModule, hasDepartment) switch
        {
            (true, false) => AssigneeKind.Module,
            (false, true) => AssigneeKind.Department,
            _ => null,
        };
        var code = kind == AssigneeKind.Module ? request.ModuleCode : request.DepartmentCode;
        return ChangeAsync(request.Id, context, (c, actor, now) => c.Dispatch(actor, kind, code, now, calendar));
    }

    public override Task<ProtoCase> AcknowledgeCase(CaseActionRequest request, ServerCallContext context) =>
        ChangeAsync(request.Id, context, (c, actor, now) => c.Acknowledge(actor, now));

    public override Task<ProtoCase> ReturnCase(CaseReasonRequest request, ServerCallContext context) =>
        ChangeAsync(request.Id, context, (c, actor, now) => c.Return(actor, request.Reason, now));

    public override Task<ProtoCase> StartCaseWork(CaseActionRequest request, ServerCallContext context) =>
        ChangeAsync(request.Id, context, (c, actor, now) => c.StartWork(actor, now));

    public override Task<ProtoCase> MarkCaseHandled(CaseNoteRequest request, ServerCallContext context) =>
        ChangeAsync(request.Id, context, (c, actor, now) => c.MarkHandled(actor, request.Note, now));

    public override Task<ProtoCase> VerifyCaseHandling(VerifyCaseHandlingRequest request, ServerCallContext context) =>
        ChangeAsync(request.Id, context, (c, actor, now) => c.VerifyHandling(actor, request.Passed, NullIfEmpty(request.Note), now));

    public override Task<ProtoCase> CloseCase(CloseCaseRequest request, ServerCallContext context) =>
        ChangeAsync(request.Id, context, (c, actor, now) => c.Close(actor, GovernanceMapping.FromProto(request.Reason), now, calendar));

    public override Task<ProtoCase> EvaluateCase(EvaluateCaseRequest request, ServerCallContext context) =>
        ChangeAsync(request.Id, context, (c, actor, now) =>
        {
            GovernanceAccess.EnsureMaySee(actor, c);
            c.Evaluate(actor.Caller, request.Score, NullIfEmpty(request.Comment), now);
        });

    public override async Task<GridTeam> ListGridTeam(ListGridTeamRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var grid = await GridAsync(request.GridCode, context.CancellationToken) ?? throw new NotFoundException("Grid", request.GridCode);
        GovernanceAccess.EnsureMayReadDistrict(caller, grid.DistrictCode);
        return await TeamAsync(grid, context.CancellationToken);
    }

    public override async Task<GridTeam> AddGridTeamMember(AddGridTeamMemberRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var grid = await GridAsync(request.GridCode, context.CancellationToken);
        var from = ParseDate(request.SecondedFrom, "secondedFrom");
        var until = ParseDate(request.SecondedUntil, "secondedUntil");
        var personId = request.PersonId.Trim();
        var onTeam = grid is not null && await db.GridTeamMembers.AnyAsync(
            m => m.GridCode == grid.Code && m.PersonId == personId, context.CancellationToken);
        var draft = new GridTeamMemberDraft(request.GridCode, request.PersonId, request.Name, NullIfEmpty(request.HomeDepartmentCode),
            NullIfEmpty(request.ModuleCode), from, until);
        db.GridTeamMembers.Add(GridTeamMember.Add(grid, draft, onTeam, caller));
        await SaveAsync(context.CancellationToken, $"'{personId}' was added to the team of {request.GridCode} at the same moment.");
        return await TeamAsync(grid!, context.CancellationToken);
    }

    // ---- deliberation ---------------------------------------------------------------------------------

    /// <summary>The livelihood service's project categories without their prefix: what a proposal's category must be.</summary>
    private static readonly IReadOnlySet<string> LivelihoodCategories = Longgang.Livelihood.Contracts.V1.LivelihoodReflection.Descriptor
        .FindTypeByName<Google.Protobuf.Reflection.EnumDescriptor>("ProjectCategory").Values
        .Where(v => v.Number != 0).Select(v => v.Name["PROJECT_CATEGORY_".Length..]).ToHashSet();

    public override async Task<ProtoMeeting> ScheduleMeeting(ScheduleMeetingRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var draft = new MeetingDraft(request.DistrictCode, request.Title, ParseDate(request.HeldOn, "heldOn"), request.Agenda);
        var meeting = DeliberationMeeting.Schedule(draft, caller, clock.GetUtcNow());
        db.DeliberationMeetings.Add(meeting);
        await db.SaveChangesAsync(context.CancellationToken);
        return GovernanceMapping.ToProto(meeting);
    }

    public override async Task<ProtoMeeting> GetMeeting(GetMeetingRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var id = ParseId(request.Id, "a meeting id");
        var meeting = await db.DeliberationMeetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, context.CancellationToken)
            ?? throw new NotFoundException("Meeting", request.Id);
        DeliberationMeeting.EnsureMayRead(caller, meeting.DistrictCode);
        return GovernanceMapping.ToProto(meeting);
    }

    public override async Task<ProtoMeeting> RecordMeetingOutcome(RecordMeetingOutcomeRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var id = ParseId(request.Id, "a meeting id");
        var meeting = await db.DeliberationMeetings.FirstOrDefaultAsync(m => m.Id == id, context.CancellationToken)
            ?? throw new NotFoundException("Meeting", request.Id);
        DeliberationMeeting.EnsureMayRead(caller, meeting.DistrictCode);
        var resolutions = request.Resolutions.Select(r => new ResolutionDraft(r.Text, r.LivelihoodProposal, NullIfEmpty(r.ProposalTitle),
            NullIfEmpty(r.Category), NullIfEmpty(r.Rationale), r.EstimatedCostYuan == 0 ? null : r.EstimatedCostYuan, r.Year)).ToList();
        meeting.RecordOutcome(caller, request.Attendees, request.Minutes, resolutions, LivelihoodCategories, clock.GetUtcNow());
        foreach (var integrationEvent in meeting.PendingEvents) db.AddIntegrationEvent(integrationEvent);
        await SaveAsync(context.CancellationToken, "The meeting's outcome was recorded by someone else at the same moment.");
        return GovernanceMapping.ToProto(meeting);
    }

    // ---- mediation ------------------------------------------------------------------------------------

    public override async Task<Mediation> OpenMediation(OpenMediationRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var mediation = MediationCase.Open(new MediationDraft(request.DistrictCode, request.Parties, request.Facts, request.MediatorId),
            caller, clock.GetUtcNow());
        db.Mediations.Add(mediation);
        await db.SaveChangesAsync(context.CancellationToken);
        return GovernanceMapping.ToProto(mediation);
    }

    public override async Task<Mediation> GetMediation(GetMediationRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var id = ParseId(request.Id, "a mediation id");
        var mediation = await db.Mediations.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, context.CancellationToken)
            ?? throw new NotFoundException("Mediation", request.Id);
        mediation.EnsureMaySee(caller);
        return GovernanceMapping.ToProto(mediation);
    }

    public override Task<Mediation> ExtendMediation(ExtendMediationRequest request, ServerCallContext context)
    {
        var newDueOn = ParseDate(request.NewDueOn, "newDueOn");
        return ChangeMediationAsync(request.Id, context, (m, caller, now) => m.Extend(caller, request.BothPartiesAgree, newDueOn, now));
    }

    public override Task<Mediation> ConcludeMediation(ConcludeMediationRequest request, ServerCallContext context) =>
        ChangeMediationAsync(request.Id, context, (m, caller, now) =>
            m.Conclude(caller, request.Agreed, NullIfEmpty(request.AgreementTerms), NullIfEmpty(request.Note), now));

    public override Task<Mediation> RecordMediationFollowUp(RecordMediationFollowUpRequest request, ServerCallContext context) =>
        ChangeMediationAsync(request.Id, context, (m, caller, now) => m.RecordFollowUp(caller, request.Honoured, NullIfEmpty(request.Note), now));

    private async Task<Mediation> ChangeMediationAsync(string id, ServerCallContext context, Action<MediationCase, Caller, DateTimeOffset> change)
    {
        var caller = context.GetCaller();
        var mediationId = ParseId(id, "a mediation id");
        var mediation = await db.Mediations.FirstOrDefaultAsync(m => m.Id == mediationId, context.CancellationToken)
            ?? throw new NotFoundException("Mediation", id);
        mediation.EnsureMaySee(caller);
        change(mediation, caller, clock.GetUtcNow());
        foreach (var integrationEvent in mediation.PendingEvents) db.AddIntegrationEvent(integrationEvent);
        await SaveAsync(context.CancellationToken, "The mediation was changed by someone else at the same moment; read it again and retry.");
        return GovernanceMapping.ToProto(mediation);
    }

    // ---- helpers --------------------------------------------------------------------------------------

    /// <summary>Load (404), let the domain check and change it (403, 400, 409), then save the change with its events.</summary>
    private async Task<ProtoCase> ChangeAsync(string id, ServerCallContext context, Action<Domain.Case, CaseActor, DateTimeOffset> change)
    {
        var caller = context.GetCaller();
        var caseId = ParseId(id);
        var found = await db.Cases.FirstOrDefaultAsync(c => c.Id == caseId, context.CancellationToken)
            ?? throw new NotFoundException("Case", id);
        change(found, await ActorAsync(caller, found, context.CancellationToken), clock.GetUtcNow());
        foreach (var integrationEvent in found.PendingEvents) db.AddIntegrationEvent(integrationEvent);
        await SaveAsync(context.CancellationToken, "The case was changed by someone else at the same moment; read it again and retry.");
        return ToProto(found);
    }

    private Task SaveAsync(CancellationToken cancellationToken, string conflictMessage) =>
        db.SaveOrConflictAsync(conflictMessage, cancellationToken);

    /// <summary>The caller with what the directory says about them: whether they are on the case's grid team.</summary>
    private async Task<CaseActor> ActorAsync(Caller caller, Domain.Case c, CancellationToken cancellationToken)
    {
        var onTeam = caller.Is(PlatformRoles.GridWorker) && c.GridCode != ""
            && await db.GridTeamMembers.AnyAsync(m => m.GridCode == c.GridCode && m.PersonId == caller.Subject && m.Active, cancellationToken);
        return new CaseActor(caller, onTeam);
    }

    /// <summary>The cases <see cref="GovernanceAccess.CanSeeCase"/> lets the caller see, as a query.</summary>
    private async Task<IQueryable<Domain.Case>> VisibleCasesAsync(Caller caller, CancellationToken cancellationToken)
    {
        var cases = db.Cases.AsNoTracking();
        var subject = caller.Subject;
        switch (caller.Role)
        {
            case PlatformRoles.CityAdmin:
                return cases;
            case PlatformRoles.DistrictAdmin when caller.DistrictCode is { } district:
                return cases.Where(c => c.DistrictCode == district || c.ReporterId == subject);
            case PlatformRoles.GridWorker:
                var grids = await db.GridTeamMembers.AsNoTracking().Where(m => m.PersonId == subject && m.Active)
                    .Select(m => m.GridCode).ToListAsync(cancellationToken);
                return cases.Where(c => grids.Contains(c.GridCode) || c.ReporterId == subject);
            case PlatformRoles.Clerk or PlatformRoles.Supervisor when caller.DepartmentCode is { } department:
                return cases.Where(c => (c.AssigneeKind == AssigneeKind.Department && c.AssigneeCode == department) || c.ReporterId == subject);
            default:
                return cases.Where(c => c.ReporterId == subject);
        }
    }

    private DateOnly LastWorkingDayUpTo(DateOnly day)
    {
        var candidate = day;
        while (!calendar.IsWorkingDay(candidate)) candidate = candidate.AddDays(-1);
        return candidate;
    }

    private ProtoCase ToProto(Domain.Case c) => GovernanceMapping.ToProto(c, c.IsOverdue(clock.GetUtcNow(), calendar), c.DueBasis(calendar));

    private Task<Domain.Grid?> GridAsync(string code, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(code)
            ? Task.FromResult<Domain.Grid?>(null)
            : db.Grids.AsNoTracking().FirstOrDefaultAsync(g => g.Code == code, cancellationToken);

    private async Task<GridTeam> TeamAsync(Domain.Grid grid, CancellationToken cancellationToken)
    {
        var members = await db.GridTeamMembers.AsNoTracking().Where(m => m.GridCode == grid.Code)
            .OrderBy(m => m.PersonId).ToListAsync(cancellationToken);
        return GovernanceMapping.ToProto(grid, members);
    }

    private static Guid ParseId(string id, string what = "a case id") =>
        Guid.TryParse(id, out var parsed) ? parsed : throw new ValidationFailedException("id", $"must be {what} (a UUID)");

    private static DateOnly? ParseDate(string value, string field) =>
        string.IsNullOrEmpty(value) ? null
        : DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new ValidationFailedException(field, "must be a date as yyyy-MM-dd");

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
