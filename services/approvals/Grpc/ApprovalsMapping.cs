using Google.Protobuf.WellKnownTypes;
using Longgang.Approvals.Contracts.V1;
using Domain = Longgang.Approvals.Domain;
using ProtoApplication = Longgang.Approvals.Contracts.V1.Application;
using ProtoMatter = Longgang.Approvals.Contracts.V1.Matter;
using WorkingDayCalendar = Longgang.Platform.Calendar.WorkingDayCalendar;

namespace Longgang.Approvals.Grpc;

/// <summary>Between the domain and the wire. Proto enum values mirror the domain's numbers.</summary>
internal static class ApprovalsMapping
{
    public static ProtoMatter ToProto(Domain.Matter m) => new()
    {
        Code = m.Code, Name = m.Name, DepartmentCode = m.DepartmentCode, Kind = (MatterKind)(int)m.Kind,
        RequiredMaterials = { m.RequiredMaterials }, StatutoryLimitDays = m.StatutoryLimitDays,
        PromisedLimitDays = m.PromisedLimitDays, MaxVisits = m.MaxVisits, Version = m.Version,
        ParticipatingDepartments = { m.ParticipatingDepartments }, SupervisionRequired = m.SupervisionRequired,
    };

    public static Domain.MatterDraft FromProto(MatterDefinition d) => new(
        d.Code, d.Name, d.DepartmentCode, FromProto<MatterKind, Domain.MatterKind>(d.Kind), d.RequiredMaterials,
        d.StatutoryLimitDays, d.PromisedLimitDays, d.MaxVisits, d.ParticipatingDepartments, d.SupervisionRequired);

    /// <param name="calendar">Today's calendar: whether a deadline is still provisional changes when a year is published.</param>
    public static ProtoApplication ToProto(Domain.Application a, WorkingDayCalendar calendar)
    {
        var proto = new ProtoApplication
        {
            Id = a.Id.ToString(), MatterCode = a.MatterCode, MatterVersion = a.MatterVersion, Kind = (MatterKind)(int)a.Kind,
            DepartmentCode = a.DepartmentCode, ApplicantId = a.ApplicantId, ApplicantName = a.ApplicantName,
            SubmittedBy = a.SubmittedBy, Channel = (Channel)(int)a.Channel, DistrictCode = a.DistrictCode ?? "",
            Status = (ApplicationStatus)(int)a.Status,
            Materials = { a.Materials }, MissingMaterials = { a.MissingMaterials }, RequestedCorrections = { a.RequestedCorrections },
            SubmittedAt = Timestamp.FromDateTimeOffset(a.SubmittedAt),
            PromisedLimitDays = a.PromisedLimitDays, StatutoryLimitDays = a.StatutoryLimitDays,
            AcceptedAt = ToTimestamp(a.AcceptedAt), DeemedAccepted = a.DeemedAccepted,
            PromisedDueOn = ToText(a.PromisedDueOn), StatutoryDueOn = ToText(a.StatutoryDueOn),
            Steps = { a.Steps.Select(ToProto) },
            SuspensionKind = (SuspensionKind)(int)(a.SuspensionKind ?? 0), SuspensionReason = a.SuspensionReason ?? "",
            PausedWorkingDays = a.PausedWorkingDays, Extended = a.Extended, StatusReason = a.StatusReason ?? "",
            DecidedAt = ToTimestamp(a.DecidedAt), CertificateDueOn = ToText(a.CertificateDueOn),
            CertificateNumber = a.CertificateNumber ?? "", IssuedAt = ToTimestamp(a.IssuedAt), Visits = a.Visits,
            CalendarBasis = ToProto(a.CalendarBasisOf(calendar)),
        };
        if (a.Evaluation is { } e)
            proto.Evaluation = new Evaluation { Rating = e.Rating, Comment = e.Comment ?? "", EvaluatedAt = Timestamp.FromDateTimeOffset(e.EvaluatedAt) };
        if (a.Rectification is { } r)
            proto.Rectification = new Rectification { DueOn = ToText(r.DueOn), Closed = r.IsClosed, ActionTaken = r.ActionTaken ?? "", ClosedAt = ToTimestamp(r.ClosedAt) };
        return proto;
    }

    private static ReviewStep ToProto(Domain.ReviewStep s) => new()
    {
        DepartmentCode = s.DepartmentCode, Status = (StepStatus)(int)s.Status, Reason = s.Reason ?? "",
        DecidedBy = s.DecidedBy ?? "", DecidedAt = ToTimestamp(s.DecidedAt),
    };

    public static ClockLedger ToLedger(Domain.Application a) => new()
    {
        ApplicationId = a.Id.ToString(),
        Entries =
        {
            a.Ledger.OrderBy(l => l.Sequence).Select(l => new LedgerEntry
            {
                At = Timestamp.FromDateTimeOffset(l.At), Actor = l.Actor, ActorRole = l.ActorRole, Action = (LedgerAction)(int)l.Action,
                Reason = l.Reason ?? "", DepartmentCode = l.DepartmentCode ?? "",
                PromisedDueOn = ToText(l.PromisedDueOn), StatutoryDueOn = ToText(l.StatutoryDueOn), CalendarBasis = ToProto(l.CalendarBasis),
            }),
        },
    };

    public static SlaWarning ToProto(Domain.SlaWarning w) => new()
    {
        Id = w.Id.ToString(), ApplicationId = w.ApplicationId.ToString(), MatterCode = w.MatterCode, DepartmentCode = w.DepartmentCode,
        Scope = (WarningScope)(int)w.Scope, Level = (WarningLevel)(int)w.Level, DueOn = ToText(w.DueOn),
        ElapsedWorkingDays = w.ElapsedWorkingDays, LimitWorkingDays = w.LimitWorkingDays, RaisedAt = Timestamp.FromDateTimeOffset(w.RaisedAt),
    };

    private static CalendarBasis ToProto(Longgang.Platform.Calendar.CalendarBasis? basis) => (CalendarBasis)(int)(basis ?? 0);

    /// <summary>Null for UNSPECIFIED or a number no client should send, so validation names the field.</summary>
    public static TDomain? FromProto<TProto, TDomain>(TProto value) where TProto : struct, System.Enum where TDomain : struct, System.Enum
    {
        var number = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
        return number != 0 && System.Enum.IsDefined(typeof(TDomain), number) ? (TDomain)System.Enum.ToObject(typeof(TDomain), number) : null;
    }

    public static string ToText(DateOnly? date) => date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "";

    private static Timestamp? ToTimestamp(DateTimeOffset? at) => at is { } value ? Timestamp.FromDateTimeOffset(value) : null;
}
