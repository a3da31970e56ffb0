using Google.Protobuf.WellKnownTypes;
using Longgang.Governance.Contracts.V1;
using Longgang.Platform.Api;
using DomainCalendarBasis = Longgang.Platform.Calendar.CalendarBasis;
using DomainCase = Longgang.Governance.Domain.Case;
using DomainCommunity = Longgang.Governance.Domain.Community;
using DomainDistrict = Longgang.Governance.Domain.District;
using ProtoCase = Longgang.Governance.Contracts.V1.Case;
using ProtoCommunity = Longgang.Governance.Contracts.V1.Community;
using ProtoDistrict = Longgang.Governance.Contracts.V1.District;
using ProtoGrid = Longgang.Governance.Contracts.V1.Grid;
using ProtoWorkModule = Longgang.Governance.Contracts.V1.WorkModule;

namespace Longgang.Governance.Grpc;

/// <summary>Between the domain and the wire. Proto enum values mirror the domain's numbers (EnumMappingTests).</summary>
internal static class GovernanceMapping
{
    /// <param name="translate">Names are stored in English; this gives them in the caller's language.</param>
    public static ProtoDistrict ToProto(DomainDistrict d, Domain.ServiceHallTally tally, Func<string, string> translate) => new()
    {
        Code = d.Code,
        Name = translate(d.Name),
        Modules = { Domain.WorkModule.All.Select(m => new ProtoWorkModule { Code = m.Code, Name = translate(m.Name) }) },
        Communities = { d.Communities.OrderBy(c => c.Code, StringComparer.Ordinal).Select(c => ToProto(c, translate)) },
        ServiceHallSubmissions = tally.Submitted,
        ServiceHallDecided = tally.Decided,
        ServiceHallApproved = tally.Approved,
    };

    private static ProtoCommunity ToProto(DomainCommunity c, Func<string, string> translate) => new()
    {
        Code = c.Code,
        Name = translate(c.Name),
        IsVillage = c.IsVillage,
        Grids = { c.Grids.OrderBy(g => g.Code, StringComparer.Ordinal).Select(g => new ProtoGrid { Code = g.Code, Name = translate(g.Name) }) },
    };

    /// <summary>
    /// <paramref name="basis"/> is that of the running deadline on the current calendar (null when none runs). Fields
    /// without a value are left out (proto3 optional), never sent as "", 0 or *_UNSPECIFIED.
    /// </summary>
    public static ProtoCase ToProto(DomainCase c, bool overdue, DomainCalendarBasis? basis)
    {
        var proto = new ProtoCase
        {
            Id = c.Id.ToString(),
            DistrictCode = c.DistrictCode,
            CommunityCode = c.CommunityCode,
            GridCode = c.GridCode,
            Source = ProtoEnums.ToProto<CaseSource>(c.Source),
            Category = c.Category,
            Description = c.Description,
            PhotoRefs = { c.PhotoRefs },
            Status = ProtoEnums.ToProto<CaseStatus>(c.Status),
            ReporterId = c.ReporterId,
            ReportedAt = Timestamp.FromDateTimeOffset(c.ReportedAt),
            ReportedOn = ChinaDate(c.ReportedAt),
            DispatchedAt = c.DispatchedAt is { } dispatched ? Timestamp.FromDateTimeOffset(dispatched) : null,
            EscalationLevel = ProtoEnums.ToProto<EscalationLevel>(c.EscalationLevel),
            Overdue = overdue,
            History = { c.History.OrderBy(h => h.Sequence).Select(ToProto) },
        };
        if (c.AssigneeKind is { } kind) proto.AssigneeKind = ProtoEnums.ToProto<AssigneeKind>(kind);
        if (c.AssigneeCode is not null) proto.AssigneeCode = c.AssigneeCode;
        if (c.DispatchedAt is { } at) proto.DispatchedOn = ChinaDate(at);
        if (c.LimitWorkingDays is { } limit) proto.LimitWorkingDays = limit;
        if (c.DueOn is { } due) proto.DueOn = RequestParsing.Text(due);
        if (c.HandlerId is not null) proto.HandlerId = c.HandlerId;
        if (c.VerifiedBy is not null) proto.VerifiedBy = c.VerifiedBy;
        if (c.ClosureReason is { } reason) proto.ClosureReason = ProtoEnums.ToProto<ClosureReason>(reason);
        if (c.StatusNote is not null) proto.StatusNote = c.StatusNote;
        if (c.EvaluationScore is { } score) proto.EvaluationScore = score;
        if (c.EvaluationComment is not null) proto.EvaluationComment = c.EvaluationComment;
        if (c.FollowUpOfApplicationId is { } application) proto.FollowUpOfApplicationId = application.ToString();
        if (c.VerifierId is not null) proto.VerifierId = c.VerifierId;
        if (c.WaitingForApplicationId is { } waitingFor) proto.WaitingForApplicationId = waitingFor.ToString();
        proto.AwaitingCorrection = c.AwaitingCorrection;
        if (c.OwnerId is not null) proto.OwnerId = c.OwnerId;
        if (Domain.CaseCategories.CityTag(c.Category) is { } cityTag) proto.CityTag = cityTag;
        if (basis is { } b) proto.CalendarBasis = ProtoEnums.ToProto<CalendarBasis>(b);
        return proto;
    }

