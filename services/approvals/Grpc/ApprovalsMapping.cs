using Google.Protobuf.WellKnownTypes;
using Longgang.Approvals.Contracts.V1;
using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Localization;
using Domain = Longgang.Approvals.Domain;
using ProtoApplication = Longgang.Approvals.Contracts.V1.Application;
using ProtoMatter = Longgang.Approvals.Contracts.V1.Matter;
using WorkingDayCalendar = Longgang.Platform.Calendar.WorkingDayCalendar;

namespace Longgang.Approvals.Grpc;

/// <summary>Between the domain and the wire. Proto enum values mirror the domain's numbers (EnumMappingTests).</summary>
internal static class ApprovalsMapping
{
    /// <summary>The matter in the request's language: the seeded English names and guide texts have translations (Messages.zh-CN.resx).</summary>
    public static ProtoMatter ToProto(Domain.Matter m, PlatformText text)
    {
        var proto = new ProtoMatter
        {
            Code = m.Code, Name = text.Translate(m.Name), DepartmentCode = m.DepartmentCode, Kind = ProtoEnums.ToProto<MatterKind>(m.Kind),
            RequiredMaterials = { m.RequiredMaterials.Select(text.Translate) }, StatutoryLimitDays = m.StatutoryLimitDays,
            PromisedLimitDays = m.PromisedLimitDays, MaxVisits = m.MaxVisits, Version = m.Version,
            ParticipatingDepartments = { m.ParticipatingDepartments }, SupervisionRequired = m.SupervisionRequired,
        };
        if (m.Conditions is not null) proto.Conditions = text.Translate(m.Conditions);
        if (m.Fees is not null) proto.Fees = text.Translate(m.Fees);
        if (m.LegalBasis is not null) proto.LegalBasis = text.Translate(m.LegalBasis);
        if (m.WhereToGo is not null) proto.WhereToGo = text.Translate(m.WhereToGo);
        return proto;
    }

    public static Domain.MatterDraft FromProto(MatterDefinition d) => new(
        d.Code, d.Name, d.DepartmentCode, ProtoEnums.ToDomain<Domain.MatterKind>(d.Kind), d.RequiredMaterials,
        d.StatutoryLimitDays, d.PromisedLimitDays, d.MaxVisits, d.ParticipatingDepartments, d.SupervisionRequired,
        new Domain.MatterGuide(d.HasConditions ? d.Conditions : null, d.HasFees ? d.Fees : null,
            d.HasLegalBasis ? d.LegalBasis : null, d.HasWhereToGo ? d.WhereToGo : null));

    /// <summary>
    /// An application as one caller reads it, in their language: the resident ID number masked unless they may read it
    /// whole, the catalogue's material names translated. Applied after the cache, which holds the one stored form.
    /// </summary>
    public static ProtoApplication ForCaller(ProtoApplication stored, Caller caller, PlatformText text)
    {
        var shown = stored.Clone();
        var residentId = Domain.ApplicationAccess.ResidentIdFor(caller, stored.HasResidentId ? stored.ResidentId : null, stored.ApplicantId,
            stored.DepartmentCode, stored.Steps.Select(s => s.DepartmentCode));
        if (residentId is null) shown.ClearResidentId(); else shown.ResidentId = residentId;
        Translate(shown.Materials, text);
        Translate(shown.MissingMaterials, text);
        Translate(shown.RequestedCorrections, text);
        return shown;
    }

    private static void Translate(Google.Protobuf.Collections.RepeatedField<string> names, PlatformText text)
    {
        for (var i = 0; i < names.Count; i++) names[i] = text.Translate(names[i]);
    }

