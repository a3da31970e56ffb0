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
        if (m.CityTag is not null) proto.CityTag = m.CityTag;
        return proto;
    }

    public static Domain.MatterDraft FromProto(MatterDefinition d) => new(
        d.Code, d.Name, d.DepartmentCode, ProtoEnums.ToDomain<Domain.MatterKind>(d.Kind), d.RequiredMaterials,
        d.StatutoryLimitDays, d.PromisedLimitDays, d.MaxVisits, d.ParticipatingDepartments, d.SupervisionRequired,
        new Domain.MatterGuide(d.HasConditions ? d.Conditions : null, d.HasFees ? d.Fees : null,
            d.HasLegalBasis ? d.LegalBasis : null, d.HasWhereToGo ? d.WhereToGo : null),
        d.HasCityTag ? d.CityTag : null);

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
        foreach (var provided in shown.ProvidedMaterials) provided.Material = text.Translate(provided.Material);
        return shown;
    }

    private static void Translate(Google.Protobuf.Collections.RepeatedField<string> names, PlatformText text)
    {
        for (var i = 0; i < names.Count; i++) names[i] = text.Translate(names[i]);
    }

    /// <param name="calendar">Today's calendar: whether a deadline is still provisional changes when a year is published.</param>
    public static ProtoApplication ToProto(Domain.Application a, WorkingDayCalendar calendar)
    {
        // a value that is not there is left out (convention 5): only what the application has is assigned
        var proto = new ProtoApplication
        {
            Id = a.Id.ToString(), MatterCode = a.MatterCode, MatterVersion = a.MatterVersion, Kind = ProtoEnums.ToProto<MatterKind>(a.Kind),
            DepartmentCode = a.DepartmentCode, ApplicantId = a.ApplicantId, ApplicantName = a.ApplicantName,
            SubmittedBy = a.SubmittedBy, Channel = ProtoEnums.ToProto<Channel>(a.Channel),
            Status = ProtoEnums.ToProto<ApplicationStatus>(a.Status),
            Materials = { a.Materials }, MissingMaterials = { a.MissingMaterials }, RequestedCorrections = { a.RequestedCorrections },
            SubmittedAt = Timestamp.FromDateTimeOffset(a.SubmittedAt), SubmittedOn = DayOf(a.SubmittedAt),
            PromisedLimitDays = a.PromisedLimitDays, StatutoryLimitDays = a.StatutoryLimitDays,
            AcceptedAt = ToTimestamp(a.AcceptedAt), DeemedAccepted = a.DeemedAccepted,
            Steps = { a.Steps.Select(ToProto) }, ProvidedMaterials = { a.ProvidedMaterials.Select(ToProto) },
            PausedWorkingDays = a.PausedWorkingDays, Extended = a.Extended,
            DecidedAt = ToTimestamp(a.DecidedAt), IssuedAt = ToTimestamp(a.IssuedAt), Visits = a.Visits,
        };
        if (a.DistrictCode is not null) proto.DistrictCode = a.DistrictCode;
        if (a.AcceptedAt is { } accepted) proto.AcceptedOn = DayOf(accepted);
        if (a.PromisedDueOn is { } promised) proto.PromisedDueOn = RequestParsing.Text(promised);
        if (a.StatutoryDueOn is { } statutory) proto.StatutoryDueOn = RequestParsing.Text(statutory);
        if (a.SuspensionKind is { } kind) proto.SuspensionKind = ProtoEnums.ToProto<SuspensionKind>(kind);
        if (a.SuspensionReason is not null) proto.SuspensionReason = a.SuspensionReason;
        if (a.StatusReason is not null) proto.StatusReason = a.StatusReason;
        if (a.DecidedAt is { } decided) proto.DecidedOn = DayOf(decided);
        if (a.CertificateDueOn is { } certificateDue) proto.CertificateDueOn = RequestParsing.Text(certificateDue);
        if (a.CertificateNumber is not null) proto.CertificateNumber = a.CertificateNumber;
        if (a.IssuedAt is { } issued) proto.IssuedOn = DayOf(issued);
        if (a.CalendarBasisOf(calendar) is { } basis) proto.CalendarBasis = ProtoEnums.ToProto<CalendarBasis>(basis);
        if (a.ResidentId is not null) proto.ResidentId = a.ResidentId;
        if (a.CaseId is { } caseId) proto.CaseId = caseId.ToString();
        if (a.Evaluation is { } e)
        {
            proto.Evaluation = new Evaluation { Rating = e.Rating, EvaluatedAt = Timestamp.FromDateTimeOffset(e.EvaluatedAt), EvaluatedOn = DayOf(e.EvaluatedAt) };
            if (e.Comment is not null) proto.Evaluation.Comment = e.Comment;
        }
        if (a.Rectification is { } r)
        {
            proto.Rectification = new Rectification { DueOn = RequestParsing.Text(r.DueOn), Closed = r.IsClosed, ClosedAt = ToTimestamp(r.ClosedAt) };
            if (r.ActionTaken is not null) proto.Rectification.ActionTaken = r.ActionTaken;
            if (r.ClosedAt is { } closed) proto.Rectification.ClosedOn = DayOf(closed);
        }
        return proto;
    }

    private static ReviewStep ToProto(Domain.ReviewStep s)
    {
        var step = new ReviewStep { DepartmentCode = s.DepartmentCode, Status = ProtoEnums.ToProto<StepStatus>(s.Status), DecidedAt = ToTimestamp(s.DecidedAt) };
        if (s.Reason is not null) step.Reason = s.Reason;
        if (s.DecidedBy is not null) step.DecidedBy = s.DecidedBy;
        if (s.DecidedAt is { } decided) step.DecidedOn = DayOf(decided);
        return step;
    }

    public static ClockLedger ToLedger(Domain.Application a) => new()
    {
        ApplicationId = a.Id.ToString(),
        Entries = { a.Ledger.OrderBy(l => l.Sequence).Select(ToProto) },
    };

    private static LedgerEntry ToProto(Domain.LedgerEntry l)
    {
        var entry = new LedgerEntry
        {
            At = Timestamp.FromDateTimeOffset(l.At), On = DayOf(l.At), Actor = l.Actor, ActorRole = l.ActorRole,
            Action = ProtoEnums.ToProto<LedgerAction>(l.Action),
        };
        if (l.Reason is not null) entry.Reason = l.Reason;
        if (l.DepartmentCode is not null) entry.DepartmentCode = l.DepartmentCode;
        if (l.PromisedDueOn is { } promised) entry.PromisedDueOn = RequestParsing.Text(promised);
        if (l.StatutoryDueOn is { } statutory) entry.StatutoryDueOn = RequestParsing.Text(statutory);
        if (l.CalendarBasis is { } basis) entry.CalendarBasis = ProtoEnums.ToProto<CalendarBasis>(basis);
        return entry;
    }

    public static SlaWarning ToProto(Domain.SlaWarning w) => new()
    {
        Id = w.Id.ToString(), ApplicationId = w.ApplicationId.ToString(), MatterCode = w.MatterCode, DepartmentCode = w.DepartmentCode,
        Scope = ProtoEnums.ToProto<WarningScope>(w.Scope), Level = ProtoEnums.ToProto<WarningLevel>(w.Level), DueOn = RequestParsing.Text(w.DueOn),
        ElapsedWorkingDays = w.ElapsedWorkingDays, LimitWorkingDays = w.LimitWorkingDays, RaisedAt = Timestamp.FromDateTimeOffset(w.RaisedAt),
        RaisedOn = DayOf(w.RaisedAt),
    };

    /// <summary>The China date of an instant, as a screen shows its day (convention 7).</summary>
    public static string DayOf(DateTimeOffset at) => RequestParsing.Text(WorkingDayCalendar.ChinaDateOf(at));

    private static Timestamp? ToTimestamp(DateTimeOffset? at) => at is { } value ? Timestamp.FromDateTimeOffset(value) : null;

    private static ProvidedMaterial ToProto(Domain.ProvidedMaterial p)
    {
        var proto = new ProvidedMaterial
        {
            Material = p.Material, Evidence = ProtoEnums.ToProto<MaterialEvidence>(p.Evidence), ProvidedBy = p.ProvidedBy,
            ProvidedAt = Timestamp.FromDateTimeOffset(p.ProvidedAt), ProvidedOn = DayOf(p.ProvidedAt),
        };
        if (p.FileId is { } file) proto.FileId = file.ToString();
        return proto;
    }

    /// <summary>A file's metadata in the caller's language (the material's name translated).</summary>
    public static ApplicationFile ToProto(Platform.Files.StoredFile f, PlatformText text) => new()
    {
        Id = f.Id.ToString(), ApplicationId = f.RecordId.ToString(), Material = f.Material is null ? "" : text.Translate(f.Material), ContentType = f.ContentType,
        Size = f.Size, Sha256 = f.Sha256, ScanStatus = ProtoEnums.ToProto<FileScanStatus>(f.ScanStatus), UploadedBy = f.UploadedBy,
        UploadedAt = Timestamp.FromDateTimeOffset(f.UploadedAt), UploadedOn = DayOf(f.UploadedAt),
    };
}
