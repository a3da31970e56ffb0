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
    public static ProtoDistrict ToProto(DomainDistrict d, Domain.ServiceHallTally tally) => new()
    {
        Code = d.Code,
        Name = d.Name,
        Modules = { Domain.WorkModule.All.Select(m => new ProtoWorkModule { Code = m.Code, Name = m.Name }) },
        Communities = { d.Communities.OrderBy(c => c.Code, StringComparer.Ordinal).Select(ToProto) },
        ServiceHallSubmissions = tally.Submitted,
        ServiceHallDecided = tally.Decided,
        ServiceHallApproved = tally.Approved,
    };

    private static ProtoCommunity ToProto(DomainCommunity c) => new()
    {
        Code = c.Code,
        Name = c.Name,
        IsVillage = c.IsVillage,
        Grids = { c.Grids.OrderBy(g => g.Code, StringComparer.Ordinal).Select(g => new ProtoGrid { Code = g.Code, Name = g.Name }) },
    };

    /// <summary><paramref name="basis"/> is that of the running deadline on the current calendar (null when none runs).</summary>
    public static ProtoCase ToProto(DomainCase c, bool overdue, DomainCalendarBasis? basis) => new()
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
        AssigneeKind = c.AssigneeKind is { } kind ? ProtoEnums.ToProto<AssigneeKind>(kind) : AssigneeKind.Unspecified,
        AssigneeCode = c.AssigneeCode ?? "",
        DispatchedAt = c.DispatchedAt is { } dispatched ? Timestamp.FromDateTimeOffset(dispatched) : null,
        LimitWorkingDays = c.LimitWorkingDays ?? 0,
        DueOn = RequestParsing.Text(c.DueOn),
        EscalationLevel = ProtoEnums.ToProto<EscalationLevel>(c.EscalationLevel),
        Overdue = overdue,
        HandlerId = c.HandlerId ?? "",
        VerifiedBy = c.VerifiedBy ?? "",
        ClosureReason = c.ClosureReason is { } reason ? ProtoEnums.ToProto<ClosureReason>(reason) : ClosureReason.Unspecified,
        StatusNote = c.StatusNote ?? "",
        EvaluationScore = c.EvaluationScore ?? 0,
        EvaluationComment = c.EvaluationComment ?? "",
        FollowUpOfApplicationId = c.FollowUpOfApplicationId?.ToString() ?? "",
        VerifierId = c.VerifierId ?? "",
        CalendarBasis = ToProto(basis),
        History =
        {
            c.History.OrderBy(h => h.Sequence).Select(h => new CaseHistoryEntry
            {
                At = Timestamp.FromDateTimeOffset(h.At), Actor = h.Actor, Status = ProtoEnums.ToProto<CaseStatus>(h.Status),
                Note = h.Note ?? "", AssigneeCode = h.AssigneeCode ?? "", EscalationLevel = ProtoEnums.ToProto<EscalationLevel>(h.EscalationLevel),
                DueOn = RequestParsing.Text(h.DueOn), CalendarBasis = ToProto(h.CalendarBasis),
            }),
        },
    };

    public static GridTeam ToProto(Domain.Grid grid, IEnumerable<Domain.GridTeamMember> members) => new()
    {
        GridCode = grid.Code,
        DistrictCode = grid.DistrictCode,
        Members = { members.Select(ToProto) },
    };

    public static GridTeamMemberEntry ToEntry(Domain.GridTeamMember m) => new() { GridCode = m.GridCode, DistrictCode = m.DistrictCode, Member = ToProto(m) };

    private static GridTeamMember ToProto(Domain.GridTeamMember m) => new()
    {
        PersonId = m.PersonId, Name = m.Name, Seconded = m.IsSeconded, HomeDepartmentCode = m.HomeDepartmentCode ?? "",
        ModuleCode = m.ModuleCode ?? "", SecondedFrom = RequestParsing.Text(m.SecondedFrom), SecondedUntil = RequestParsing.Text(m.SecondedUntil), Active = m.Active,
    };

    public static DeliberationMeeting ToProto(Domain.DeliberationMeeting m) => new()
    {
        Id = m.Id.ToString(),
        DistrictCode = m.DistrictCode,
        Title = m.Title,
        HeldOn = RequestParsing.Text(m.HeldOn),
        Agenda = { m.Agenda },
        Status = ProtoEnums.ToProto<MeetingStatus>(m.Status),
        Attendees = { m.Attendees },
        Minutes = m.Minutes ?? "",
        Resolutions =
        {
            m.Resolutions.OrderBy(r => r.Sequence).Select(r => new Resolution
            {
                Id = r.Id.ToString(), Text = r.Text, LivelihoodProposal = r.LivelihoodProposal, ProposalTitle = r.ProposalTitle ?? "",
                Category = r.Category ?? "", Rationale = r.Rationale ?? "", EstimatedCostYuan = r.EstimatedCostYuan ?? 0, Year = r.Year ?? 0,
            }),
        },
        ScheduledBy = m.ScheduledBy,
        ScheduledAt = Timestamp.FromDateTimeOffset(m.ScheduledAt),
        RecordedAt = m.RecordedAt is { } recorded ? Timestamp.FromDateTimeOffset(recorded) : null,
    };

    public static Mediation ToProto(Domain.MediationCase m) => new()
    {
        Id = m.Id.ToString(),
        DistrictCode = m.DistrictCode,
        Parties = { m.Parties },
        Facts = m.Facts,
        MediatorId = m.MediatorId,
        OpenedAt = Timestamp.FromDateTimeOffset(m.OpenedAt),
        DueOn = RequestParsing.Text(m.DueOn),
        Extended = m.Extended,
        Status = ProtoEnums.ToProto<MediationStatus>(m.Status),
        AgreementTerms = m.AgreementTerms ?? "",
        Note = m.Note ?? "",
        ConcludedAt = m.ConcludedAt is { } concluded ? Timestamp.FromDateTimeOffset(concluded) : null,
        FollowedUp = m.Honoured is not null,
        Honoured = m.Honoured ?? false,
        FollowUpNote = m.FollowUpNote ?? "",
    };

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

    internal static CalendarBasis ToProto(DomainCalendarBasis? basis) => basis is { } b ? ProtoEnums.ToProto<CalendarBasis>(b) : CalendarBasis.Unspecified;
}