    /// <param name="calendar">Today's calendar: whether a deadline is still provisional changes when a year is published.</param>
    public static ProtoApplication ToProto(Domain.Application a, WorkingDayCalendar calendar)
    {
        var proto = new ProtoApplication
        {
            Id = a.Id.ToString(), MatterCode = a.MatterCode, MatterVersion = a.MatterVersion, Kind = ProtoEnums.ToProto<MatterKind>(a.Kind),
            DepartmentCode = a.DepartmentCode, ApplicantId = a.ApplicantId, ApplicantName = a.ApplicantName,
            SubmittedBy = a.SubmittedBy, Channel = ProtoEnums.ToProto<Channel>(a.Channel), DistrictCode = a.DistrictCode ?? "",
            Status = ProtoEnums.ToProto<ApplicationStatus>(a.Status),
            Materials = { a.Materials }, MissingMaterials = { a.MissingMaterials }, RequestedCorrections = { a.RequestedCorrections },
            SubmittedAt = Timestamp.FromDateTimeOffset(a.SubmittedAt),
            PromisedLimitDays = a.PromisedLimitDays, StatutoryLimitDays = a.StatutoryLimitDays,
            AcceptedAt = ToTimestamp(a.AcceptedAt), DeemedAccepted = a.DeemedAccepted,
            PromisedDueOn = RequestParsing.Text(a.PromisedDueOn), StatutoryDueOn = RequestParsing.Text(a.StatutoryDueOn),
            Steps = { a.Steps.Select(ToProto) },
            SuspensionKind = a.SuspensionKind is { } kind ? ProtoEnums.ToProto<SuspensionKind>(kind) : SuspensionKind.Unspecified, SuspensionReason = a.SuspensionReason ?? "",
            PausedWorkingDays = a.PausedWorkingDays, Extended = a.Extended, StatusReason = a.StatusReason ?? "",
            DecidedAt = ToTimestamp(a.DecidedAt), CertificateDueOn = RequestParsing.Text(a.CertificateDueOn),
            CertificateNumber = a.CertificateNumber ?? "", IssuedAt = ToTimestamp(a.IssuedAt), Visits = a.Visits,
            CalendarBasis = ToProto(a.CalendarBasisOf(calendar)),
        };
        if (a.ResidentId is not null) proto.ResidentId = a.ResidentId;
        if (a.Evaluation is { } e)
            proto.Evaluation = new Evaluation { Rating = e.Rating, Comment = e.Comment ?? "", EvaluatedAt = Timestamp.FromDateTimeOffset(e.EvaluatedAt) };
        if (a.Rectification is { } r)
            proto.Rectification = new Rectification { DueOn = RequestParsing.Text(r.DueOn), Closed = r.IsClosed, ActionTaken = r.ActionTaken ?? "", ClosedAt = ToTimestamp(r.ClosedAt) };
        return proto;
    }

    private static ReviewStep ToProto(Domain.ReviewStep s) => new()
    {
        DepartmentCode = s.DepartmentCode, Status = ProtoEnums.ToProto<StepStatus>(s.Status), Reason = s.Reason ?? "",
        DecidedBy = s.DecidedBy ?? "", DecidedAt = ToTimestamp(s.DecidedAt),
    };

    public static ClockLedger ToLedger(Domain.Application a) => new()
    {
        ApplicationId = a.Id.ToString(),
        Entries =
        {
            a.Ledger.OrderBy(l => l.Sequence).Select(l => new LedgerEntry
            {
                At = Timestamp.FromDateTimeOffset(l.At), Actor = l.Actor, ActorRole = l.ActorRole, Action = ProtoEnums.ToProto<LedgerAction>(l.Action),
                Reason = l.Reason ?? "", DepartmentCode = l.DepartmentCode ?? "",
                PromisedDueOn = RequestParsing.Text(l.PromisedDueOn), StatutoryDueOn = RequestParsing.Text(l.StatutoryDueOn), CalendarBasis = ToProto(l.CalendarBasis),
            }),
        },
    };

    public static SlaWarning ToProto(Domain.SlaWarning w) => new()
    {
        Id = w.Id.ToString(), ApplicationId = w.ApplicationId.ToString(), MatterCode = w.MatterCode, DepartmentCode = w.DepartmentCode,
        Scope = ProtoEnums.ToProto<WarningScope>(w.Scope), Level = ProtoEnums.ToProto<WarningLevel>(w.Level), DueOn = RequestParsing.Text(w.DueOn),
        ElapsedWorkingDays = w.ElapsedWorkingDays, LimitWorkingDays = w.LimitWorkingDays, RaisedAt = Timestamp.FromDateTimeOffset(w.RaisedAt),
    };

    private static CalendarBasis ToProto(Longgang.Platform.Calendar.CalendarBasis? basis) =>
        basis is { } b ? ProtoEnums.ToProto<CalendarBasis>(b) : CalendarBasis.Unspecified;

    private static Timestamp? ToTimestamp(DateTimeOffset? at) => at is { } value ? Timestamp.FromDateTimeOffset(value) : null;
}
