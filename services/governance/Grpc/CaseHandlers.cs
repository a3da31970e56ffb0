using Longgang.Governance.Contracts.V1;
using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Calendar;
using Longgang.Platform.Data;
using Longgang.Platform.Domain;
using Longgang.Platform.Errors;
using Microsoft.EntityFrameworkCore;
using AssigneeKind = Longgang.Governance.Domain.AssigneeKind;
using ProtoCase = Longgang.Governance.Contracts.V1.Case;

namespace Longgang.Governance.Grpc;

/// <summary>Cases: reporting, reading and listing them, and moving them along the workflow.</summary>
public sealed class CaseHandlers(GovernanceDbContext db, TimeProvider clock, WorkingDayCalendar calendar)
{
    public async Task<ProtoCase> ReportAsync(ReportCaseRequest request, Caller caller, CancellationToken ct)
    {
        var grid = string.IsNullOrWhiteSpace(request.GridCode)
            ? null
            : await db.Grids.AsNoTracking().FirstOrDefaultAsync(g => g.Code == request.GridCode, ct);
        var draft = new CaseDraft(request.GridCode, ProtoEnums.ToDomain<Domain.CaseSource>(request.Source), request.Category,
            request.Description, request.PhotoRefs);
        var reported = Domain.Case.Report(grid, draft, caller, clock.GetUtcNow());
        db.Cases.Add(reported);
        await db.SaveChangesAsync(ct);
        return ToProto(reported);
    }