    private static CaseHistoryEntry ToProto(Domain.CaseHistoryEntry h)
    {
        var entry = new CaseHistoryEntry
        {
            At = Timestamp.FromDateTimeOffset(h.At),
            Actor = h.Actor,
            Status = ProtoEnums.ToProto<CaseStatus>(h.Status),
            EscalationLevel = ProtoEnums.ToProto<EscalationLevel>(h.EscalationLevel),
        };
        if (h.Note is not null) entry.Note = h.Note;
        if (h.AssigneeCode is not null) entry.AssigneeCode = h.AssigneeCode;
        if (h.OwnerId is not null) entry.OwnerId = h.OwnerId;
        if (h.DueOn is { } due) entry.DueOn = RequestParsing.Text(due);
        if (h.CalendarBasis is { } basis) entry.CalendarBasis = ProtoEnums.ToProto<CalendarBasis>(basis);
        return entry;
    }

    /// <summary>The China date (Asia/Shanghai) of an instant, as the wire writes dates: what a screen shows as its day.</summary>
    internal static string ChinaDate(DateTimeOffset instant) => RequestParsing.Text(Longgang.Platform.Calendar.WorkingDayCalendar.ChinaDateOf(instant));

    /// <summary>A grid-team post as a team member, with the secondment its holder serves on the day (null: a grid worker).</summary>
    public static GridTeamMember ToMember(Domain.Post p, Domain.Secondment? secondment, DateOnly today)
    {
        var member = new GridTeamMember { PersonId = p.PersonId, Name = p.Name, Seconded = secondment is not null, Active = p.IsActiveOn(today) };
        if (secondment is null) return member;
        member.HomeDepartmentCode = secondment.HomeDepartmentCode;
        member.ModuleCode = secondment.ModuleCode;
        member.SecondedFrom = RequestParsing.Text(secondment.From);
        if (secondment.Until is { } until) member.SecondedUntil = RequestParsing.Text(until);
        return member;
    }

    public static Post ToProto(Domain.Post p, DateOnly today)
    {
        var post = new Post
        {
            Id = p.Id.ToString(),
            PersonId = p.PersonId,
            Name = p.Name,
            Kind = ProtoEnums.ToProto<PostKind>(p.Kind),
            DistrictCode = p.DistrictCode,
            HeldFrom = RequestParsing.Text(p.HeldFrom),
            Active = p.IsActiveOn(today),
        };
        if (p.GridCode is not null) post.GridCode = p.GridCode;
        if (p.CommunityCode is not null) post.CommunityCode = p.CommunityCode;
        if (p.ModuleCode is not null) post.ModuleCode = p.ModuleCode;
        if (p.SecondmentId is { } secondment) post.SecondmentId = secondment.ToString();
        if (p.HeldUntil is { } until) post.HeldUntil = RequestParsing.Text(until);
        return post;
    }

    public static Secondment ToProto(Domain.Secondment s, DateOnly today)
    {
        var proto = new Secondment
        {
            Id = s.Id.ToString(),
            PersonId = s.PersonId,
            Name = s.Name,
            HomeDepartmentCode = s.HomeDepartmentCode,
            DistrictCode = s.DistrictCode,
            ModuleCode = s.ModuleCode,
            From = RequestParsing.Text(s.From),
            Running = s.RunsOn(today),
        };
        if (s.Until is { } until) proto.Until = RequestParsing.Text(until);
        if (s.TransferredFromId is { } from) proto.TransferredFromId = from.ToString();
        if (s.TransferredToId is { } to) proto.TransferredToId = to.ToString();
        return proto;
    }

