using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Longgang.Talent.Contracts.V1;
using Longgang.Talent.Domain;
using DomainCalendarBasis = Longgang.Platform.Calendar.CalendarBasis;
using DomainCertification = Longgang.Talent.Domain.Certification;
using DomainClaim = Longgang.Talent.Domain.EntitlementClaim;
using DomainProgramme = Longgang.Talent.Domain.Programme;
using DomainTier = Longgang.Talent.Domain.Tier;
using ProtoCertification = Longgang.Talent.Contracts.V1.Certification;
using ProtoClaim = Longgang.Talent.Contracts.V1.Claim;
using ProtoObjection = Longgang.Talent.Contracts.V1.Objection;
using ProtoProgramme = Longgang.Talent.Contracts.V1.Programme;
using ProtoTier = Longgang.Talent.Contracts.V1.Tier;

namespace Longgang.Talent.Grpc;

/// <summary>Between the domain and the wire. Proto enum values mirror the domain's numbers.</summary>
internal static class TalentMapping
{
    public static ProtoTier ToProto(DomainTier t) => new() { Code = t.Code, Name = t.Name, Criteria = t.Criteria };

    /// <summary><paramref name="basis"/> is that of the running notice on the current calendar (null when none runs).</summary>
    public static ProtoCertification ToProto(DomainCertification c, DomainCalendarBasis? basis) => new()
    {
        Id = c.Id.ToString(),
        ApplicantId = c.ApplicantId,
        ApplicantName = c.ApplicantName,
        TierCode = c.TierCode,
        CatalogueVersion = c.CatalogueVersion,
        Employer = c.Employer,
        EmployerId = c.EmployerId ?? "",
        Sector = c.Sector,
        DistrictCode = c.DistrictCode ?? "",
        Evidence = { c.Evidence },
        Status = (Contracts.V1.CertificationStatus)(int)c.Status,
        SubmittedAt = Timestamp.FromDateTimeOffset(c.SubmittedAt),
        StatusReason = c.StatusReason ?? "",
        NoticeStartsOn = ToText(c.NoticeStartsOn),
        NoticeEndsOn = ToText(c.NoticeEndsOn),
        Objections = { c.Objections.OrderBy(o => o.LodgedAt).Select(ToProto) },
        CertificateNumber = c.CertificateNumber ?? "",
        CertifiedOn = ToText(c.CertifiedOn),
        ValidUntil = ToText(c.ValidUntil),
        CalendarBasis = basis is { } b ? (CalendarBasis)(int)b : CalendarBasis.Unspecified,
        NoticeChanges =
        {
            c.NoticeChanges.OrderBy(n => n.Sequence).Select(n => new Contracts.V1.NoticeChange
            {
                At = Timestamp.FromDateTimeOffset(n.At), OldEndsOn = ToText(n.OldEndsOn), NewEndsOn = ToText(n.NewEndsOn), Reason = n.Reason,
            }),
        },
    };

    private static ProtoObjection ToProto(Domain.Objection o) => new()
    {
        Id = o.Id.ToString(),
        LodgedBy = o.LodgedBy,
        Reason = o.Reason,
        LodgedAt = Timestamp.FromDateTimeOffset(o.LodgedAt),
        Ruling = o.Upheld switch { true => ObjectionRuling.Uphold, false => ObjectionRuling.Dismiss, null => ObjectionRuling.Unspecified },
    };

    public static ProtoProgramme ToProto(DomainProgramme p) => new()
    {
        Code = p.Code,
        Name = p.Name,
        Kind = (Contracts.V1.ProgrammeKind)(int)p.Kind,
        Year = p.Year,
        MatterCode = p.MatterCode,
        Budget = p.Budget,
        TierAmounts = { p.TierAmounts.ToDictionary(t => t.TierCode, t => t.Amount) },
        RequiresResidence = p.RequiresResidence,
        RequiresEmployerInCity = p.RequiresEmployerInCity,
        ClaimValidityDays = p.ClaimValidityDays,
        Committed = p.Committed,
        Paid = p.Paid,
        Remaining = p.Remaining,
    };

    public static ProtoClaim ToProto(DomainClaim c) => new()
    {
        Id = c.Id.ToString(),
        ApplicationId = c.ApplicationId.ToString(),
        ProgrammeCode = c.ProgrammeCode,
        Period = c.Period,
        ApplicantId = c.ApplicantId,
        CertificationId = c.CertificationId.ToString(),
        TierCode = c.TierCode,
        Amount = c.Amount,
        Status = (Contracts.V1.ClaimStatus)(int)c.Status,
        StatusReason = c.StatusReason ?? "",
        SubmittedAt = Timestamp.FromDateTimeOffset(c.SubmittedAt),
        ValidUntil = ToText(c.ValidUntil),
        PaidOn = ToText(c.PaidOn),
        PaymentReference = c.PaymentReference ?? "",
    };

    public static Contracts.V1.Position ToProto(Domain.Position p) => new()
    {
        Id = p.Id.ToString(),
        EmployerId = p.EmployerId,
        EmployerName = p.EmployerName,
        Title = p.Title,
        Sector = p.Sector,
        TierSought = p.TierSought,
        DistrictCode = p.DistrictCode,
        Status = (Contracts.V1.PositionStatus)(int)p.Status,
        PostedAt = Timestamp.FromDateTimeOffset(p.PostedAt),
    };

    public static Contracts.V1.PositionApplication ToProto(Domain.PositionApplication a) => new()
    {
        Id = a.Id.ToString(),
        PositionId = a.PositionId.ToString(),
        EmployerId = a.EmployerId,
        CandidateId = a.CandidateId,
        CandidateName = a.CandidateName,
        Status = (Contracts.V1.PositionApplicationStatus)(int)a.Status,
        AppliedAt = Timestamp.FromDateTimeOffset(a.AppliedAt),
        CertifiedHire = a.CertifiedHire,
    };

    /// <summary>A proto enum as the domain's, or null for UNSPECIFIED and numbers the domain does not know (a 400, not a 500).</summary>
    public static TDomain? FromProto<TProto, TDomain>(TProto value) where TProto : struct, System.Enum where TDomain : struct, System.Enum
    {
        var number = Convert.ToInt32(value, CultureInfo.InvariantCulture);
        return number != 0 && System.Enum.IsDefined(typeof(TDomain), number) ? (TDomain)System.Enum.ToObject(typeof(TDomain), number) : null;
    }

    public static string ToText(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
