using Google.Protobuf.WellKnownTypes;
using Longgang.Platform.Api;
using Longgang.Platform.Localization;
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

/// <summary>Between the domain and the wire. Proto enum values mirror the domain's numbers and names (<see cref="ProtoEnums"/>).</summary>
internal static class TalentMapping
{
    /// <summary>The catalogue is kept in English; a tier is shown in the caller's language.</summary>
    public static ProtoTier ToProto(DomainTier t, PlatformText text) => new()
    {
        Code = t.Code, Name = text.Translate(t.Name), Criteria = text.Translate(t.Criteria), CertifiedThroughApprovals = t.CertifiedThroughApprovals,
    };

    public static Contracts.V1.TalentChannel ToProto(Domain.TalentChannel channel) => ProtoEnums.ToProto<Contracts.V1.TalentChannel>(channel);

    /// <summary>
    /// <paramref name="basis"/> is that of the running notice on the current calendar (null when none runs); who lodged
    /// each objection is shown only when <paramref name="showObjectors"/> (objectors stay anonymous to the applicant).
    /// Values a certification does not have yet are left out, not sent empty.
    /// </summary>
    public static ProtoCertification ToProto(DomainCertification c, DomainCalendarBasis? basis, bool showObjectors)
    {
        var proto = new ProtoCertification
        {
            Id = c.Id.ToString(),
            ApplicantId = c.ApplicantId,
            ApplicantName = c.ApplicantName,
            TierCode = c.TierCode,
            CatalogueVersion = c.CatalogueVersion,
            Employer = c.Employer,
            Sector = c.Sector,
            Evidence = { c.Evidence },
            Status = ProtoEnums.ToProto<Contracts.V1.CertificationStatus>(c.Status),
            Channel = ToProto(c.Channel),
            SubmittedAt = Timestamp.FromDateTimeOffset(c.SubmittedAt),
            SubmittedOn = DayOf(c.SubmittedAt),
            Objections = { c.Objections.OrderBy(o => o.LodgedAt).Select(o => ToProto(o, showObjectors)) },
            NoticeChanges =
            {
                c.NoticeChanges.OrderBy(n => n.Sequence).Select(n => new Contracts.V1.NoticeChange
                {
                    At = Timestamp.FromDateTimeOffset(n.At), OldEndsOn = RequestParsing.Text(n.OldEndsOn), NewEndsOn = RequestParsing.Text(n.NewEndsOn), Reason = n.Reason,
                }),
            },
        };
        if (c.EmployerId is not null) proto.EmployerId = c.EmployerId;
        if (c.ApplicationId is not null) proto.ApplicationId = c.ApplicationId.Value.ToString();
        if (c.DistrictCode is not null) proto.DistrictCode = c.DistrictCode;
        if (c.StatusReason is not null) proto.StatusReason = c.StatusReason;
        if (c.NoticeStartsOn is not null) proto.NoticeStartsOn = RequestParsing.Text(c.NoticeStartsOn);
        if (c.NoticeEndsOn is not null) proto.NoticeEndsOn = RequestParsing.Text(c.NoticeEndsOn);
        if (c.CertificateNumber is not null) proto.CertificateNumber = c.CertificateNumber;
        if (c.CertifiedOn is not null) proto.CertifiedOn = RequestParsing.Text(c.CertifiedOn);
        if (c.ValidUntil is not null) proto.ValidUntil = RequestParsing.Text(c.ValidUntil);
        if (basis is { } b) proto.CalendarBasis = ProtoEnums.ToProto<CalendarBasis>(b);
        return proto;
    }

    private static ProtoObjection ToProto(Domain.Objection o, bool showObjector)
    {
        var objection = new ProtoObjection
        {
            Id = o.Id.ToString(),
            Reason = o.Reason,
            LodgedAt = Timestamp.FromDateTimeOffset(o.LodgedAt),
            LodgedOn = DayOf(o.LodgedAt),
        };
        if (showObjector) objection.LodgedBy = o.LodgedBy;
        if (o.Upheld is { } upheld) objection.Ruling = upheld ? ObjectionRuling.Uphold : ObjectionRuling.Dismiss;
        return objection;
    }

