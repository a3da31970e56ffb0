using Grpc.Core;
using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Approvals.Contracts.V1;
using Longgang.Approvals.Data;
using Longgang.Approvals.Grpc;
using Longgang.Platform;
using Longgang.Platform.Errors;
using Longgang.Platform.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Longgang.Approvals.Tests.Callers;
using static Longgang.Approvals.Tests.Departments;
using StoredApplication = Longgang.Approvals.Domain.Application;
using StoredStepStatus = Longgang.Approvals.Domain.StepStatus;

namespace Longgang.Approvals.Tests;

/// <summary>
/// Who may see and do what, through the gRPC service class on a real SQLite database: every boundary answers
/// 403 (a <see cref="ForbiddenException"/>), never an empty answer that would tell a stranger nothing exists;
/// listings are confined per role; two departments deciding at once lose nothing; matters are versioned.
/// </summary>
public sealed class ApprovalsAccessTests : IAsyncLifetime
{
    private static readonly string[] ConstructionMaterials =
        ["application form", "land use certificate", "planning permit", "construction drawings review", "contractor contract"];
    private static readonly string[] FoodLicenceMaterials =
        ["application form", "business licence", "premises floor plan", "food safety officer certificate"];

    private static readonly Caller MarketClerk = Clerk(Market);
    private static readonly Caller HousingClerk = Clerk(Housing);
    private static readonly Caller ResourcesClerk = Clerk(NaturalResources);
    private static readonly Caller EmergencyClerk = Clerk(Emergency);
    private static readonly Caller FinanceClerk = Clerk("dept-finance");
    private static readonly Caller MarketSupervisor = new("sup-market", PlatformRoles.Supervisor, null, Market);
    private static readonly Caller HousingSupervisor = new("sup-housing", PlatformRoles.Supervisor, null, Housing);
    private static readonly Caller District03Admin = new("da-3", PlatformRoles.DistrictAdmin, "district-03", null);
    private static readonly Caller District04Admin = new("da-4", PlatformRoles.DistrictAdmin, "district-04", null);

    private ApprovalsTestHost _host = null!;