    /// <param name="candidates">The hotspots put on the meeting as candidate items.</param>
    public static DeliberationMeeting ToProto(Domain.DeliberationMeeting m, IEnumerable<Domain.CaseHotspot> candidates)
    {
        var meeting = new DeliberationMeeting
        {
            Id = m.Id.ToString(),
            DistrictCode = m.DistrictCode,
            Title = m.Title,
            HeldOn = RequestParsing.Text(m.HeldOn),
            Agenda = { m.Agenda },
            Status = ProtoEnums.ToProto<MeetingStatus>(m.Status),
            Attendees = { m.Attendees },
            Resolutions = { m.Resolutions.OrderBy(r => r.Sequence).Select(ToProto) },
            ScheduledBy = m.ScheduledBy,
            ScheduledAt = Timestamp.FromDateTimeOffset(m.ScheduledAt),
            RecordedAt = m.RecordedAt is { } recorded ? Timestamp.FromDateTimeOffset(recorded) : null,
        };
        if (m.Minutes is not null) meeting.Minutes = m.Minutes;
        if (m.BookingId is { } booking) meeting.BookingId = booking.ToString();
        meeting.CandidateHotspots.AddRange(candidates.OrderBy(h => h.DetectedAt).ThenBy(h => h.Id).Select(ToProto));
        return meeting;
    }

    private static Resolution ToProto(Domain.Resolution r)
    {
        var resolution = new Resolution { Id = r.Id.ToString(), Text = r.Text, LivelihoodProposal = r.LivelihoodProposal };
        if (r.ProposalTitle is not null) resolution.ProposalTitle = r.ProposalTitle;
        if (r.Category is not null) resolution.Category = r.Category;
        if (r.Rationale is not null) resolution.Rationale = r.Rationale;
        if (r.EstimatedCostYuan is { } cost) resolution.EstimatedCostYuan = cost;
        if (r.Year is { } year) resolution.Year = year;
        return resolution;
    }

    public static Mediation ToProto(Domain.MediationCase m)
    {
        var mediation = new Mediation
        {
            Id = m.Id.ToString(),
            DistrictCode = m.DistrictCode,
            Parties = { m.Parties },
            Facts = m.Facts,
            MediatorId = m.MediatorId,
            OpenedAt = Timestamp.FromDateTimeOffset(m.OpenedAt),
            OpenedOn = ChinaDate(m.OpenedAt),
            DueOn = RequestParsing.Text(m.DueOn),
            Extended = m.Extended,
            Status = ProtoEnums.ToProto<MediationStatus>(m.Status),
            ConcludedAt = m.ConcludedAt is { } concluded ? Timestamp.FromDateTimeOffset(concluded) : null,
            FollowedUp = m.Honoured is not null,
        };
        if (m.AgreementTerms is not null) mediation.AgreementTerms = m.AgreementTerms;
        if (m.Note is not null) mediation.Note = m.Note;
        if (m.ConcludedAt is { } at) mediation.ConcludedOn = ChinaDate(at);
        if (m.Honoured is { } honoured) mediation.Honoured = honoured;
        if (m.FollowUpNote is not null) mediation.FollowUpNote = m.FollowUpNote;
        if (m.BookingId is { } booking) mediation.BookingId = booking.ToString();
        return mediation;
    }

    public static DistrictReport ToProto(Domain.DistrictReport r, Domain.ServiceHallTally tally)
    {
        var report = new DistrictReport
        {
            DistrictCode = r.DistrictCode,
            OpenCases = r.OpenCases,
            OverdueCases = r.OverdueCases,
            Returns = { r.ReturnsByAssignee.Select(x => new ReturnCount { AssigneeCode = x.Key, Returns = x.Value }) },
            Escalations = r.Escalations,
            MediationsConcluded = r.MediationsConcluded,
            SecondedStaff = r.SecondedStaff,
            ServiceHallSubmissions = tally.Submitted,
            ServiceHallDecided = tally.Decided,
            ServiceHallApproved = tally.Approved,
            Grids =
            {
                r.Grids.Select(g => new GridReportLine
                {
                    GridCode = g.GridCode, OpenCases = g.OpenCases, OverdueCases = g.OverdueCases, Escalations = g.Escalations,
                    TeamMembers = g.TeamMembers, SecondedMembers = g.SecondedMembers,
                }),
            },
        };
        // optional fields: left out, not zero, when there is nothing to count
        if (r.AverageWorkingDaysToAcknowledge is { } acknowledge) report.AverageWorkingDaysToAcknowledge = acknowledge;
        if (r.AverageWorkingDaysToClose is { } close) report.AverageWorkingDaysToClose = close;
        if (r.SelfResolutionRate is { } selfResolution) report.SelfResolutionRate = selfResolution;
        if (r.MediationSuccessRate is { } success) report.MediationSuccessRate = success;
        if (r.AgreementsHonouredRate is { } honoured) report.AgreementsHonouredRate = honoured;
        if (r.OpenCasesPerTeamMember is { } workload) report.OpenCasesPerTeamMember = workload;
        return report;
    }

