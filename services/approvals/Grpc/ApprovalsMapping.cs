using Google.Protobuf.WellKnownTypes;
using Longgang.Approvals.Contracts.V1;
using Longgang.Platform.Api;
using Domain = Longgang.Approvals.Domain;
using ProtoApplication = Longgang.Approvals.Contracts.V1.Application;
using ProtoMatter = Longgang.Approvals.Contracts.V1.Matter;
using WorkingDayCalendar = Longgang.Platform.Calendar.WorkingDayCalendar;

namespace Longgang.Approvals.Grpc;

/// <summary>Between the domain and the wire. Proto enum values mirror the domain's numbers (EnumMappingTests).</summary>
internal static class ApprovalsMapping
{
    public static ProtoMatter ToProto(Domain.Matter m) => new()
    {
        Code = m.Code, Name = m.Name, DepartmentCode = m.DepartmentCode, Kind = ProtoEnums.ToProto<MatterKind>(m.Kind),
        RequiredMaterials = { m.RequiredMaterials }, StatutoryLimitDays = m.StatutoryLimitDays,
        PromisedLimitDays = m.PromisedLimitDays, MaxVisits = m.MaxVisits, Version = m.Version,
        ParticipatingDepartments = { m.ParticipatingDepartments }, SupervisionRequired = m.SupervisionRequired,
    };

    public static Domain.MatterDraft FromProto(MatterDefinition d) => new(
        d.Code, d.Name, d.DepartmentCode, ProtoEnums.ToDomain<Domain.MatterKind>(d.Kind), d.RequiredMaterials,
        d.StatutoryLimitDays, d.PromisedLimitDays, d.MaxVisits, d.ParticipatingDepartments, d.SupervisionRequired);

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
