using Longgang.Governance.Contracts.V1;
using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Data;
using Longgang.Platform.Errors;
using Microsoft.EntityFrameworkCore;
using Grid = Longgang.Governance.Domain.Grid;
using GridTeamMember = Longgang.Governance.Domain.GridTeamMember;

namespace Longgang.Governance.Grpc;

/// <summary>A grid's all-round team: its grid workers and the department staff seconded to it.</summary>
public sealed class GridTeamHandlers(GovernanceDbContext db)
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
        var members = db.GridTeamMembers.AsNoTracking();
        if (district is not null) members = members.Where(m => m.DistrictCode == district);
        if (request.HasGridCode)
        {
            if (await GridAsync(request.GridCode, ct) is { } grid) GovernanceAccess.EnsureMayReadDistrict(caller, grid.DistrictCode);
            members = members.Where(m => m.GridCode == request.GridCode);
        }

        if (request.HasSeconded) members = request.Seconded ? members.Where(m => m.HomeDepartmentCode != null) : members.Where(m => m.HomeDepartmentCode == null);
        if (request.HasModuleCode) members = members.Where(m => m.ModuleCode == request.ModuleCode);
        if (request.HasHomeDepartmentCode) members = members.Where(m => m.HomeDepartmentCode == request.HomeDepartmentCode);
        if (request.HasActive) members = members.Where(m => m.Active == request.Active);
        if (ListFilters.Query(request.HasQuery, request.Query) is { } text)
            members = members.Where(m => m.Name.ToLower().Contains(text) || m.PersonId.ToLower().Contains(text));

        var page = await members.OrderBy(m => m.Name).ThenBy(m => m.GridCode).ThenBy(m => m.PersonId).ToPageAsync(paging, ct);
        return new ListGridTeamMembersResponse
        {
            Members = { page.Items.Select(GovernanceMapping.ToEntry) },
            NextPageToken = page.NextPageToken,
            TotalSize = page.TotalSize,
        };
    }

    public async Task<GridTeam> AddMemberAsync(AddGridTeamMemberRequest request, Caller caller, CancellationToken ct)
    {
        var grid = await GridAsync(request.GridCode, ct);
        GridTeamMember.EnsureMayChangeTeam(caller, grid); // who before parsing the dates
        var from = RequestParsing.Date(request.SecondedFrom, "secondedFrom");
        var until = RequestParsing.Date(request.SecondedUntil, "secondedUntil");
        var personId = request.PersonId.Trim();
        var onTeam = grid is not null && await db.GridTeamMembers.AnyAsync(m => m.GridCode == grid.Code && m.PersonId == personId, ct);
        var draft = new GridTeamMemberDraft(request.GridCode, request.PersonId, request.Name,
            RequestParsing.NullIfEmpty(request.HomeDepartmentCode), RequestParsing.NullIfEmpty(request.ModuleCode), from, until);
        db.GridTeamMembers.Add(GridTeamMember.Add(grid, draft, onTeam, caller));
        await db.SaveOrConflictAsync("The person was added to this grid's team by someone else at the same moment.", ct);
        return await TeamAsync(grid!, ct);
    }

    private Task<Grid?> GridAsync(string code, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(code)
            ? Task.FromResult<Grid?>(null)
            : db.Grids.AsNoTracking().FirstOrDefaultAsync(g => g.Code == code, ct);

    private async Task<GridTeam> TeamAsync(Grid grid, CancellationToken ct)
    {
        var members = await db.GridTeamMembers.AsNoTracking().Where(m => m.GridCode == grid.Code).OrderBy(m => m.PersonId).ToListAsync(ct);
        return GovernanceMapping.ToProto(grid, members);
    }
}