    public async Task<ProtoCase> GetAsync(GetCaseRequest request, Caller caller, CancellationToken ct)
    {
        var caseId = ParseId(request.Id);
        var found = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, ct) ?? throw new NotFoundException("Case", request.Id);
        GovernanceAccess.EnsureMaySee(await ActorAsync(caller, found, ct), found);
        return ToProto(found);
    }

    public async Task<ListCasesResponse> ListAsync(ListCasesRequest request, Caller caller, CancellationToken ct)
    {
        var validator = new Validator().RequirePage(request.PageSize, request.PageToken, out var paging);
        var status = validator.Enum<Domain.CaseStatus>(request.HasStatus, request.Status, "status");
        var source = validator.Enum<Domain.CaseSource>(request.HasSource, request.Source, "source");
        var level = validator.Enum<Domain.EscalationLevel>(request.HasEscalationLevel, request.EscalationLevel, "escalationLevel");
        var from = validator.Date(request.HasFromDate, request.FromDate, "fromDate");
        var to = validator.Date(request.HasToDate, request.ToDate, "toDate");
        validator.Require(from is null || to is null || from <= to, "toDate", "must not be before fromDate").ThrowIfInvalid();

        var district = request.HasDistrictCode ? request.DistrictCode : null;
        var assignee = request.HasAssigneeCode ? request.AssigneeCode : null;
        GovernanceAccess.EnsureMayFilterDistrict(caller, district);
        GovernanceAccess.EnsureMayFilterAssignee(caller, assignee);
        var query = await VisibleCasesAsync(caller, ct);
        if (request.HasGridCode)
        {
            query = query.Where(c => c.GridCode == request.GridCode);
            await EnsureMayFilterGridAsync(caller, request.GridCode, ct);
        }

        if (district is not null) query = query.Where(c => c.DistrictCode == district);
        if (assignee is not null) query = query.Where(c => c.AssigneeCode == assignee);
        if (status is not null) query = query.Where(c => c.Status == status);
        if (source is not null) query = query.Where(c => c.Source == source);
        if (level is not null) query = query.Where(c => c.EscalationLevel == level);
        if (request.HasAwaitingCorrection) query = query.Where(c => c.AwaitingCorrection == request.AwaitingCorrection);
        if (request.HasCategory)
        {
            var category = TextRules.Normalize(request.Category).Trim().ToLowerInvariant();
            query = query.Where(c => c.Category.ToLower() == category);
        }

        if (from is { } first) query = query.Where(c => c.ReportedAt >= ListFilters.StartOf(first));
        if (to is { } last) query = query.Where(c => c.ReportedAt < ListFilters.StartOf(last.AddDays(1)));
        if (ListFilters.Query(request.HasQuery, request.Query) is { } text)
            query = query.Where(c => c.Description.ToLower().Contains(text) || c.Category.ToLower().Contains(text));
        if (request.HasOverdue)
        {
            // a case is overdue once a working day has passed after its due day (Case.IsOverdue), that is when it
            // was due before the last working day up to today
            var lastWorkingDay = LastWorkingDayUpTo(WorkingDayCalendar.ChinaDateOf(clock.GetUtcNow()));
            var running = Domain.Case.ClockRunning.ToList();
            query = request.Overdue
                ? query.Where(c => running.Contains(c.Status) && c.DueOn < lastWorkingDay)
                : query.Where(c => !running.Contains(c.Status) || c.DueOn == null || c.DueOn >= lastWorkingDay);
        }

        var page = await query.OrderByDescending(c => c.ReportedAt).ThenByDescending(c => c.Id).ToPageAsync(paging, ct);
        return new ListCasesResponse { Cases = { page.Items.Select(ToProto) }, NextPageToken = page.NextPageToken, TotalSize = page.TotalSize };
    }

    /// <summary>A grid worker may name only a grid whose team they are on, a district admin only a grid of their district.</summary>
    private async Task EnsureMayFilterGridAsync(Caller caller, string gridCode, CancellationToken ct)
    {
        var refused = caller.Role switch
        {
            PlatformRoles.GridWorker => !await db.GridTeamMembers.AnyAsync(m => m.GridCode == gridCode && m.PersonId == caller.Subject && m.Active, ct),
            PlatformRoles.DistrictAdmin => await db.Grids.AnyAsync(g => g.Code == gridCode && g.DistrictCode != caller.DistrictCode, ct),
            _ => false,
        };
        if (refused) throw new ForbiddenException("You may only list the cases of your own grids or district.");
    }

    public async Task<VerifierSuggestion> SuggestVerifierAsync(SuggestVerifierRequest request, Caller caller, CancellationToken ct)
    {
        var caseId = ParseId(request.Id);
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

    /// <summary>Exactly one of moduleCode and departmentCode names the assignee; the domain reports anything else.</summary>
    public Task<ProtoCase> DispatchAsync(DispatchCaseRequest request, Caller caller, CancellationToken ct)
    {
        var (hasModule, hasDepartment) = (!string.IsNullOrWhiteSpace(request.ModuleCode), !string.IsNullOrWhiteSpace(request.DepartmentCode));
        AssigneeKind? kind = (hasModule, hasDepartment) switch
        {
            (true, false) => AssigneeKind.Module,
            (false, true) => AssigneeKind.Department,
            _ => null,
        };
        var code = kind == AssigneeKind.Module ? request.ModuleCode : request.DepartmentCode;
        return ChangeAsync(request.Id, caller, (c, actor, now) => c.Dispatch(actor, kind, code, now, calendar), ct);
    }

    /// <summary>A case's files, for whoever may see it (404, then 403).</summary>
    public async Task<ListCaseFilesResponse> ListFilesAsync(ListCaseFilesRequest request, Caller caller, CancellationToken ct)
    {
        var found = await CaseForFilesAsync(request.CaseId, "caseId", caller, attach: false, ct);
        new Validator().RequirePage(request.PageSize, request.PageToken, out var paging).ThrowIfInvalid();
        var page = await db.Files.AsNoTracking().Where(f => f.RecordId == found.Id)
            .OrderBy(f => f.UploadedAt).ThenBy(f => f.Id).ToPageAsync(paging, ct);
        return new ListCaseFilesResponse { Files = { page.Items.Select(GovernanceMapping.ToProto) }, NextPageToken = page.NextPageToken, TotalSize = page.TotalSize };
    }

    /// <summary>The case a file request names: 400 for a malformed id, 404 unknown, 403 when the caller may not see it (or attach to it).</summary>
    public async Task<Domain.Case> CaseForFilesAsync(string id, string field, Caller caller, bool attach, CancellationToken ct)
    {
        var caseId = RequestParsing.Id(id, field, "a case id");
        var found = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, ct) ?? throw new NotFoundException("Case", id);
        var actor = await ActorAsync(caller, found, ct);
        if (attach) GovernanceAccess.EnsureMayAttach(actor, found);
        else GovernanceAccess.EnsureMaySee(actor, found);
        return found;
    }

    /// <summary>Load (404), let the domain check and change it (403, 400, 409), then save the change with its events.</summary>
    public async Task<ProtoCase> ChangeAsync(string id, Caller caller, Action<Domain.Case, CaseActor, DateTimeOffset> change, CancellationToken ct)
    {
        var caseId = ParseId(id);
        var found = await db.Cases.FirstOrDefaultAsync(c => c.Id == caseId, ct) ?? throw new NotFoundException("Case", id);
        change(found, await ActorAsync(caller, found, ct), clock.GetUtcNow());
        await db.SaveOrConflictAsync("The case was changed by someone else at the same moment; read it again and retry.", ct);
        return ToProto(found);
    }

    /// <summary>The caller with what the directory says about them: whether they are on the case's grid team.</summary>
    private async Task<CaseActor> ActorAsync(Caller caller, Domain.Case c, CancellationToken ct)
    {
        var onTeam = caller.Is(PlatformRoles.GridWorker) && c.GridCode != ""
            && await db.GridTeamMembers.AnyAsync(m => m.GridCode == c.GridCode && m.PersonId == caller.Subject && m.Active, ct);
        return new CaseActor(caller, onTeam);
    }

    /// <summary>The cases <see cref="GovernanceAccess.CanSeeCase"/> lets the caller see, as a query.</summary>
    private async Task<IQueryable<Domain.Case>> VisibleCasesAsync(Caller caller, CancellationToken ct)
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
                    .Select(m => m.GridCode).ToListAsync(ct);
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

    private static Guid ParseId(string id) => RequestParsing.Id(id, "id", "a case id");
}
