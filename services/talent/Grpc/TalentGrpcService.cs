using Grpc.Core;
using Longgang.Platform.Errors;
using Longgang.Platform.Security;
using Longgang.Talent.Contracts.Events.V1;
using Longgang.Talent.Contracts.V1;
using Longgang.Talent.Data;
using Longgang.Talent.Domain;
using Microsoft.EntityFrameworkCore;
using ProtoCertification = Longgang.Talent.Contracts.V1.Certification;

namespace Longgang.Talent.Grpc;

public sealed class TalentGrpcService(TalentDbContext db, TimeProvider clock) : TalentService.TalentServiceBase
{
    public override async Task<ListTiersResponse> ListTiers(ListTiersRequest request, ServerCallContext context)
    {
        var version = await db.CurrentCatalogueVersionAsync(context.CancellationToken);
        var tiers = await db.Tiers.AsNoTracking().Where(t => t.CatalogueVersion == version).OrderBy(t => t.Code)
            .ToListAsync(context.CancellationToken);
        return new ListTiersResponse { CatalogueVersion = version, Tiers = { tiers.Select(TalentMapping.ToProto) } };
    }

    public override async Task<ProtoCertification> ApplyForCertification(ApplyForCertificationRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var tier = string.IsNullOrWhiteSpace(request.TierCode) ? null : await db.CurrentTierAsync(request.TierCode, context.CancellationToken);
        var draft = new CertificationDraft(request.TierCode, request.ApplicantName, request.Employer, request.Sector,
            request.DistrictCode, request.Evidence);
        var certification = Domain.Certification.Apply(tier, draft, caller, clock.GetUtcNow());

        db.Certifications.Add(certification);
        db.AddIntegrationEvent(new CertificationApplied(certification.Id, certification.TierCode, certification.CatalogueVersion,
            certification.DistrictCode, certification.SubmittedAt));
        await db.SaveChangesAsync(context.CancellationToken);
        return TalentMapping.ToProto(certification);
    }

    public override async Task<ProtoCertification> GetCertification(GetCertificationRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var id = Guid.TryParse(request.Id, out var parsed) ? parsed : throw new ValidationFailedException("id", "must be a certification id (a UUID)");
        var certification = await db.Certifications.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, context.CancellationToken)
            ?? throw new NotFoundException("Certification", request.Id);
        if (!CertificationAccess.CanSee(caller, certification.ApplicantId))
            throw new ForbiddenException("This certification belongs to another applicant.");
        return TalentMapping.ToProto(certification);
    }
}
