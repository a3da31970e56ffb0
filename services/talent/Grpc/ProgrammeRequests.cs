using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Data;
using Longgang.Platform.Errors;
using Longgang.Platform.Localization;
using Longgang.Talent.Contracts.V1;
using Longgang.Talent.Data;
using Longgang.Talent.Domain;
using Microsoft.EntityFrameworkCore;
using ProtoProgramme = Longgang.Talent.Contracts.V1.Programme;

namespace Longgang.Talent.Grpc;

/// <summary>A year's programmes: the talent office sets one up; anyone signed in reads it, budget figures included.</summary>
public sealed class ProgrammeRequests(TalentDbContext db, PlatformText text)
{
    public async Task<ProtoProgramme> CreateAsync(CreateProgrammeRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var version = await db.CurrentCatalogueVersionAsync(cancellationToken);
        var tierCodes = await db.Tiers.Where(t => t.CatalogueVersion == version).Select(t => t.Code).ToListAsync(cancellationToken);
        var draft = new ProgrammeDraft(request.Code, request.Name, ProtoEnums.ToDomain<Domain.ProgrammeKind>(request.Kind),
            request.Year, request.MatterCode, request.Budget, request.TierAmounts, request.RequiresResidence, request.RequiresEmployerInCity,
            request.ClaimValidityDays, ProtoEnums.ToDomain<Domain.TalentChannel>(request.Channel));
        var programme = Domain.Programme.Create(draft, tierCodes, caller);
        db.Programmes.Add(programme);
        await db.SaveOrConflictAsync("A programme with this code already exists.", cancellationToken);
        return TalentMapping.ToProto(programme, text);
    }

    public async Task<ListProgrammesResponse> ListAsync(ListProgrammesRequest request, CancellationToken cancellationToken)
    {
        new Validator()
            .RequirePage(request.PageSize, request.PageToken, out var paging)
            .Require(ProtoEnums.TryFilter<Domain.ProgrammeKind>(request.Kind, out var kind), "kind", "is not a known kind")
            .Require(ProtoEnums.TryFilter<Domain.TalentChannel>(request.Channel, out var channel), "channel", "is not a known channel")
            .ThrowIfInvalid();
        var query = db.Programmes.AsNoTracking();
        if (request.HasYear) query = query.Where(p => p.Year == request.Year);
        if (kind is not null) query = query.Where(p => p.Kind == kind);
        if (channel is not null) query = query.Where(p => p.Channel == channel);

        var page = await query.OrderByDescending(p => p.Year).ThenBy(p => p.Code).ToPageAsync(paging, cancellationToken);
        return new ListProgrammesResponse
        {
            Programmes = { page.Items.Select(p => TalentMapping.ToProto(p, text)) },
            NextPageToken = page.NextPageToken,
            TotalSize = page.TotalSize,
        };
    }

    public async Task<ProtoProgramme> GetAsync(GetProgrammeRequest request, CancellationToken cancellationToken)
    {
        var code = request.Code.Trim().ToUpperInvariant();
        var programme = await db.Programmes.AsNoTracking().FirstOrDefaultAsync(p => p.Code == code, cancellationToken)
            ?? throw new NotFoundException("Programme", request.Code);
        return TalentMapping.ToProto(programme, text);
    }
}
