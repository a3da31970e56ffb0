using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Data;
using Longgang.Platform.Errors;
using Longgang.Talent.Contracts.V1;
using Longgang.Talent.Data;
using Longgang.Talent.Domain;
using Microsoft.EntityFrameworkCore;
using ProtoPosition = Longgang.Talent.Contracts.V1.Position;

namespace Longgang.Talent.Grpc;

/// <summary>Positions employers post; anyone signed in reads one. Applications for them: <see cref="PositionApplicationRequests"/>.</summary>
public sealed class PositionRequests(TalentDbContext db, TimeProvider clock)
{
    public async Task<ProtoPosition> PostAsync(PostPositionRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var version = await db.CurrentCatalogueVersionAsync(cancellationToken);
        var tierCodes = await db.Tiers.Where(t => t.CatalogueVersion == version).Select(t => t.Code).ToListAsync(cancellationToken);
        var position = Domain.Position.Post(new PositionDraft(request.Title, request.Sector, request.TierSought, request.DistrictCode, request.EmployerName,
                ProtoEnums.ToDomain<Domain.TalentChannel>(request.Channel)),
            tierCodes, caller, clock.GetUtcNow());
        db.Positions.Add(position);
        await db.SaveChangesAsync(cancellationToken);
        return TalentMapping.ToProto(position);
    }

    /// <summary>The job board: open positions only, for anyone to read.</summary>
    public async Task<ListPositionsResponse> ListAsync(ListPositionsRequest request, CancellationToken cancellationToken)
    {
        new Validator()
            .RequirePage(request.PageSize, request.PageToken, out var paging)
            .RequireDistrict(request.HasDistrictCode, request.DistrictCode)
            .RequireQuery(request.HasQuery, request.Query)
            .Require(ProtoEnums.TryFilter<Domain.TalentChannel>(request.Channel, out var channel), "channel", "is not a known channel")
            .ThrowIfInvalid();
        var query = db.Positions.AsNoTracking().Where(p => p.Status == Domain.PositionStatus.Open);
        if (ListFilters.Query(request.HasSector, request.Sector) is { } sector) query = query.Where(p => p.Sector.ToLower() == sector);
        if (request.HasTierSought) query = query.Where(p => p.TierSought == request.TierSought);
        if (request.HasDistrictCode) query = query.Where(p => p.DistrictCode == request.DistrictCode);
        if (channel is not null) query = query.Where(p => p.Channel == channel);
        if (ListFilters.Query(request.HasQuery, request.Query) is { } text)
            query = query.Where(p => p.Title.ToLower().Contains(text) || p.EmployerName.ToLower().Contains(text));

        var page = await query.OrderByDescending(p => p.PostedAt).ThenByDescending(p => p.Id).ToPageAsync(paging, cancellationToken);
        return new ListPositionsResponse
        {
            Positions = { page.Items.Select(TalentMapping.ToProto) },
            NextPageToken = page.NextPageToken,
            TotalSize = page.TotalSize,
        };
    }

    public async Task<ProtoPosition> GetAsync(GetPositionRequest request, CancellationToken cancellationToken) =>
        TalentMapping.ToProto(await FindAsync(request.Id, "id", tracked: false, cancellationToken));

    /// <summary>The position <paramref name="id"/> names: a 400 on <paramref name="field"/> for a malformed id, a 404 for an unknown one.</summary>
    public async Task<Domain.Position> FindAsync(string id, string field, bool tracked, CancellationToken cancellationToken)
    {
        var positionId = RequestParsing.Id(id, field, "a position id");
        var query = tracked ? db.Positions : db.Positions.AsNoTracking();
        return await query.FirstOrDefaultAsync(p => p.Id == positionId, cancellationToken) ?? throw new NotFoundException("Position", id);
    }
}
