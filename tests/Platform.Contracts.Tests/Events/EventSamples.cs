using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Governance.Contracts.Events.V1;
using Longgang.Livelihood.Contracts.Events.V1;
using Longgang.Platform.Calendar;
using Longgang.Platform.Events.V1;
using Longgang.Talent.Contracts.Events.V1;

namespace Longgang.Platform.Tests.Events;

/// <summary>
/// One realistic message of every event type, as its producer publishes it: written to the snapshot as the sample of
/// the producer's current version (EventShapeTests' update mode), for every consumer to read. Codes are the seeded
/// catalogues' (matter MS-001 needs supervision, HR-001 is the talent housing subsidy; district-03 has a service hall),
/// so that each consumer does its real work on them, not an early return.
/// </summary>
public static class EventSamples
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static DateTimeOffset At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, China);

    private static readonly Guid Application = Guid.Parse("01950a6e-7c3a-7d41-9f0e-3b6f1c2d4e01");
    private static readonly Guid Case = Guid.Parse("01950a6e-7c3a-7d41-9f0e-3b6f1c2d4e02");
    private static readonly Guid Project = Guid.Parse("01950a6e-7c3a-7d41-9f0e-3b6f1c2d4e03");
    private static readonly Guid Certification = Guid.Parse("01950a6e-7c3a-7d41-9f0e-3b6f1c2d4e04");
    private static readonly Guid Claim = Guid.Parse("01950a6e-7c3a-7d41-9f0e-3b6f1c2d4e05");

    private static readonly ReplayedEvent ReplayedCaseClosed = new("Longgang.Governance.Contracts.Events.V1.CaseClosed, Governance.Contracts",
        """{"caseId":"01950a6e-7c3a-7d41-9f0e-3b6f1c2d4e02","districtCode":"district-03","reason":"FIXED","overdue":false,"closedAt":"2026-05-12T17:00:00+08:00"}""");

    public static IReadOnlyDictionary<Type, object> ByType { get; } = new object[]
    {
        // approvals
        new ApplicationSubmitted(Application, "MS-001", "dept-market-supervision", "citizen-310", "GRID_WORKER",
            "district-03", At(3, 2, 9, 30), Case, "grid-worker-0307", CityTags.AdvancedIndustry, ["food safety officer certificate"]),
        new CorrectionRequested(Application, "MS-001", "dept-market-supervision", "citizen-310", "grid-worker-0307", "district-03",
            ["premises floor plan", "food safety officer certificate"], At(3, 2, 15)),
        new ApplicationNotAccepted(Application, "MS-001", "dept-market-supervision", "citizen-310", "district-03",
            "经营场所不在龙岗区范围内", At(3, 3, 10)),
        new ApplicationAccepted(Application, "MS-001", "dept-market-supervision", "citizen-310", "district-03", false, At(3, 3, 10),
            new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 31)),
        new ApplicationDecided(Application, "MS-001", "dept-market-supervision", "citizen-310", ApplicationSubmitted.ServiceHallChannel,
            "district-03", ApplicationDecided.Approved, [], At(3, 9, 16), 5, 20, true, SupervisionRequired: true,
            Visits: 1, CityTag: CityTags.AdvancedIndustry),
        new CertificateIssued(Application, "MS-001", "dept-market-supervision", "citizen-310", "district-03", "JY14403070012345",
            At(3, 10, 11)),
        new SlaWarningRaised(Guid.Parse("01950a6e-7c3a-7d41-9f0e-3b6f1c2d4e06"), Application, "MS-001", "dept-market-supervision",
            "APPLICATION", SlaWarningRaised.Yellow, new DateOnly(2026, 3, 10), 4, 5, At(3, 9, 9), "district-03"),
        new ApplicationEvaluated(Application, "MS-001", "dept-market-supervision", "district-03", 2, true, At(3, 11, 20)),
        new VisitLimitExceeded(Application, "MS-001", "dept-market-supervision", "district-03", 2, 1, At(3, 4, 10)),
        new ApplicationRequested(Guid.Parse("01950a6e-7c3a-7d41-9f0e-3b6f1c2d4e07"), "HR-001", "citizen-talent-7", "陈静", "district-04",
            ["application form", "talent certificate", "labour contract", "housing purchase contract"], "talent", At(4, 1, 10)),

        // governance
        new CaseReported(Case, "district-03", "grid-03-07-2", "ENVIRONMENT", "GRID_PATROL", At(5, 6, 8, 40), CityTags.HappyLiveable),
        new CaseDispatched(Case, "district-03", "MODULE", "market-supervision", new DateOnly(2026, 5, 13), At(5, 6, 9)),
        new CaseReturned(Case, "district-03", "MODULE", "market-supervision", "不属于本模块职责，请改派城管", At(5, 6, 14)),
        new CaseHandled(Case, "district-03", "MODULE", "market-supervision", "已疏通堵塞的排水口并清理现场。", At(5, 11, 16)),
        new CaseEscalated(Case, "district-03", "community-03-07", "grid-03-07-2", "DISTRICT", new DateOnly(2026, 5, 20), At(5, 14, 0, 5),
            "district-office-03-li"),
        new CaseReassigned(Case, "district-03", "DISTRICT", "district-office-03-wang", "district-office-03-li", At(5, 14, 9, 30)),
        new SecondmentTargetMissed("dept-emergency-management", 6, 1, new DateOnly(2026, 5, 16), At(5, 15, 10)),
        new CaseClosed(Case, "district-03", "FIXED", false, At(5, 12, 17), "grid-03-07-2", "ENVIRONMENT", "MODULE", "market-supervision",
            SelfResolved: false, WorkingDaysToClose: 4),
        new MediationConcluded(Guid.Parse("01950a6e-7c3a-7d41-9f0e-3b6f1c2d4e08"), "district-03", MediationConcluded.Agreed, true, At(6, 3, 16)),
        new LivelihoodProposalResolved(Guid.Parse("01950a6e-7c3a-7d41-9f0e-3b6f1c2d4e09"), Guid.Parse("01950a6e-7c3a-7d41-9f0e-3b6f1c2d4e0a"),
            "district-06", 2027, "社区四点半课堂", "EDUCATION", "双职工家庭下午放学后无人看护孩子", 1_200_000, At(9, 18, 20)),
        new CaseHotspotDetected(Guid.Parse("01950a6e-7c3a-7d41-9f0e-3b6f1c2d4e0c"), "district-03", "grid-03-07-2", "blocked drain", 3, 30,
            At(5, 6, 8, 40), At(5, 20, 10)),

        // livelihood
        new ProjectProposed(Project, 2027, "EDUCATION", ["district-06"], 1_200_000, At(9, 19, 9), CityTags.HappyLiveable),
        new ProposalScreened(Project, 2027, "社区四点半课堂", "CITIZEN", "citizen-proposer-12", ProposalScreened.Candidate, null, null),
        new ProposalVoted(Project, 2027, "社区四点半课堂", "CITIZEN", "citizen-proposer-12", ProposalVoted.Adopted, 3, 1_287, 401, At(12, 20, 11)),
        new ProjectAdopted(Project, 2027, "EDUCATION", ["district-06"], 1_200_000, "dept-education", At(12, 20, 11), CityTags.HappyLiveable),
        new VoteCounted(2027, 462, 50_000_000, 48_600_000, [Project], At(12, 20, 11), 210_000_000, 300_000_000, true),
        new MilestoneCompleted(Project, Guid.Parse("01950a6e-7c3a-7d41-9f0e-3b6f1c2d4e0b"), Application, 40, At(12, 28, 15), Late: false),
        new ProjectDelayRiskRaised(Project, 2027, Guid.Parse("01950a6e-7c3a-7d41-9f0e-3b6f1c2d4e0b"), Application, "YELLOW", ["district-06"],
            "dept-education", new DateOnly(2026, 12, 24), At(12, 22, 9)),

        // talent
        new CertificationApplied(Certification, "C", 3, "district-04", At(4, 1, 9)),
        new TalentCertified(Certification, "C", 3, "新一代信息技术", "深圳市龙岗区某通信设备有限公司", "district-04", "LGRC2026000123",
            new DateOnly(2029, 4, 30), At(4, 30, 10), "EXTERNAL_RECRUITMENT"),
        new EntitlementApproved(Claim, Application, "housing-subsidy", 2026, "citizen-talent-7", 30_000, new DateOnly(2026, 12, 31), At(5, 8, 10), "district-04"),
        new EntitlementPaid(Claim, "housing-subsidy", 2026, "citizen-talent-7", 30_000, new DateOnly(2026, 5, 20), "PAY-2026-000451", "district-04"),
        new PositionApplicationMoved(Guid.Parse("01950a6e-7c3a-7d41-9f0e-3b6f1c2d4e0d"), Guid.Parse("01950a6e-7c3a-7d41-9f0e-3b6f1c2d4e0e"),
            "citizen-talent-7", "深圳市龙岗区某通信设备有限公司", PositionApplicationMoved.Hired, "district-04", "EXTERNAL_RECRUITMENT", At(6, 2, 10)),
        new EntitlementExpiring(Claim, "housing-subsidy", 2026, "citizen-talent-7", 30_000, new DateOnly(2026, 12, 31), At(12, 17, 9), "district-04"),
        new EntitlementExpired(Claim, "housing-subsidy", 2026, "citizen-talent-7", 30_000, new DateOnly(2026, 12, 31), At(12, 31, 23, 59), "district-04"),
        new CertificationNoticeStarted(Certification, "citizen-talent-7", "C", new DateOnly(2026, 4, 20), new DateOnly(2026, 4, 27), At(4, 20, 15)),
        new CertificationObjected(Certification, "citizen-talent-7", Guid.Parse("01950a6e-7c3a-7d41-9f0e-3b6f1c2d4e0f"), new DateOnly(2026, 4, 27),
            At(4, 22, 11)),
        new CertificationDecided(Certification, "citizen-talent-7", "C", CertificationDecided.ObjectionDismissed, "异议所述情况经核实与事实不符"),

        // platform
        new CalendarYearPublished(2026, WorkingDayCalendar.Official.Year(2026).ToJson(), "city-admin-1", At(1, 5, 10)),
        new ServiceHeartbeat("approvals", At(3, 9, 16, 1)),
        new NotificationPreferencesChanged("citizen-7", "en",
            [new NotificationKindPreference(NotificationKinds.CertificateIssued, "SMS", true, "22:00", "07:00", false),
             new NotificationKindPreference(NotificationKinds.CaseClosed, "EMAIL", true, null, null, true)], At(3, 9, 20)),
        new NotificationKindPreference(NotificationKinds.ClaimPaid, "SMS", true, "21:30", "08:00", false),
        new DashboardReplayRequested(Guid.Parse("01950a6e-7c3a-7d41-9f0e-3b6f1c2d4e0f"), "city-admin-1", At(6, 1, 9)),
        new DashboardReplayBatch(Guid.Parse("01950a6e-7c3a-7d41-9f0e-3b6f1c2d4e0f"), "governance", 1, true,
            [ReplayedCaseClosed]),
        // not published alone: the shape of one entry of a replay batch, part of the batch's contract
        ReplayedCaseClosed,
    }.ToDictionary(sample => sample.GetType());
}