    /// <summary>The China date of an instant, as a screen shows its day (yyyy-MM-dd).</summary>
    internal static string DayOf(DateTimeOffset instant) => RequestParsing.Text(Longgang.Platform.Calendar.WorkingDayCalendar.ChinaDateOf(instant));

    /// <summary>What the public notice shows of a certification: no ID number, no account.</summary>
    public static Notice ToNotice(DomainCertification c) => new()
    {
        CertificationId = c.Id.ToString(),
        ApplicantName = c.ApplicantName,
        Employer = c.Employer,
        TierCode = c.TierCode,
        Sector = c.Sector,
        NoticeStartsOn = RequestParsing.Text(c.NoticeStartsOn),
        NoticeEndsOn = RequestParsing.Text(c.NoticeEndsOn),
    };

    /// <summary>A programme's name is stored as the talent office gave it (English) and shown in the caller's language when translated.</summary>
    public static ProtoProgramme ToProto(DomainProgramme p, PlatformText text) => new()
    {
        Code = p.Code,
        Name = text.Translate(p.Name),
        Kind = ProtoEnums.ToProto<Contracts.V1.ProgrammeKind>(p.Kind),
        Year = p.Year,
        MatterCode = p.MatterCode,
        Channel = ToProto(p.Channel),
        Budget = p.Budget,
        TierAmounts = { p.TierAmounts.ToDictionary(t => t.TierCode, t => t.Amount) },
        RequiresResidence = p.RequiresResidence,
        RequiresEmployerInCity = p.RequiresEmployerInCity,
        ClaimValidityDays = p.ClaimValidityDays,
        Committed = p.Committed,
        Paid = p.Paid,
        Remaining = p.Remaining,
    };

    public static ProtoClaim ToProto(DomainClaim c)
    {
        var proto = new ProtoClaim
        {
            Id = c.Id.ToString(),
            ApplicationId = c.ApplicationId.ToString(),
            ProgrammeCode = c.ProgrammeCode,
            Period = c.Period,
            ApplicantId = c.ApplicantId,
            CertificationId = c.CertificationId.ToString(),
            TierCode = c.TierCode,
            Amount = c.Amount,
            Status = ProtoEnums.ToProto<Contracts.V1.ClaimStatus>(c.Status),
            SubmittedAt = Timestamp.FromDateTimeOffset(c.SubmittedAt),
            SubmittedOn = DayOf(c.SubmittedAt),
        };
        if (c.StatusReason is not null) proto.StatusReason = c.StatusReason;
        if (c.ValidUntil is not null) proto.ValidUntil = RequestParsing.Text(c.ValidUntil);
        if (c.PaidOn is not null) proto.PaidOn = RequestParsing.Text(c.PaidOn);
        if (c.PaymentReference is not null) proto.PaymentReference = c.PaymentReference;
        return proto;
    }

    public static Contracts.V1.Position ToProto(Domain.Position p) => new()
    {
        Id = p.Id.ToString(),
        EmployerId = p.EmployerId,
        EmployerName = p.EmployerName,
        Title = p.Title,
        Sector = p.Sector,
        TierSought = p.TierSought,
        DistrictCode = p.DistrictCode,
        Channel = ToProto(p.Channel),
        Status = ProtoEnums.ToProto<Contracts.V1.PositionStatus>(p.Status),
        PostedAt = Timestamp.FromDateTimeOffset(p.PostedAt),
        PostedOn = DayOf(p.PostedAt),
    };

    public static Contracts.V1.PositionApplication ToProto(Domain.PositionApplication a) => new()
    {
        Id = a.Id.ToString(),
        PositionId = a.PositionId.ToString(),
        EmployerId = a.EmployerId,
        CandidateId = a.CandidateId,
        CandidateName = a.CandidateName,
        Status = ProtoEnums.ToProto<Contracts.V1.PositionApplicationStatus>(a.Status),
        AppliedAt = Timestamp.FromDateTimeOffset(a.AppliedAt),
        AppliedOn = DayOf(a.AppliedAt),
        CertifiedHire = a.CertifiedHire,
    };
}
