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
using PostKind = Longgang.Governance.Domain.PostKind;
using ProtoCase = Longgang.Governance.Contracts.V1.Case;

namespace Longgang.Governance.Grpc;

/// <summary>Cases: reporting, reading and listing them, and moving them along the workflow.</summary>
public sealed class CaseHandlers(GovernanceDbContext db, TimeProvider clock, WorkingDayCalendar calendar, CaseOwners owners)
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
        var owner = request.HasOwnerId ? (request.OwnerId == "me" ? caller.Subject : request.OwnerId) : null;
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
        if (owner is not null) query = query.Where(c => c.OwnerId == owner); // within what the caller sees, as every filter
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
            var lastWorkingDay = calendar.LastWorkingDayUpTo(WorkingDayCalendar.ChinaDateOf(clock.GetUtcNow()));
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
            PlatformRoles.GridWorker => !await db.OnGridTeamAsync(caller.Subject, gridCode, Today(), ct),
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

        var today = Today();
        var posts = await db.PostsHeldOn(today).AsNoTracking().Where(p => p.DistrictCode == found.DistrictCode && p.Kind == PostKind.GridTeam).ToListAsync(ct);
        var ids = posts.Select(m => m.PersonId).Distinct().ToList();
        var settled = Domain.Case.Settled.ToList();
        var held = await db.Cases.AsNoTracking()
            .Where(c => c.DistrictCode == found.DistrictCode && c.VerifierId != null && ids.Contains(c.VerifierId) && !settled.Contains(c.Status))
            .GroupBy(c => c.VerifierId!).Select(g => new { PersonId = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.PersonId, x => x.Count, ct);
        var suggestion = DispatchSuggestion.SuggestVerifier(found, posts.Select(p => new Workload(p, held.GetValueOrDefault(p.PersonId))).ToList(), today)
            ?? throw new NotFoundException("Grid team member in district", found.DistrictCode);
        return new VerifierSuggestion
        {
            PersonId = suggestion.Post.PersonId,
            Name = suggestion.Post.Name,
            GridCode = suggestion.Post.GridCode!,
            OpenCases = suggestion.OpenCases,
            FromDistrict = suggestion.Post.GridCode != found.GridCode,
        };
    }

    /// <summary>
    /// The least-loaded candidate to handle the case: holders of the module's post in its district, or the department's
    /// staff seconded on the day. Load is the unsettled cases whose work they started (the history's IN_PROGRESS step).
    /// </summary>
    public async Task<HandlerSuggestion> SuggestHandlerAsync(SuggestHandlerRequest request, Caller caller, CancellationToken ct)
    {
        var caseId = ParseId(request.Id);
        var found = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, ct) ?? throw new NotFoundException("Case", request.Id);
        GovernanceAccess.EnsureMayDispatch(await ActorAsync(caller, found, ct), found);
        var (module, department) = (Named(request.HasModuleCode, request.ModuleCode), Named(request.HasDepartmentCode, request.DepartmentCode));
        if (module is null && department is null)
        {
            department = found.AssigneeKind == AssigneeKind.Department ? found.AssigneeCode : null;
            module = found.AssigneeKind == AssigneeKind.Module ? found.AssigneeCode : null;
        }
        new Validator()
            .Require(module is null || department is null, "moduleCode", "give exactly one of moduleCode and departmentCode")
            .Require(module is not null || department is not null, "moduleCode", "is required until the case is dispatched (or give departmentCode)")
            .Require(module is null || Domain.WorkModule.All.Any(m => m.Code == module), "moduleCode", "no work module '{0}'", module)
            .Require(department is null || ReferenceData.IsDepartment(department), "departmentCode", "no department '{0}'", department)
            .ThrowIfInvalid();

        var today = Today();
        var candidates = module is not null
            ? db.PostsHeldOn(today).Where(p => p.Kind == PostKind.Module && p.DistrictCode == found.DistrictCode && p.ModuleCode == module)
            : db.PostsHeldOn(today).Where(p => p.Kind == PostKind.Module && p.SecondmentId != null
                && db.Secondments.Any(s => s.Id == p.SecondmentId && s.HomeDepartmentCode == department));
        var posts = await candidates.AsNoTracking().ToListAsync(ct);
        var ids = posts.Select(p => p.PersonId).Distinct().ToList();
        var settled = Domain.Case.Settled.ToList();
        var started = await db.Cases.AsNoTracking()
            .Where(c => !settled.Contains(c.Status) && c.History.Any(h => h.Status == Domain.CaseStatus.InProgress && ids.Contains(h.Actor)))
            .Select(c => c.History.Where(h => h.Status == Domain.CaseStatus.InProgress && ids.Contains(h.Actor)).Select(h => h.Actor).ToList())
            .ToListAsync(ct);
        var working = started.SelectMany(actors => actors.Distinct()).GroupBy(a => a).ToDictionary(g => g.Key, g => g.Count());
        var suggestion = DispatchSuggestion.SuggestHandler(posts.Select(p => new Workload(p, working.GetValueOrDefault(p.PersonId))).ToList(), today)
            ?? throw new NotFoundException(module is not null ? "Module post holder in district" : "Seconded staff of department", module ?? department!);
        var proto = new HandlerSuggestion
        {
            PersonId = suggestion.Post.PersonId,
            Name = suggestion.Post.Name,
            DistrictCode = suggestion.Post.DistrictCode,
            ModuleCode = suggestion.Post.ModuleCode!,
            OpenCases = suggestion.OpenCases,
        };
        if (department is not null) proto.HomeDepartmentCode = department;
        return proto;
    }

    /// <summary>
    /// Hands an escalated case to another holder of its level's post: its community's lead (community level), its
    /// district office (district level), or a configured city owner (city level).
    /// </summary>
    public Task<ProtoCase> ReassignAsync(ReassignCaseRequest request, Caller caller, CancellationToken ct)
    {
        var ownerId = request.OwnerId.Trim();
        return ChangeAsync(request.Id, caller, async (c, actor, now) =>
        {
            GovernanceAccess.EnsureMayDispatch(actor, c); // who before looking the person up
            var holds = await owners.HoldsLevelPostAsync(c, ownerId, WorkingDayCalendar.ChinaDateOf(now), ct);
            c.Reassign(actor, ownerId, holds, request.Reason, now);
        }, ct);
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
    public Task<ProtoCase> ChangeAsync(string id, Caller caller, Action<Domain.Case, CaseActor, DateTimeOffset> change, CancellationToken ct) =>
        ChangeAsync(id, caller, (c, actor, now) =>
        {
            change(c, actor, now);
            return Task.CompletedTask;
        }, ct);

    /// <summary>As above, for a change that reads the directory first.</summary>
    public async Task<ProtoCase> ChangeAsync(string id, Caller caller, Func<Domain.Case, CaseActor, DateTimeOffset, Task> change, CancellationToken ct)
    {
        var caseId = ParseId(id);
        var found = await db.Cases.FirstOrDefaultAsync(c => c.Id == caseId, ct) ?? throw new NotFoundException("Case", id);
        await change(found, await ActorAsync(caller, found, ct), clock.GetUtcNow());
        await db.SaveOrConflictAsync("The case was changed by someone else at the same moment; read it again and retry.", ct);
        return ToProto(found);
    }

    /// <summary>
    /// The caller with what the directory says about them today: whether they hold a post on the case's grid team, and
    /// whether they hold the post of the district module it is dispatched to.
    /// </summary>
    private async Task<CaseActor> ActorAsync(Caller caller, Domain.Case c, CancellationToken ct)
    {
        var today = Today();
        var onTeam = caller.Is(PlatformRoles.GridWorker) && c.GridCode != "" && await db.OnGridTeamAsync(caller.Subject, c.GridCode, today, ct);
        var inModule = c.AssigneeKind == AssigneeKind.Module && await db.PostsHeldOn(today)
            .AnyAsync(p => p.PersonId == caller.Subject && p.Kind == PostKind.Module && p.DistrictCode == c.DistrictCode && p.ModuleCode == c.AssigneeCode, ct);
        return new CaseActor(caller, onTeam, inModule);
    }

    /// <summary>The cases <see cref="GovernanceAccess.CanSeeCase"/> lets the caller see, as a query.</summary>
    private async Task<IQueryable<Domain.Case>> VisibleCasesAsync(Caller caller, CancellationToken ct)
    {
        var cases = db.Cases.AsNoTracking();
        var subject = caller.Subject;
        if (caller.IsCityAdmin) return cases;
        var today = Today();
        // whatever the role: the cases dispatched to a module whose post they hold, and those escalated to them
        var modules = (await db.PostsHeldOn(today).AsNoTracking().Where(p => p.PersonId == subject && p.Kind == PostKind.Module)
            .Select(p => new { p.DistrictCode, p.ModuleCode }).ToListAsync(ct)).Select(p => p.DistrictCode + "/" + p.ModuleCode).ToList();
        switch (caller.Role)
        {
            case PlatformRoles.DistrictAdmin when caller.DistrictCode is { } district:
                return cases.Where(c => c.DistrictCode == district || c.ReporterId == subject
                    || c.OwnerId == subject || (c.AssigneeKind == AssigneeKind.Module && modules.Contains(c.DistrictCode + "/" + c.AssigneeCode)));
            case PlatformRoles.GridWorker:
                var grids = await db.PostsHeldOn(today).AsNoTracking().Where(p => p.PersonId == subject && p.Kind == PostKind.GridTeam)
                    .Select(p => p.GridCode).ToListAsync(ct);
                return cases.Where(c => grids.Contains(c.GridCode) || c.ReporterId == subject
                    || c.OwnerId == subject || (c.AssigneeKind == AssigneeKind.Module && modules.Contains(c.DistrictCode + "/" + c.AssigneeCode)));
            case PlatformRoles.Clerk or PlatformRoles.Supervisor when caller.DepartmentCode is { } department:
                return cases.Where(c => (c.AssigneeKind == AssigneeKind.Department && c.AssigneeCode == department) || c.ReporterId == subject
                    || c.OwnerId == subject || (c.AssigneeKind == AssigneeKind.Module && modules.Contains(c.DistrictCode + "/" + c.AssigneeCode)));
            default:
                return cases.Where(c => c.ReporterId == subject
                    || c.OwnerId == subject || (c.AssigneeKind == AssigneeKind.Module && modules.Contains(c.DistrictCode + "/" + c.AssigneeCode)));
        }
    }

    private ProtoCase ToProto(Domain.Case c) => GovernanceMapping.ToProto(c, c.IsOverdue(clock.GetUtcNow(), calendar), c.DueBasis(calendar));

    private DateOnly Today() => WorkingDayCalendar.ChinaDateOf(clock.GetUtcNow());

    private static string? Named(bool given, string value) => given && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static Guid ParseId(string id) => RequestParsing.Id(id, "id", "a case id");
}
