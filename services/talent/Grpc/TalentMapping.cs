using Google.Protobuf.WellKnownTypes;
using Longgang.Talent.Contracts.V1;
using DomainCertification = Longgang.Talent.Domain.Certification;
using DomainTier = Longgang.Talent.Domain.Tier;
using ProtoCertification = Longgang.Talent.Contracts.V1.Certification;
using ProtoTier = Longgang.Talent.Contracts.V1.Tier;

namespace Longgang.Talent.Grpc;

/// <summary>Between the domain and the wire. Proto enum values mirror the domain's numbers.</summary>
internal static class TalentMapping
{
    public static ProtoTier ToProto(DomainTier t) => new() { Code = t.Code, Name = t.Name, Criteria = t.Criteria };

    public static ProtoCertification ToProto(DomainCertification c) => new()
    {
        Id = c.Id.ToString(),
        ApplicantId = c.ApplicantId,
        ApplicantName = c.ApplicantName,
        TierCode = c.TierCode,
        CatalogueVersion = c.CatalogueVersion,
        Employer = c.Employer,
        Sector = c.Sector,
        DistrictCode = c.DistrictCode ?? "",
        Evidence = { c.Evidence },
        Status = (CertificationStatus)(int)c.Status,
        SubmittedAt = Timestamp.FromDateTimeOffset(c.SubmittedAt),
    };
}
