using Longgang.Governance.Contracts.V1;
using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Calendar;
using Longgang.Platform.Data;
using Longgang.Platform.Errors;
using Microsoft.EntityFrameworkCore;
using Grid = Longgang.Governance.Domain.Grid;
using Post = Longgang.Governance.Domain.Post;
using PostKind = Longgang.Governance.Domain.PostKind;

namespace Longgang.Governance.Grpc;

/// <summary>
/// A grid's all-round team: the grid-team posts held on it, each shown with the secondment its holder serves (if any).
/// Adding a member with a home department also starts that secondment, which gives the module post.
/// </summary>
public sealed class GridTeamHandlers(GovernanceDbContext db, TimeProvider clock)
{
    public async Task<GridTeam> GetAsync(GetGridTeamRequest request, Caller caller, CancellationToken ct)
    {
        var grid = await GridAsync(request.GridCode, ct) ?? throw new NotFoundException("Grid", request.GridCode);
        GovernanceAccess.EnsureMayReadDistrict(caller, grid.DistrictCode);
        return await TeamAsync(grid, ct);
    }

    public async Task<ListGridTeamMembersResponse> ListMembersAsync(ListGridTeamMembersRequest request, Caller caller, CancellationToken ct)
    {
        new Validator().RequirePage(request.PageSize, request.PageToken, out var paging).ThrowIfInvalid();
        var district = GovernanceAccess.DirectoryListScope(caller, request.HasDistrictCode ? request.DistrictCode : null);
        var today = Today();
        var members = db.Posts.AsNoTracking().Where(p => p.Kind == PostKind.GridTeam);
        if (district is not null) members = members.Where(m => m.DistrictCode == district);
        if (request.HasGridCode)
        {
            if (await GridAsync(request.GridCode, ct) is { } grid) GovernanceAccess.EnsureMayReadDistrict(caller, grid.DistrictCode);
            members = members.Where(m => m.GridCode == request.GridCode);
        }

        var running = db.SecondmentsRunningOn(today);
        if (request.HasSeconded)
        {
            members = request.Seconded
                ? members.Where(m => running.Any(s => s.PersonId == m.PersonId))
                : members.Where(m => !running.Any(s => s.PersonId == m.PersonId));
        }

        if (request.HasModuleCode) members = members.Where(m => running.Any(s => s.PersonId == m.PersonId && s.ModuleCode == request.ModuleCode));
        if (request.HasHomeDepartmentCode)
            members = members.Where(m => running.Any(s => s.PersonId == m.PersonId && s.HomeDepartmentCode == request.HomeDepartmentCode));
        if (request.HasActive)
        {
            members = request.Active
                ? members.Where(Post.ActiveOn(today))
                : members.Where(m => m.HeldFrom > today || (m.HeldUntil != null && m.HeldUntil < today));
        }

        if (ListFilters.Query(request.HasQuery, request.Query) is { } text)
            members = members.Where(m => m.Name.ToLower().Contains(text) || m.PersonId.ToLower().Contains(text));

        var page = await members.OrderBy(m => m.Name).ThenBy(m => m.GridCode).ThenBy(m => m.PersonId).ThenBy(m => m.Id).ToPageAsync(paging, ct);
        var seconded = await db.RunningSecondmentsOfAsync(page.Items.Select(m => m.PersonId).Distinct().ToList(), today, ct);
        return new ListGridTeamMembersResponse
        {
            Members =
            {
                page.Items.Select(m => new GridTeamMemberEntry
                {
                    GridCode = m.GridCode!,
                    DistrictCode = m.DistrictCode,
                    Member = GovernanceMapping.ToMember(m, seconded.GetValueOrDefault(m.PersonId), today),
                }),
            },
            NextPageToken = page.NextPageToken,
            TotalSize = page.TotalSize,
        };
    }

    public async Task<GridTeam> AddMemberAsync(AddGridTeamMemberRequest request, Caller caller, CancellationToken ct)
    {
        var grid = await GridAsync(request.GridCode, ct);
        Post.EnsureMayChangePosts(caller, grid?.DistrictCode); // who before parsing the dates
        var from = RequestParsing.Date(request.SecondedFrom, "secondedFrom");
        var until = RequestParsing.Date(request.SecondedUntil, "secondedUntil");
        var today = Today();
        var personId = request.PersonId.Trim();
        var onTeam = grid is not null && await db.OnGridTeamAsync(personId, grid.Code, today, ct);
        var seconded = !string.IsNullOrWhiteSpace(request.HomeDepartmentCode) || !string.IsNullOrWhiteSpace(request.ModuleCode)
            || from is not null || until is not null;
        var post = Post.Add(new PostDraft(PostKind.GridTeam, null, request.GridCode, null, null, request.PersonId, request.Name, from ?? today),
            new PostPlace(grid?.DistrictCode, grid?.CommunityCode), onTeam, caller);
        db.Posts.Add(post);
        if (seconded)
        {
            var others = await db.Secondments.Where(s => s.PersonId == personId).ToListAsync(ct);
            var secondment = Domain.Secondment.Start(new SecondmentDraft(request.PersonId, request.Name, RequestParsing.NullIfEmpty(request.HomeDepartmentCode),
                grid!.DistrictCode, RequestParsing.NullIfEmpty(request.ModuleCode), from, until), districtKnown: true, others, caller,
                "secondedFrom", "secondedUntil");
            db.Secondments.Add(secondment);
            db.Posts.Add(Post.OfSecondment(secondment));
        }

        await db.SaveOrConflictAsync("The person was added to this grid's team by someone else at the same moment.", ct);
        return await TeamAsync(grid!, ct);
    }

    private DateOnly Today() => WorkingDayCalendar.ChinaDateOf(clock.GetUtcNow());

    private Task<Grid?> GridAsync(string code, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(code)
            ? Task.FromResult<Grid?>(null)
            : db.Grids.AsNoTracking().FirstOrDefaultAsync(g => g.Code == code, ct);

    private async Task<GridTeam> TeamAsync(Grid grid, CancellationToken ct)
    {
        var today = Today();
        var posts = await db.Posts.AsNoTracking().Where(p => p.Kind == PostKind.GridTeam && p.GridCode == grid.Code)
            .OrderBy(p => p.PersonId).ThenBy(p => p.HeldFrom).ToListAsync(ct);
        var seconded = await db.RunningSecondmentsOfAsync(posts.Select(p => p.PersonId).Distinct().ToList(), today, ct);
        return new GridTeam
        {
            GridCode = grid.Code,
            DistrictCode = grid.DistrictCode,
            Members = { posts.Select(p => GovernanceMapping.ToMember(p, seconded.GetValueOrDefault(p.PersonId), today)) },
        };
    }
}