    /// <param name="translate">Names are stored in English; this gives them in the caller's language.</param>
    public static Room ToProto(Domain.ComplexRoom r, Func<string, string> translate) => new()
    {
        Id = r.Id.ToString(),
        DistrictCode = r.DistrictCode,
        Kind = ProtoEnums.ToProto<RoomKind>(r.Kind),
        Name = translate(r.Name),
        Location = translate(r.Location),
        Capacity = r.Capacity,
    };

    public static ResidentOrganisation ToProto(Domain.ResidentOrganisation o, Func<string, string> translate) => new()
    {
        Id = o.Id.ToString(),
        DistrictCode = o.DistrictCode,
        Kind = ProtoEnums.ToProto<OrganisationKind>(o.Kind),
        Name = translate(o.Name),
        Contact = o.Contact,
    };

    public static RoomBooking ToProto(Domain.RoomBooking b) => new()
    {
        Id = b.Id.ToString(),
        RoomId = b.RoomId.ToString(),
        DistrictCode = b.DistrictCode,
        RoomKind = ProtoEnums.ToProto<RoomKind>(b.RoomKind),
        StartsAt = Timestamp.FromDateTimeOffset(b.StartsAt),
        EndsAt = Timestamp.FromDateTimeOffset(b.EndsAt),
        StartsOn = ChinaDate(b.StartsAt),
        Purpose = b.Purpose,
        BookedBy = b.BookedBy,
        Cancelled = b.IsCancelled,
    };

    public static Consultation ToProto(Domain.ConsultationMeeting c) => new()
    {
        Id = c.Id.ToString(),
        DistrictCode = c.DistrictCode,
        Title = c.Title,
        HeldOn = RequestParsing.Text(c.HeldOn),
        Status = ProtoEnums.ToProto<ConsultationStatus>(c.Status),
        Conclusions = { c.Conclusions },
        ScheduledBy = c.ScheduledBy,
        ConcludedAt = c.ConcludedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
    };

    public static CaseHotspot ToProto(Domain.CaseHotspot h)
    {
        var hotspot = new CaseHotspot
        {
            Id = h.Id.ToString(),
            DistrictCode = h.DistrictCode,
            GridCode = h.GridCode,
            Category = h.Category,
            CaseCount = h.CaseCount,
            WindowStartsAt = Timestamp.FromDateTimeOffset(h.WindowStartsAt),
            WindowEndsAt = Timestamp.FromDateTimeOffset(h.WindowEndsAt),
            DetectedAt = Timestamp.FromDateTimeOffset(h.DetectedAt),
            DetectedOn = ChinaDate(h.DetectedAt),
        };
        if (h.MeetingId is { } meeting) hotspot.MeetingId = meeting.ToString();
        return hotspot;
    }

    internal static CalendarBasis ToProto(DomainCalendarBasis basis) => ProtoEnums.ToProto<CalendarBasis>(basis);

    public static CaseFile ToProto(Platform.Files.StoredFile f) => new()
    {
        Id = f.Id.ToString(), CaseId = f.RecordId.ToString(), ContentType = f.ContentType, Size = f.Size, Sha256 = f.Sha256,
        ScanStatus = ProtoEnums.ToProto<FileScanStatus>(f.ScanStatus), UploadedBy = f.UploadedBy,
        UploadedAt = Timestamp.FromDateTimeOffset(f.UploadedAt), UploadedOn = RequestParsing.Text(Platform.Calendar.WorkingDayCalendar.ChinaDateOf(f.UploadedAt)),
    };
}
