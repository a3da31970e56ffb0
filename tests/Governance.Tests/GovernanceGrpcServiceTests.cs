using Longgang.Governance.Contracts.Events.V1;
using Longgang.Governance.Contracts.V1;
using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Governance.Grpc;
using Longgang.Platform;
using Longgang.Platform.Calendar;
using Longgang.Platform.Errors;
using Longgang.Platform.Privacy;
using Longgang.Platform.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using CaseSource = Longgang.Governance.Contracts.V1.CaseSource;
using CaseStatus = Longgang.Governance.Contracts.V1.CaseStatus;
using MediationStatus = Longgang.Governance.Contracts.V1.MediationStatus;
using MeetingStatus = Longgang.Governance.Contracts.V1.MeetingStatus;

namespace Longgang.Governance.Tests;

/// <summary>The gRPC service class called directly, on a seeded SQLite database.</summary>
public sealed class GovernanceGrpcServiceTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 14, 1, 30, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public ValueTask DisposeAsync()
    {
        _database.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<T> CallAsync<T>(Caller caller, Func<GovernanceGrpcService, TestServerCallContext, Task<T>> call)
    {
        await using var db = _database.NewContext();
        var calendar = WorkingDayCalendar.Official;
        var service = new GovernanceGrpcService(new DistrictHandlers(db, _clock, calendar, TestText.Create()), new CaseHandlers(db, _clock, calendar, TestOwners.Create(db)),
            new GridTeamHandlers(db, _clock), new StaffingHandlers(db, _clock), new MeetingHandlers(db, _clock), new MediationHandlers(db, _clock),
            new ServiceComplexHandlers(db, _clock, TestText.Create(), new Domain.HotspotRule()),
            new Dashboards.DashboardHandlers(db, _clock, TestText.Create(), new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()),
            new Indicators.CityIndicatorHandlers(db, _clock, TestText.Create()), calendar,
            new MyDataRequests(db, _clock, calendar), new PersonalDataReadRecorder<GovernanceDbContext>(db, _clock));
        return await call(service, new TestServerCallContext(caller));
    }

    private static ReportCaseRequest Report(string grid = "grid-03-07-2", CaseSource source = CaseSource.GridPatrol) => new()
    {
        GridCode = grid,
        Source = source,
        Category = "blocked drain",
        Description = "Water stands in the lane behind building 12.",
        PhotoRefs = { "photos/a.jpg" },
    };

    [Fact]
    public async Task Reporting_stores_the_case_and_queues_CaseReported_in_the_same_save()
    {
        var reported = await CallAsync(Callers.GridWorker("district-03", "gw-7"), (s, c) => s.ReportCase(Report(), c));

        Assert.Equal("district-03", reported.DistrictCode);
        Assert.Equal("community-03-07", reported.CommunityCode);
        Assert.Equal(CaseStatus.Reported, reported.Status);
        Assert.Equal("gw-7", reported.ReporterId);
        Assert.Equal(_clock.GetUtcNow(), reported.ReportedAt.ToDateTimeOffset());

        await using var db = _database.NewContext();
        Assert.True(await db.Cases.AnyAsync(c => c.Id == Guid.Parse(reported.Id), Ct));
        var outbox = Assert.Single(await db.OutboxMessages.ToListAsync(Ct));
        var published = Assert.IsType<CaseReported>(outbox.Deserialize(outbox.ResolveType()!));
        Assert.Equal(new CaseReported(Guid.Parse(reported.Id), "district-03", "grid-03-07-2", "blocked drain", "GRID_PATROL", _clock.GetUtcNow(),
            CityTags.HappyLiveable), published);
    }

    [Fact]
    public async Task An_unspecified_source_and_an_unknown_grid_are_validation_errors_and_nothing_is_stored()
    {
        var request = Report(grid: "grid-99-01-1", source: CaseSource.Unspecified);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            CallAsync(Callers.CityAdmin(), (s, c) => s.ReportCase(request, c)));

        Assert.Equal(["gridCode", "source"], error.FieldErrors.Keys.Order());
        await using var db = _database.NewContext();
        Assert.False(await db.Cases.AnyAsync(Ct));
        Assert.False(await db.OutboxMessages.AnyAsync(Ct));
    }

    [Fact]
    public async Task A_grid_worker_may_not_report_in_a_foreign_district()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            CallAsync(Callers.GridWorker("district-05"), (s, c) => s.ReportCase(Report(), c)));
    }

    [Fact]
    public async Task The_reporter_sees_their_case_and_another_citizen_does_not()
    {
        var reported = await CallAsync(Callers.Citizen("c-1"), (s, c) => s.ReportCase(Report(source: CaseSource.Citizen), c));
        var request = new GetCaseRequest { Id = reported.Id };

        var seen = await CallAsync(Callers.Citizen("c-1"), (s, c) => s.GetCase(request, c));
        Assert.Equal(reported, seen);
        await Assert.ThrowsAsync<ForbiddenException>(() => CallAsync(Callers.Citizen("c-2"), (s, c) => s.GetCase(request, c)));
    }

    [Fact]
    public async Task A_case_id_that_is_not_a_uuid_is_a_validation_error_on_id_and_an_unknown_one_is_not_found()
    {
        var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            CallAsync(Callers.CityAdmin(), (s, c) => s.GetCase(new GetCaseRequest { Id = "case-1" }, c)));
        Assert.Equal("id", Assert.Single(invalid.FieldErrors).Key);

        await Assert.ThrowsAsync<NotFoundException>(() =>
            CallAsync(Callers.CityAdmin(), (s, c) => s.GetCase(new GetCaseRequest { Id = Guid.NewGuid().ToString() }, c)));
    }

    [Fact]
    public async Task A_district_lists_its_five_modules_its_communities_and_their_grids()
    {
        var district = await CallAsync(Callers.Citizen(), (s, c) => s.GetDistrict(new GetDistrictRequest { DistrictCode = "district-03" }, c));

        Assert.Equal("Longgang District 3", district.Name);
        Assert.Equal(Domain.WorkModule.All.Select(m => m.Code), district.Modules.Select(m => m.Code));
        Assert.NotEmpty(district.Communities);
        Assert.All(district.Communities, community =>
        {
            Assert.StartsWith("community-03-", community.Code);
            Assert.InRange(community.Grids.Count, 2, 3);
        });
        Assert.Equal(0, district.ServiceHallSubmissions);
    }

    [Fact]
    public async Task A_district_counts_only_its_own_service_hall_submissions()
    {
        await using (var db = _database.NewContext())
        {
            ServiceHallSubmission Submitted(string district)
            {
                var row = new ServiceHallSubmission { ApplicationId = Guid.NewGuid(), DistrictCode = district };
                row.RecordSubmitted(_clock.GetUtcNow());
                return row;
            }
            db.ServiceHallSubmissions.AddRange(Submitted("district-03"), Submitted("district-03"), Submitted("district-04"));
            await db.SaveChangesAsync(Ct);
        }

        var district = await CallAsync(Callers.DistrictAdmin("district-03"), (s, c) => s.GetDistrict(new GetDistrictRequest { DistrictCode = "district-03" }, c));

        Assert.Equal(2, district.ServiceHallSubmissions);
    }

    [Fact]
    public async Task An_unknown_district_is_not_found_and_a_foreign_one_is_forbidden_to_its_staff()
    {
        await Assert.ThrowsAsync<NotFoundException>(() =>
            CallAsync(Callers.CityAdmin(), (s, c) => s.GetDistrict(new GetDistrictRequest { DistrictCode = "district-99" }, c)));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            CallAsync(Callers.GridWorker("district-05"), (s, c) => s.GetDistrict(new GetDistrictRequest { DistrictCode = "district-03" }, c)));
    }

    // ---- the workflow through the service ---------------------------------------------------------------

    /// <summary>A case citizen-1 reported in grid-03-07-2 and the district admin filed.</summary>
    private async Task<string> FiledCaseAsync(string grid = "grid-03-07-2")
    {
        var reported = await CallAsync(Callers.Citizen(), (s, c) => s.ReportCase(Report(grid, CaseSource.Citizen), c));
        var admin = Callers.DistrictAdmin("district-" + grid.Substring(5, 2));
        await CallAsync(admin, (s, c) => s.BeginVerification(new CaseActionRequest { Id = reported.Id }, c));
        await CallAsync(admin, (s, c) => s.FileCase(new CaseActionRequest { Id = reported.Id }, c));
        return reported.Id;
    }

    [Fact]
    public async Task The_seeded_grid_worker_of_the_grid_triages_a_citizens_report_and_a_neighbouring_grids_worker_may_not()
    {
        var reported = await CallAsync(Callers.Citizen(), (s, c) => s.ReportCase(Report(source: CaseSource.Citizen), c));
        var request = new CaseActionRequest { Id = reported.Id };

        await Assert.ThrowsAsync<ForbiddenException>(() =>
            CallAsync(Callers.GridWorker("district-03", "grid-worker-03-07-1"), (s, c) => s.BeginVerification(request, c)));
        var verifying = await CallAsync(Callers.GridWorker("district-03", "grid-worker-03-07-2"), (s, c) => s.BeginVerification(request, c));

        Assert.Equal(CaseStatus.Verifying, verifying.Status);
        Assert.Equal("grid-worker-03-07-2", verifying.History[^1].Actor);
    }

    [Fact]
    public async Task Dispatching_sets_the_due_day_and_queues_CaseDispatched_with_the_change()
    {
        var id = await FiledCaseAsync();

        var dispatched = await CallAsync(Callers.DistrictAdmin("district-03"), (s, c) =>
            s.DispatchCase(new DispatchCaseRequest { Id = id, DepartmentCode = "dept-housing-construction" }, c));

        Assert.Equal(CaseStatus.Dispatched, dispatched.Status);
        Assert.Equal(Contracts.V1.AssigneeKind.Department, dispatched.AssigneeKind);
        Assert.Equal(3, dispatched.LimitWorkingDays); // blocked drain, from Friday 14 March 2025
        Assert.Equal("2025-03-19", dispatched.DueOn);
        Assert.False(dispatched.Overdue);
        await using var db = _database.NewContext();
        Assert.Contains(await db.OutboxMessages.ToListAsync(Ct), m => m.ResolveType() == typeof(CaseDispatched));
    }

    [Fact]
    public async Task Both_a_module_and_a_department_is_a_validation_error_and_nothing_changes()
    {
        var id = await FiledCaseAsync();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => CallAsync(Callers.DistrictAdmin("district-03"), (s, c) =>
            s.DispatchCase(new DispatchCaseRequest { Id = id, ModuleCode = "market-supervision", DepartmentCode = "dept-market-supervision" }, c)));

        Assert.Equal("moduleCode", Assert.Single(error.FieldErrors).Key);
        var unchanged = await CallAsync(Callers.CityAdmin(), (s, c) => s.GetCase(new GetCaseRequest { Id = id }, c));
        Assert.Equal(CaseStatus.Filed, unchanged.Status);
    }

    [Fact]
    public async Task A_transition_from_the_wrong_status_is_a_conflict_an_unknown_case_not_found_and_a_foreign_district_forbidden()
    {
        var id = await FiledCaseAsync();

        await Assert.ThrowsAsync<ConflictException>(() =>
            CallAsync(Callers.DistrictAdmin("district-03"), (s, c) => s.AcknowledgeCase(new CaseActionRequest { Id = id }, c)));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            CallAsync(Callers.CityAdmin(), (s, c) => s.AcknowledgeCase(new CaseActionRequest { Id = Guid.NewGuid().ToString() }, c)));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            CallAsync(Callers.DistrictAdmin("district-05"), (s, c) => s.DispatchCase(new DispatchCaseRequest { Id = id, ModuleCode = "market-supervision" }, c)));
    }

    [Fact]
    public async Task Each_caller_lists_only_the_cases_they_may_see()
    {
        var inGrid = await FiledCaseAsync("grid-03-07-2");
        var inNeighbourGrid = await FiledCaseAsync("grid-03-07-1");
        var inOtherDistrict = await FiledCaseAsync("grid-05-01-1");
        await CallAsync(Callers.DistrictAdmin("district-05"), (s, c) =>
            s.DispatchCase(new DispatchCaseRequest { Id = inOtherDistrict, DepartmentCode = "dept-social-affairs" }, c));

        async Task<string[]> ListAsync(Longgang.Platform.Caller caller) =>
            (await CallAsync(caller, (s, c) => s.ListCases(new ListCasesRequest(), c))).Cases.Select(x => x.Id).Order().ToArray();

        Assert.Equal([inGrid], await ListAsync(Callers.GridWorker("district-03", "grid-worker-03-07-2")));
        Assert.Equal(new[] { inGrid, inNeighbourGrid }.Order(), await ListAsync(Callers.DistrictAdmin("district-03")));
        Assert.Equal([inOtherDistrict], await ListAsync(Callers.Clerk(department: "dept-social-affairs")));
        Assert.Empty(await ListAsync(Callers.Clerk(department: "dept-market-supervision")));
        Assert.Empty(await ListAsync(Callers.Citizen("citizen-2")));
        Assert.Equal(3, (await ListAsync(Callers.Citizen())).Length);
        Assert.Equal(3, (await ListAsync(Callers.CityAdmin())).Length);
    }

    [Fact]
    public async Task The_overdue_filter_lists_cases_past_their_due_day_by_a_working_day()
    {
        var id = await FiledCaseAsync();
        await CallAsync(Callers.DistrictAdmin("district-03"), (s, c) =>
            s.DispatchCase(new DispatchCaseRequest { Id = id, ModuleCode = "convenience-services" }, c)); // due Wednesday 19th
        var overdueOnly = new ListCasesRequest { Overdue = true };

        _clock.SetUtcNow(new DateTimeOffset(2025, 3, 19, 9, 0, 0, TimeSpan.Zero));
        Assert.Empty((await CallAsync(Callers.CityAdmin(), (s, c) => s.ListCases(overdueOnly, c))).Cases);
        _clock.SetUtcNow(new DateTimeOffset(2025, 3, 20, 9, 0, 0, TimeSpan.Zero));
        var listed = Assert.Single((await CallAsync(Callers.CityAdmin(), (s, c) => s.ListCases(overdueOnly, c))).Cases);
        Assert.True(listed.Overdue);
    }

    [Fact]
    public async Task A_district_admin_adds_seconded_staff_to_a_grid_team_once()
    {
        var request = new AddGridTeamMemberRequest
        {
            GridCode = "grid-03-07-2",
            PersonId = "clerk-ms-17",
            Name = "Chen Li",
            HomeDepartmentCode = "dept-market-supervision",
            ModuleCode = "market-supervision",
            SecondedFrom = "2025-01-01",
            SecondedUntil = "2025-12-31",
        };

        var team = await CallAsync(Callers.DistrictAdmin("district-03"), (s, c) => s.AddGridTeamMember(request, c));

        Assert.Equal(["clerk-ms-17", "grid-worker-03-07-2"], team.Members.Select(m => m.PersonId));
        var seconded = team.Members[0];
        Assert.True(seconded.Seconded);
        Assert.Equal("2025-01-01", seconded.SecondedFrom);
        await Assert.ThrowsAsync<ConflictException>(() => CallAsync(Callers.DistrictAdmin("district-03"), (s, c) => s.AddGridTeamMember(request, c)));
        await Assert.ThrowsAsync<ForbiddenException>(() => CallAsync(Callers.DistrictAdmin("district-05"),
            (s, c) => s.AddGridTeamMember(new AddGridTeamMemberRequest { GridCode = "grid-03-07-2", PersonId = "gw-x", Name = "X" }, c)));
    }

    [Fact]
    public async Task Seconded_staff_need_a_department_a_module_and_a_start_date()
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => CallAsync(Callers.CityAdmin(), (s, c) =>
            s.AddGridTeamMember(new AddGridTeamMemberRequest { GridCode = "grid-03-07-2", PersonId = "p-1", Name = "P", ModuleCode = "nowhere" }, c)));

        Assert.Equal(["homeDepartmentCode", "moduleCode", "secondedFrom"], error.FieldErrors.Keys.Order());
        var badDate = await Assert.ThrowsAsync<ValidationFailedException>(() => CallAsync(Callers.CityAdmin(), (s, c) =>
            s.AddGridTeamMember(new AddGridTeamMemberRequest { GridCode = "grid-03-07-2", PersonId = "p-1", Name = "P", SecondedFrom = "1 May" }, c)));
        Assert.Equal("secondedFrom", Assert.Single(badDate.FieldErrors).Key);
    }

    // ---- deliberation and mediation through the service ---------------------------------------------------

    [Fact]
    public async Task A_recorded_meeting_queues_its_livelihood_proposal_in_the_same_save_under_livelihoods_category_names()
    {
        var admin = Callers.DistrictAdmin("district-03");
        var meeting = await CallAsync(admin, (s, c) => s.ScheduleMeeting(new ScheduleMeetingRequest
        {
            DistrictCode = "district-03",
            Title = "Spring residents' meeting",
            HeldOn = "2025-03-14",
            Agenda = { "bus stop" },
        }, c));
        var record = new RecordMeetingOutcomeRequest
        {
            Id = meeting.Id,
            Attendees = { "Wang Wei" },
            Minutes = "One matter raised.",
            Resolutions =
            {
                new ResolutionInput
                {
                    Text = "Propose a sheltered bus stop", LivelihoodProposal = true, ProposalTitle = "Sheltered bus stop",
                    Category = "ELDERLY_CARE", Rationale = "Older residents wait in the rain.", EstimatedCostYuan = 500_000, Year = 2025,
                },
            },
        };

        var held = await CallAsync(admin, (s, c) => s.RecordMeetingOutcome(record, c));

        Assert.Equal(MeetingStatus.Held, held.Status);
        await using var db = _database.NewContext();
        var outbox = Assert.Single(await db.OutboxMessages.ToListAsync(Ct));
        var published = Assert.IsType<LivelihoodProposalResolved>(outbox.Deserialize(outbox.ResolveType()!));
        Assert.Equal(Guid.Parse(held.Resolutions[0].Id), published.ResolutionId);
        Assert.Equal(500_000, published.EstimatedCostYuan);
        await Assert.ThrowsAsync<ConflictException>(() => CallAsync(admin, (s, c) => s.RecordMeetingOutcome(record, c)));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            CallAsync(Callers.GridWorker("district-05"), (s, c) => s.GetMeeting(new GetMeetingRequest { Id = meeting.Id }, c)));
        Assert.Equal(held, await CallAsync(Callers.Citizen(), (s, c) => s.GetMeeting(new GetMeetingRequest { Id = meeting.Id }, c)));
    }

    [Fact]
    public async Task A_mediation_is_concluded_through_the_service_and_hidden_from_other_districts()
    {
        var opened = await CallAsync(Callers.DistrictAdmin("district-03"), (s, c) => s.OpenMediation(new OpenMediationRequest
        {
            DistrictCode = "district-03",
            Parties = { "Zhang San", "Li Si" },
            Facts = "A leaning wall.",
            MediatorId = "mediator-03",
        }, c));
        Assert.Equal("2025-04-14", opened.DueOn);

        await Assert.ThrowsAsync<ForbiddenException>(() => CallAsync(Callers.DistrictAdmin("district-05"),
            (s, c) => s.GetMediation(new GetMediationRequest { Id = opened.Id }, c)));
        var mediator = new Caller("mediator-03", PlatformRoles.GridWorker, "district-03", null);
        var agreed = await CallAsync(mediator, (s, c) => s.ConcludeMediation(new ConcludeMediationRequest
        {
            Id = opened.Id,
            Agreed = true,
            AgreementTerms = "Zhang rebuilds the wall.",
        }, c));

        Assert.Equal(MediationStatus.Agreed, agreed.Status);
        await Assert.ThrowsAsync<ConflictException>(() => CallAsync(mediator, (s, c) =>
            s.ExtendMediation(new ExtendMediationRequest { Id = opened.Id, BothPartiesAgree = true, NewDueOn = "2025-04-20" }, c)));
        await using var db = _database.NewContext();
        Assert.Equal(typeof(MediationConcluded), Assert.Single(await db.OutboxMessages.ToListAsync(Ct)).ResolveType());
    }

    [Fact]
    public async Task A_district_report_counts_its_own_cases_and_teams_for_its_admin_only()
    {
        await FiledCaseAsync("grid-03-07-2");
        await FiledCaseAsync("grid-05-01-1");

        var report = await CallAsync(Callers.DistrictAdmin("district-03"), (s, c) => s.GetDistrictReport(new GetDistrictReportRequest { DistrictCode = "district-03" }, c));

        Assert.Equal(1, report.OpenCases);
        Assert.False(report.HasAverageWorkingDaysToClose);
        Assert.Equal(report.Grids.Count, report.Grids.Sum(g => g.TeamMembers)); // one seeded grid worker per grid
        Assert.Equal(1, report.Grids.Single(g => g.GridCode == "grid-03-07-2").OpenCases);
        await Assert.ThrowsAsync<ForbiddenException>(() => CallAsync(Callers.DistrictAdmin("district-05"),
            (s, c) => s.GetDistrictReport(new GetDistrictReportRequest { DistrictCode = "district-03" }, c)));
        await Assert.ThrowsAsync<ForbiddenException>(() => CallAsync(Callers.Citizen(),
            (s, c) => s.GetDistrictReport(new GetDistrictReportRequest { DistrictCode = "district-03" }, c)));
        await Assert.ThrowsAsync<NotFoundException>(() => CallAsync(Callers.CityAdmin(),
            (s, c) => s.GetDistrictReport(new GetDistrictReportRequest { DistrictCode = "district-99" }, c)));
    }

    [Fact]
    public async Task A_district_report_is_summed_in_the_database_without_loading_a_case()
    {
        await FiledCaseAsync("grid-03-07-2");
        var recorder = new CommandRecorder();
        await using var db = _database.NewContext(recorder);

        var report = await new DistrictHandlers(db, _clock, WorkingDayCalendar.Official, TestText.Create())
            .GetReportAsync(new GetDistrictReportRequest { DistrictCode = "district-03" }, Callers.DistrictAdmin("district-03"), Ct);

        Assert.Equal(1, report.OpenCases);
        // a district's history is tens of thousands of cases: a case loaded whole would bring its description and its
        // history; the report asks for sums per grid and assignee and the period's dispatch instants only
        Assert.DoesNotContain(recorder.Commands, c => c.Contains("\"Description\"", StringComparison.Ordinal));
        Assert.Contains(recorder.Commands, c => c.Contains("GROUP BY", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_suggested_verifier_is_the_grid_team_member_holding_fewer_open_cases()
    {
        await CallAsync(Callers.CityAdmin(), (s, c) => s.AddGridTeamMember(new AddGridTeamMemberRequest
        {
            GridCode = "grid-03-07-2",
            PersonId = "grid-worker-b",
            Name = "B",
        }, c));
        // the seeded grid worker begins verifying one case, and so holds it
        var held = await CallAsync(Callers.Citizen(), (s, c) => s.ReportCase(Report(source: CaseSource.Citizen), c));
        await CallAsync(Callers.GridWorker("district-03", "grid-worker-03-07-2"), (s, c) => s.BeginVerification(new CaseActionRequest { Id = held.Id }, c));
        var fresh = await CallAsync(Callers.Citizen(), (s, c) => s.ReportCase(Report(source: CaseSource.Citizen), c));

        var suggestion = await CallAsync(Callers.GridWorker("district-03", "grid-worker-03-07-2"),
            (s, c) => s.SuggestVerifier(new SuggestVerifierRequest { Id = fresh.Id }, c));

        Assert.Equal("grid-worker-b", suggestion.PersonId);
        Assert.Equal(0, suggestion.OpenCases);
        Assert.False(suggestion.FromDistrict);
        await Assert.ThrowsAsync<ForbiddenException>(() => CallAsync(Callers.Clerk(),
            (s, c) => s.SuggestVerifier(new SuggestVerifierRequest { Id = fresh.Id }, c)));
        await Assert.ThrowsAsync<ConflictException>(() => CallAsync(Callers.CityAdmin(),
            (s, c) => s.SuggestVerifier(new SuggestVerifierRequest { Id = held.Id }, c)));
    }
}
