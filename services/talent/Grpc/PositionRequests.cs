using Longgang.Platform;
using Longgang.Platform.Api;
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
        var position = Domain.Position.Post(new PositionDraft(request.Title, request.Sector, request.TierSought, request.DistrictCode, request.EmployerName),
            tierCodes, caller, clock.GetUtcNow());
        db.Positions.Add(position);
        await db.SaveChangesAsync(cancellationToken);
        return TalentMapping.ToProto(position);
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