    // Monday 2 March 2026, 09:00 China Standard Time
    public async ValueTask InitializeAsync() => _host = await ApprovalsTestHost.CreateAsync(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private Task<Application> SubmitAsync(Caller by, string matterCode, Channel channel, string? district, string[] materials, string applicantId = "citizen-7") =>
        _host.CallAsync(by, (s, c) => s.SubmitApplication(new SubmitApplicationRequest
        {
            MatterCode = matterCode,
            ApplicantId = by.Is(PlatformRoles.Citizen) ? "" : applicantId,
            ApplicantName = "Wang Fang",
            Channel = channel,
            DistrictCode = district ?? "",
            Materials = { materials },
        }, c));

    /// <summary>HC-001 handed in complete by citizen-7 at district-03's hall and accepted: three pending steps.</summary>
    private async Task<Application> JointInReviewAsync()
    {
        var submitted = await SubmitAsync(Citizen, "HC-001", Channel.ServiceHall, "district-03", ConstructionMaterials);
        return await _host.CallAsync(HousingClerk, (s, c) => s.AcceptApplication(new() { Id = submitted.Id }, c));
    }

    /// <summary>MS-001 named online by citizen-7; a market clerk has seen the originals of what it names.</summary>
    private async Task<Application> FoodLicenceOnlineAsync()
    {
        var submitted = await SubmitAsync(Citizen, "MS-001", Channel.Online, null, FoodLicenceMaterials);
        await _host.ConfirmOriginalsAsync(MarketClerk, submitted.Id, FoodLicenceMaterials);
        return await GetAsync(Citizen, submitted.Id);
    }

    private Task<Application> GetAsync(Caller caller, string id) => _host.CallAsync(caller, (s, c) => s.GetApplication(new() { Id = id }, c));

    private Task<ClockLedger> LedgerAsync(Caller caller, string id) => _host.CallAsync(caller, (s, c) => s.GetClockLedger(new() { Id = id }, c));

    private Task<Application> DecideAsync(Caller caller, string id, Decision decision = Decision.Approve, string department = "", string reason = "") =>
        _host.CallAsync(caller, (s, c) => s.DecideStep(new() { Id = id, Decision = decision, DepartmentCode = department, Reason = reason }, c));

    private async Task ForbiddenAsync<T>(Func<Task<T>> call) => await Assert.ThrowsAsync<ForbiddenException>(async () => await call());

    /// <summary>What is stored now, read in a fresh context.</summary>
    private Task<StoredApplication> StoredAsync(string id) =>
        _host.WithDbAsync(db => db.Applications.AsNoTracking().SingleAsync(a => a.Id == Guid.Parse(id)));

    // ---- one application, caller by caller ----------------------------------------------------------

    [Fact]
    public async Task Another_citizen_is_forbidden_an_application_and_its_clock_ledger()
    {
        var application = await FoodLicenceOnlineAsync();

        Assert.Equal("citizen-7", (await GetAsync(Citizen, application.Id)).ApplicantId);
        Assert.Equal([LedgerAction.Submitted], (await LedgerAsync(Citizen, application.Id)).Entries.Select(e => e.Action));
        await ForbiddenAsync(() => GetAsync(OtherCitizen, application.Id));
        await ForbiddenAsync(() => LedgerAsync(OtherCitizen, application.Id));
    }

    [Fact]
    public async Task A_clerk_of_an_unrelated_department_may_neither_see_nor_act_on_an_application_before_or_after_acceptance()
    {
        var submitted = await SubmitAsync(Citizen, "HC-001", Channel.ServiceHall, "district-03", ConstructionMaterials);
        var id = submitted.Id;

        await ForbiddenAsync(() => GetAsync(FinanceClerk, id));
        await ForbiddenAsync(() => LedgerAsync(FinanceClerk, id));
        await ForbiddenAsync(() => _host.CallAsync(FinanceClerk, (s, c) => s.AcceptApplication(new() { Id = id }, c)));
        await ForbiddenAsync(() => _host.CallAsync(FinanceClerk, (s, c) => s.RequestCorrection(new() { Id = id, Materials = { "planning permit" } }, c)));
        await ForbiddenAsync(() => _host.CallAsync(FinanceClerk, (s, c) => s.RejectAcceptance(new() { Id = id, Reason = "no" }, c)));
        // not a 409 "cannot decide an application that is Submitted": that would tell them it exists and its state
        await ForbiddenAsync(() => DecideAsync(FinanceClerk, id));

        await _host.CallAsync(HousingClerk, (s, c) => s.AcceptApplication(new() { Id = id }, c));
        await ForbiddenAsync(() => GetAsync(FinanceClerk, id));
        await ForbiddenAsync(() => DecideAsync(FinanceClerk, id));
        await ForbiddenAsync(() => _host.CallAsync(FinanceClerk, (s, c) => s.SuspendApplication(new() { Id = id, Kind = SuspensionKind.Inspection, Reason = "x" }, c)));

        var stored = await StoredAsync(id);
        Assert.All(stored.Steps, s => Assert.Equal(StoredStepStatus.Pending, s.Status));
        Assert.Equal(Longgang.Approvals.Domain.ApplicationStatus.InReview, stored.Status);
    }

    [Fact]
    public async Task A_participating_departments_clerk_sees_an_accepted_joint_application_and_decides_only_their_own_step()
    {
        var id = (await JointInReviewAsync()).Id;

        var seen = await GetAsync(ResourcesClerk, id);
        Assert.Equal([Emergency, Housing, NaturalResources], seen.Steps.Select(s => s.DepartmentCode).Order());
        Assert.NotEmpty((await LedgerAsync(ResourcesClerk, id)).Entries);
        await ForbiddenAsync(() => DecideAsync(ResourcesClerk, id, department: Housing));
        await ForbiddenAsync(() => _host.CallAsync(ResourcesClerk, (s, c) => s.ExtendApplication(new() { Id = id, Reason = "more time" }, c)));

        var decided = await DecideAsync(ResourcesClerk, id, Decision.Reject, reason: "inside the flood plain");

        Assert.Equal(ApplicationStatus.InReview, decided.Status);
        var mine = decided.Steps.Single(s => s.DepartmentCode == NaturalResources);
        Assert.Equal((StepStatus.Rejected, "inside the flood plain", "clerk-dept-natural-resources"), (mine.Status, mine.Reason, mine.DecidedBy));
        Assert.All(decided.Steps.Where(s => s.DepartmentCode != NaturalResources), s => Assert.Equal(StepStatus.Pending, s.Status));
    }

    [Fact]
    public async Task A_supervisor_sees_their_departments_applications_but_may_not_accept_or_decide_them()
    {
        var id = (await FoodLicenceOnlineAsync()).Id;

        Assert.Equal(id, (await GetAsync(MarketSupervisor, id)).Id);
        Assert.NotEmpty((await LedgerAsync(MarketSupervisor, id)).Entries);
        await ForbiddenAsync(() => _host.CallAsync(MarketSupervisor, (s, c) => s.AcceptApplication(new() { Id = id }, c)));
        await ForbiddenAsync(() => _host.CallAsync(MarketSupervisor, (s, c) => s.RejectAcceptance(new() { Id = id, Reason = "no" }, c)));
        await _host.CallAsync(MarketClerk, (s, c) => s.AcceptApplication(new() { Id = id }, c));
        await ForbiddenAsync(() => DecideAsync(MarketSupervisor, id));
        await ForbiddenAsync(() => DecideAsync(MarketSupervisor, id, department: Market));
        await ForbiddenAsync(() => _host.CallAsync(MarketSupervisor, (s, c) => s.ExtendApplication(new() { Id = id, Reason = "more time" }, c)));
        await ForbiddenAsync(() => GetAsync(HousingSupervisor, id));

        Assert.Equal(StoredStepStatus.Pending, (await StoredAsync(id)).Steps.Single().Status);
    }

    [Fact]
    public async Task A_city_admin_sees_every_application_but_acts_on_none()
    {
        var id = (await FoodLicenceOnlineAsync()).Id;

        Assert.Equal(id, (await GetAsync(CityAdmin, id)).Id);
        Assert.NotEmpty((await LedgerAsync(CityAdmin, id)).Entries);
        await ForbiddenAsync(() => _host.CallAsync(CityAdmin, (s, c) => s.AcceptApplication(new() { Id = id }, c)));
        await ForbiddenAsync(() => _host.CallAsync(CityAdmin, (s, c) => s.RejectAcceptance(new() { Id = id, Reason = "no" }, c)));
        await _host.CallAsync(MarketClerk, (s, c) => s.AcceptApplication(new() { Id = id }, c));
        await ForbiddenAsync(() => DecideAsync(CityAdmin, id, department: Market));
        await ForbiddenAsync(() => _host.CallAsync(CityAdmin, (s, c) => s.SuspendApplication(new() { Id = id, Kind = SuspensionKind.Hearing, Reason = "x" }, c)));

        Assert.Equal(StoredStepStatus.Pending, (await StoredAsync(id)).Steps.Single().Status);
    }

    [Fact]
    public async Task A_grid_worker_sees_and_completes_what_they_submitted_but_not_what_another_grid_worker_submitted()
    {
        var id = (await SubmitAsync(GridWorker, "MS-002", Channel.GridWorker, "district-03", ["application form"])).Id;

        Assert.Equal("gw-1", (await GetAsync(GridWorker, id)).SubmittedBy);
        Assert.Equal("citizen-7", (await GetAsync(Citizen, id)).ApplicantId); // the citizen it was submitted for sees it too
        await ForbiddenAsync(() => GetAsync(OtherGridWorker, id));
        await ForbiddenAsync(() => LedgerAsync(OtherGridWorker, id));

        await _host.CallAsync(MarketClerk, (s, c) => s.RequestCorrection(new() { Id = id }, c));
        await ForbiddenAsync(() => _host.CallAsync(OtherGridWorker, (s, c) => s.ResubmitApplication(new() { Id = id, Materials = { "identity card" } }, c)));
        var resubmitted = await _host.CallAsync(GridWorker, (s, c) => s.ResubmitApplication(new() { Id = id, Materials = { "identity card" } }, c));

        Assert.Equal(ApplicationStatus.Submitted, resubmitted.Status);
        // named through a grid worker: declared, provided once a file is attached or a clerk has seen the originals
        Assert.Equal(["application form", "identity card"], resubmitted.MissingMaterials);
        await _host.ConfirmOriginalsAsync(MarketClerk, id, ["application form", "identity card"]);
        Assert.Empty((await GetAsync(GridWorker, id)).MissingMaterials);
    }

    [Fact]
    public async Task A_district_admin_sees_their_own_districts_applications_only()
    {
        var atTheHall = (await SubmitAsync(Citizen, "MS-002", Channel.ServiceHall, "district-03", ["application form", "identity card"])).Id;
        var online = (await SubmitAsync(Citizen, "MS-002", Channel.Online, null, ["application form", "identity card"])).Id;

        Assert.Equal("district-03", (await GetAsync(District03Admin, atTheHall)).DistrictCode);
        Assert.NotEmpty((await LedgerAsync(District03Admin, atTheHall)).Entries);
        await ForbiddenAsync(() => GetAsync(District04Admin, atTheHall));
        await ForbiddenAsync(() => LedgerAsync(District04Admin, atTheHall));
        await ForbiddenAsync(() => GetAsync(District03Admin, online));
    }

    // ---- listings ------------------------------------------------------------------------------------

    /// <summary>
    /// online: citizen-7's food licence (market supervision, no district); gw1: gw-1 for citizen-8 (market supervision,
    /// district-03); gw4: gw-4 for citizen-7 (social affairs, district-04); joint: citizen-9's construction permit at
    /// district-03's hall, accepted, so housing, natural resources and emergency management each have a step.
    /// </summary>
    private async Task<Dictionary<string, string>> SeedForListingAsync()
    {
        var ids = new Dictionary<string, string>();
        ids[(await FoodLicenceOnlineAsync()).Id] = "online";
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        ids[(await SubmitAsync(GridWorker, "MS-002", Channel.GridWorker, "district-03", ["application form"], "citizen-8")).Id] = "gw1";
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        var gw4 = new Caller("gw-4", PlatformRoles.GridWorker, "district-04", null);
        ids[(await SubmitAsync(gw4, "SA-001", Channel.GridWorker, "district-04", ["application form"])).Id] = "gw4";
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        var joint = await SubmitAsync(new Caller("citizen-9", PlatformRoles.Citizen, null, null), "HC-001", Channel.ServiceHall, "district-03", ConstructionMaterials);
        await _host.CallAsync(HousingClerk, (s, c) => s.AcceptApplication(new() { Id = joint.Id }, c));
        ids[joint.Id] = "joint";
        return ids;
    }

    private async Task<string[]> ListAsync(Caller caller, Dictionary<string, string> labels, string applicantId = "")
    {
        var listed = await _host.CallAsync(caller, (s, c) => s.ListApplications(new() { ApplicantId = applicantId }, c));
        return listed.Applications.Select(a => labels[a.Id]).Order().ToArray();
    }

    [Theory]
    [InlineData(PlatformRoles.Citizen, "citizen-7", null, null, "gw4 online")]
    [InlineData(PlatformRoles.Citizen, "citizen-8", null, null, "gw1")]
    [InlineData(PlatformRoles.Citizen, "citizen-10", null, null, "")]
    [InlineData(PlatformRoles.GridWorker, "gw-1", "district-03", null, "gw1")]
    [InlineData(PlatformRoles.GridWorker, "gw-2", "district-03", null, "")]
    [InlineData(PlatformRoles.GridWorker, "gw-4", "district-04", null, "gw4")]
    [InlineData(PlatformRoles.Clerk, "clerk-m", null, Market, "gw1 online")]
    [InlineData(PlatformRoles.Clerk, "clerk-h", null, Housing, "joint")]
    [InlineData(PlatformRoles.Clerk, "clerk-r", null, Departments.NaturalResources, "joint")]
    [InlineData(PlatformRoles.Clerk, "clerk-f", null, "dept-finance", "")]
    [InlineData(PlatformRoles.Supervisor, "sup-m", null, Market, "gw1 online")]
    [InlineData(PlatformRoles.Supervisor, "sup-s", null, Social, "gw4")]
    [InlineData(PlatformRoles.DistrictAdmin, "da-3", "district-03", null, "gw1 joint")]
    [InlineData(PlatformRoles.DistrictAdmin, "da-4", "district-04", null, "gw4")]
    [InlineData(PlatformRoles.CityAdmin, "admin-1", null, null, "gw1 gw4 joint online")]
    public async Task Each_role_lists_exactly_the_applications_it_may_see(string role, string subject, string? district, string? department, string expected)
    {
        var labels = await SeedForListingAsync();

        var listed = await ListAsync(new Caller(subject, role, district, department), labels);

        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), listed);
    }

    [Fact]
    public async Task A_citizen_asking_for_another_applicants_applications_is_forbidden_not_given_an_empty_list()
    {
        var labels = await SeedForListingAsync();

        await ForbiddenAsync(() => ListAsync(Citizen, labels, "citizen-8"));
        Assert.Equal(["gw4", "online"], await ListAsync(Citizen, labels, "citizen-7"));
    }

    [Fact]
    public async Task An_applicant_filter_narrows_a_staff_listing_within_its_scope()
    {
        var labels = await SeedForListingAsync();

        Assert.Equal(["gw4", "online"], await ListAsync(CityAdmin, labels, "citizen-7"));
        Assert.Equal(["online"], await ListAsync(MarketClerk, labels, "citizen-7"));
        Assert.Empty(await ListAsync(District03Admin, labels, "citizen-7"));
    }

    [Fact]
    public async Task A_role_without_applications_may_not_list_them()
    {
        var labels = await SeedForListingAsync();

        await ForbiddenAsync(() => ListAsync(new Caller("deputy-1", PlatformRoles.Deputy, null, null), labels));
        await ForbiddenAsync(() => ListAsync(new Caller("sup-x", PlatformRoles.Supervisor, null, null), labels)); // no department in the token
    }

    // ---- two departments at once ---------------------------------------------------------------------

    [Fact]
    public async Task Two_departments_deciding_the_same_joint_application_at_once_lose_no_step_the_second_gets_a_conflict()
    {
        var id = (await JointInReviewAsync()).Id;
        var outboxBefore = await _host.WithDbAsync(db => db.OutboxMessages.CountAsync());

        // the second context loads the application before the first decision commits, as a concurrent request would
        await using var second = _host.Services.CreateAsyncScope();
        var secondDb = second.ServiceProvider.GetRequiredService<ApprovalsDbContext>();
        await secondDb.Applications.SingleAsync(a => a.Id == Guid.Parse(id));

        await DecideAsync(ResourcesClerk, id);
        await Assert.ThrowsAsync<ConflictException>(() =>
            _host.GrpcServiceIn(second).DecideStep(new() { Id = id, Decision = Decision.Approve }, new TestServerCallContext(EmergencyClerk)));

        var afterConflict = await StoredAsync(id);
        Assert.Equal(StoredStepStatus.Approved, afterConflict.Steps.Single(s => s.DepartmentCode == NaturalResources).Status);
        Assert.Equal(StoredStepStatus.Pending, afterConflict.Steps.Single(s => s.DepartmentCode == Emergency).Status);
        Assert.Equal(outboxBefore, await _host.WithDbAsync(db => db.OutboxMessages.CountAsync()));

        // the retry reads the current revision: both decisions stand
        await DecideAsync(EmergencyClerk, id);
        var stored = await StoredAsync(id);
        Assert.Equal((StoredStepStatus.Approved, "clerk-dept-natural-resources"), stored.Steps.Where(s => s.DepartmentCode == NaturalResources).Select(s => (s.Status, s.DecidedBy)).Single());
        Assert.Equal((StoredStepStatus.Approved, "clerk-dept-emergency-management"), stored.Steps.Where(s => s.DepartmentCode == Emergency).Select(s => (s.Status, s.DecidedBy)).Single());
        Assert.Equal([NaturalResources, Emergency], stored.Ledger.OrderBy(l => l.Sequence)
            .Where(l => l.Action == Longgang.Approvals.Domain.LedgerAction.StepDecided).Select(l => l.DepartmentCode));
    }

    // ---- a joint application from the grid to the certificate ---------------------------------------

    [Fact]
    public async Task A_joint_application_goes_from_a_grid_worker_through_three_departments_to_its_certificate_with_every_event_queued_in_order()
    {
        var materials = ConstructionMaterials.Where(m => m != "contractor contract").ToArray();
        var id = (await SubmitAsync(GridWorker, "HC-001", Channel.GridWorker, "district-03", materials)).Id;
        await _host.ConfirmOriginalsAsync(HousingClerk, id, materials);
        var corrected = await _host.CallAsync(HousingClerk, (s, c) => s.RequestCorrection(new() { Id = id }, c));
        Assert.Equal(["contractor contract"], corrected.RequestedCorrections);
        _host.Clock.Advance(TimeSpan.FromDays(1));
        await _host.CallAsync(GridWorker, (s, c) => s.ResubmitApplication(new() { Id = id, Materials = { "contractor contract" } }, c));
        await _host.ConfirmOriginalsAsync(HousingClerk, id, ["contractor contract"]);
        var accepted = await _host.CallAsync(HousingClerk, (s, c) => s.AcceptApplication(new() { Id = id }, c));
        Assert.Equal("2026-03-24", accepted.PromisedDueOn); // 15 working days from Tuesday 3 March
        _host.Clock.Advance(TimeSpan.FromDays(2));
        await DecideAsync(ResourcesClerk, id);
        await DecideAsync(EmergencyClerk, id);
        var approved = await DecideAsync(HousingClerk, id);
        Assert.Equal(ApplicationStatus.Approved, approved.Status);
        Assert.Equal("2026-03-19", approved.CertificateDueOn); // ten working days from Thursday 5 March
        _host.Clock.Advance(TimeSpan.FromDays(1));
        var issued = await _host.CallAsync(HousingClerk, (s, c) => s.IssueCertificate(new() { Id = id }, c));
        await _host.CallAsync(Citizen, (s, c) => s.EvaluateApplication(new() { Id = id, Rating = 5 }, c));

        Assert.Equal(ApplicationStatus.Issued, (await GetAsync(GridWorker, id)).Status);
        Assert.StartsWith("HC-001-20260306-", issued.CertificateNumber);
        var ledger = await LedgerAsync(Citizen, id);
        Assert.Equal([LedgerAction.Submitted, LedgerAction.CorrectionRequested, LedgerAction.Resubmitted, LedgerAction.Accepted,
            LedgerAction.StepDecided, LedgerAction.StepDecided, LedgerAction.StepDecided, LedgerAction.Decided, LedgerAction.Issued,
            LedgerAction.Evaluated], ledger.Entries.Select(e => e.Action));
        Assert.Equal(["gw-1", "clerk-dept-housing-construction", "gw-1"], ledger.Entries.Take(3).Select(e => e.Actor));

        var events = await _host.WithDbAsync(async db => (await db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync())
            .Select(m => m.Deserialize(m.ResolveType()!)).ToList());
        Assert.Equal([typeof(ApplicationSubmitted), typeof(CorrectionRequested), typeof(ApplicationAccepted), typeof(ApplicationDecided),
            typeof(CertificateIssued), typeof(ApplicationEvaluated)], events.Select(e => e.GetType()));
        Assert.Equal("GRID_WORKER", events.OfType<ApplicationSubmitted>().Single().Channel);
        var notice = events.OfType<CorrectionRequested>().Single();
        Assert.Equal("gw-1", notice.SubmittedBy);
        Assert.Equal(["contractor contract"], notice.MissingMaterials);
        var decided = events.OfType<ApplicationDecided>().Single();
        Assert.Equal((ApplicationDecided.Approved, 2, 45, true), (decided.Outcome, decided.ElapsedWorkingDays, decided.StatutoryLimitDays, decided.OnTime));
        Assert.Empty(decided.Reasons);
        Assert.Equal(issued.CertificateNumber, events.OfType<CertificateIssued>().Single().CertificateNumber);
        Assert.All(events, e => Assert.Equal(Guid.Parse(id), (Guid)e.GetType().GetProperty("ApplicationId")!.GetValue(e)!));
    }

    // ---- the matter catalogue ------------------------------------------------------------------------

    private static MatterDefinition FoodLicenceDefinition(params string[] extraMaterials) => new()
    {
        Code = "MS-001",
        Name = "Food business licence",
        DepartmentCode = Market,
        Kind = MatterKind.Promised,
        RequiredMaterials = { FoodLicenceMaterials.Concat(extraMaterials) },
        StatutoryLimitDays = 20,
        PromisedLimitDays = 4,
        MaxVisits = 1,
    };

    [Fact]
    public async Task A_new_version_of_a_matter_applies_to_new_applications_while_an_old_application_keeps_its_version()
    {
        var old = await FoodLicenceOnlineAsync();

        var v2 = await _host.CallAsync(MarketClerk, (s, c) => s.UpdateMatter(FoodLicenceDefinition("hygiene commitment"), c));
        var fresh = await FoodLicenceOnlineAsync();

        Assert.Equal(2, v2.Version);
        Assert.Equal(2, (await _host.CallAsync(Citizen, (s, c) => s.GetMatter(new() { Code = "MS-001" }, c))).Version);
        Assert.Equal(4, (await _host.CallAsync(Citizen, (s, c) => s.GetMatter(new() { Code = "MS-001", Version = 1 }, c))).RequiredMaterials.Count);
        Assert.Equal(2, (await _host.CallAsync(Citizen, (s, c) => s.ListMatters(new(), c))).Matters.Single(m => m.Code == "MS-001").Version);
        Assert.Equal((1, 5), (old.MatterVersion, old.PromisedLimitDays));
        Assert.Equal((2, 4), (fresh.MatterVersion, fresh.PromisedLimitDays));
        Assert.Equal(["hygiene commitment"], fresh.MissingMaterials);
        // the old application is judged by version 1, which it satisfies; the new one by version 2, which it does not
        var accepted = await _host.CallAsync(MarketClerk, (s, c) => s.AcceptApplication(new() { Id = old.Id }, c));
        Assert.Equal(ApplicationStatus.InReview, accepted.Status);
        await Assert.ThrowsAsync<ConflictException>(() => _host.CallAsync(MarketClerk, (s, c) => s.AcceptApplication(new() { Id = fresh.Id }, c)));
    }

    [Fact]
    public async Task Only_a_clerk_of_the_matters_department_changes_it()
    {
        await ForbiddenAsync(() => _host.CallAsync(FinanceClerk, (s, c) => s.UpdateMatter(FoodLicenceDefinition(), c)));
        await ForbiddenAsync(() => _host.CallAsync(MarketSupervisor, (s, c) => s.UpdateMatter(FoodLicenceDefinition(), c)));

        Assert.Equal(1, await _host.WithDbAsync(db => db.Matters.CountAsync(m => m.Code == "MS-001")));
    }

    [Fact]
    public async Task Creating_a_matter_that_exists_is_a_conflict()
    {
        var created = await _host.CallAsync(MarketClerk, (s, c) => s.CreateMatter(new MatterDefinition
        {
            Code = "MS-010",
            Name = "Outdoor advertising permit",
            Kind = MatterKind.Promised,
            RequiredMaterials = { "application form", "site photo" },
            StatutoryLimitDays = 20,
            PromisedLimitDays = 10,
            MaxVisits = 1,
        }, c));
        Assert.Equal((1, Market), (created.Version, created.DepartmentCode));

        await Assert.ThrowsAsync<ConflictException>(() => _host.CallAsync(MarketClerk, (s, c) => s.CreateMatter(new MatterDefinition
        {
            Code = "MS-010",
            Name = "Outdoor advertising permit again",
            Kind = MatterKind.Promised,
            RequiredMaterials = { "application form" },
            StatutoryLimitDays = 20,
            PromisedLimitDays = 10,
            MaxVisits = 1,
        }, c)));
        await Assert.ThrowsAsync<ConflictException>(() => _host.CallAsync(MarketClerk, (s, c) => s.CreateMatter(FoodLicenceDefinition(), c)));

        Assert.Equal(1, await _host.WithDbAsync(db => db.Matters.CountAsync(m => m.Code == "MS-010")));
        Assert.Equal("Outdoor advertising permit", (await _host.WithDbAsync(db => db.Matters.SingleAsync(m => m.Code == "MS-010"))).Name);
    }

    [Fact]
    public async Task A_matter_promising_more_than_the_law_allows_is_refused_naming_the_field()
    {
        var definition = FoodLicenceDefinition();
        definition.Code = "MS-011";
        definition.PromisedLimitDays = 21;

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => _host.CallAsync(MarketClerk, (s, c) => s.CreateMatter(definition, c)));

        Assert.Equal(["promisedLimitDays"], error.FieldErrors.Keys);
    }

    [Fact]
    public async Task Updating_a_matter_that_does_not_exist_is_not_found()
    {
        var definition = FoodLicenceDefinition();
        definition.Code = "MS-999";

        await Assert.ThrowsAsync<NotFoundException>(() => _host.CallAsync(MarketClerk, (s, c) => s.UpdateMatter(definition, c)));
        Assert.Equal(0, await _host.WithDbAsync(db => db.Matters.CountAsync(m => m.Code == "MS-999")));
    }

    // ---- ids -----------------------------------------------------------------------------------------

    private static Task<Google.Protobuf.IMessage> Call(string rpc, ApprovalsGrpcService s, string id, ServerCallContext c) => rpc switch
    {
        "GetApplication" => As(s.GetApplication(new() { Id = id }, c)),
        "GetClockLedger" => As(s.GetClockLedger(new() { Id = id }, c)),
        "RequestCorrection" => As(s.RequestCorrection(new() { Id = id, Materials = { "planning permit" } }, c)),
        "ResubmitApplication" => As(s.ResubmitApplication(new() { Id = id, Materials = { "planning permit" } }, c)),
        "AcceptApplication" => As(s.AcceptApplication(new() { Id = id }, c)),
        "RejectAcceptance" => As(s.RejectAcceptance(new() { Id = id, Reason = "no" }, c)),
        "SuspendApplication" => As(s.SuspendApplication(new() { Id = id, Kind = SuspensionKind.Hearing, Reason = "hearing" }, c)),
        "ResumeApplication" => As(s.ResumeApplication(new() { Id = id }, c)),
        "ExtendApplication" => As(s.ExtendApplication(new() { Id = id, Reason = "more time" }, c)),
        "DecideStep" => As(s.DecideStep(new() { Id = id, Decision = Decision.Approve }, c)),
        "IssueCertificate" => As(s.IssueCertificate(new() { Id = id }, c)),
        "EvaluateApplication" => As(s.EvaluateApplication(new() { Id = id, Rating = 5 }, c)),
        "CloseRectification" => As(s.CloseRectification(new() { Id = id, ActionTaken = "done" }, c)),
        _ => throw new ArgumentOutOfRangeException(nameof(rpc)),
    };

    private static async Task<Google.Protobuf.IMessage> As<T>(Task<T> call) where T : Google.Protobuf.IMessage => await call;

    public static TheoryData<string> ApplicationRpcs =>
    [
        "GetApplication", "GetClockLedger", "RequestCorrection", "ResubmitApplication", "AcceptApplication", "RejectAcceptance",
        "SuspendApplication", "ResumeApplication", "ExtendApplication", "DecideStep", "IssueCertificate", "EvaluateApplication",
        "CloseRectification",
    ];

    [Theory]
    [MemberData(nameof(ApplicationRpcs))]
    public async Task A_malformed_id_is_refused_naming_id(string rpc)
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => _host.CallAsync(MarketClerk, (s, c) => Call(rpc, s, "42; drop table", c)));

        Assert.Equal(["id"], error.FieldErrors.Keys);
    }

    [Theory]
    [MemberData(nameof(ApplicationRpcs))]
    public async Task An_unknown_id_is_not_found(string rpc)
    {
        await FoodLicenceOnlineAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => _host.CallAsync(MarketClerk, (s, c) => Call(rpc, s, Guid.CreateVersion7().ToString(), c)));
    }

}
