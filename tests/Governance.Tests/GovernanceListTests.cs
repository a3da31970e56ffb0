using Longgang.Governance.Contracts.V1;
using Longgang.Governance.Data;
using Longgang.Governance.Grpc;
using Longgang.Platform;
using Longgang.Platform.Calendar;
using Longgang.Platform.Errors;
using Longgang.Platform.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Longgang.Governance.Tests;

/// <summary>The work lists (issue 15): filters, scoping, paging with a total, and a filter outside the caller's scope refused.</summary>
public sealed class GovernanceListTests : IAsyncLifetime
{
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

    private Task<ListCasesResponse> CasesAsync(Caller caller, ListCasesRequest request) => CallAsync(caller, (s, c) => s.ListCases(request, c));

    private async Task<string> ReportAsync(string grid, string category, string description, CaseSource source = CaseSource.Citizen, string reporter = "citizen-1") =>
        (await CallAsync(source == CaseSource.Citizen ? Callers.Citizen(reporter) : Callers.CityAdmin(reporter), (s, c) => s.ReportCase(new ReportCaseRequest
        {
            GridCode = grid, Source = source, Category = category, Description = description,
        }, c))).Id;

    [Fact]
    public async Task The_directory_lists_the_nine_districts_in_code_order_to_any_signed_in_caller_with_a_total()
    {
        var first = await CallAsync(Callers.Employer("employer-1"), (s, c) => s.ListDistricts(new ListDistrictsRequest { PageSize = 4 }, c));
        var rest = await CallAsync(Callers.GridWorker("district-05"), (s, c) => s.ListDistricts(new ListDistrictsRequest { PageSize = 10, PageToken = first.NextPageToken }, c));

        Assert.Equal(9, first.TotalSize);
        Assert.Equal(["district-01", "district-02", "district-03", "district-04"], first.Districts.Select(d => d.Code));
        Assert.Equal(5, rest.Districts.Count);
        Assert.Equal("", rest.NextPageToken);
        Assert.Equal(102, first.Districts.Concat(rest.Districts).Sum(d => d.CommunityCount));
        Assert.All(first.Districts, d => Assert.True(d.GridCount >= 2 * d.CommunityCount));
    }

    [Fact]
    public async Task A_grid_worker_lists_the_waiting_cases_whose_application_needs_their_corrections()
    {
        var ct = TestContext.Current.CancellationToken;
        var drain = await ReportAsync("grid-03-07-2", "blocked drain", "The shop owner needs a permit to dig.");
        var noise = await ReportAsync("grid-03-07-2", "noise", "Drilling at night.");
        var workerId = DistrictDirectorySeeder.GridWorkerOf("grid-03-07-2");
        var applicationId = Guid.CreateVersion7();
        await using (var db = _database.NewContext())
        {
            var waiting = await db.Cases.SingleAsync(c => c.Id == Guid.Parse(drain), ct);
            Assert.Null(waiting.AwaitApplication(applicationId, "district-03", workerId, submitterOnGridTeam: true, _clock.GetUtcNow()));
            waiting.RecordCorrectionRequested(applicationId, ["site plan"], _clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }
        var worker = Callers.GridWorker("district-03", workerId);

        var owed = await CasesAsync(worker, new ListCasesRequest { AwaitingCorrection = true });

        var shown = Assert.Single(owed.Cases);
        Assert.Equal(drain, shown.Id);
        Assert.Equal(CaseStatus.WaitingForApproval, shown.Status);
        Assert.Equal(applicationId.ToString(), shown.WaitingForApplicationId);
        Assert.True(shown.AwaitingCorrection);
        Assert.Equal([noise], (await CasesAsync(worker, new ListCasesRequest { AwaitingCorrection = false })).Cases.Select(c => c.Id));
        Assert.Equal([drain], (await CasesAsync(worker, new ListCasesRequest { Status = CaseStatus.WaitingForApproval })).Cases.Select(c => c.Id));
    }

    [Fact]
    public async Task Cases_filter_by_district_category_source_text_and_date_and_page_with_a_total()
    {
        var drain = await ReportAsync("grid-03-07-2", "blocked drain", "Water stands behind building 12.");
        var noise = await ReportAsync("grid-03-07-1", "noise", "Ｋａｒａｏｋｅ until 2 a.m."); // full-width Latin, as typed on a phone
        _clock.Advance(TimeSpan.FromDays(3));
        var patrol = await ReportAsync("grid-05-01-1", "blocked drain", "Drain cover missing.", CaseSource.GridPatrol, "city-admin-1");
        var admin = Callers.CityAdmin();

        Assert.Equal(new[] { drain, noise }.Order(), (await CasesAsync(admin, new ListCasesRequest { DistrictCode = "district-03" })).Cases.Select(c => c.Id).Order());
        Assert.Equal([patrol, drain], (await CasesAsync(admin, new ListCasesRequest { Category = "Blocked Drain" })).Cases.Select(c => c.Id));
        Assert.Equal([patrol], (await CasesAsync(admin, new ListCasesRequest { Source = CaseSource.GridPatrol })).Cases.Select(c => c.Id));
        Assert.Equal([noise], (await CasesAsync(admin, new ListCasesRequest { Query = "karaoke" })).Cases.Select(c => c.Id));
        Assert.Equal([patrol], (await CasesAsync(admin, new ListCasesRequest { FromDate = "2025-03-17" })).Cases.Select(c => c.Id));
        // reported at 09:30 China time on the 14th: the China day, not the UTC one
        Assert.Equal(2, (await CasesAsync(admin, new ListCasesRequest { FromDate = "2025-03-14", ToDate = "2025-03-14" })).TotalSize);
        Assert.Equal(3, (await CasesAsync(admin, new ListCasesRequest { EscalationLevel = EscalationLevel.Grid })).TotalSize);
        Assert.Equal(3, (await CasesAsync(admin, new ListCasesRequest { Overdue = false })).TotalSize);

        var page = await CasesAsync(admin, new ListCasesRequest { PageSize = 2 });
        Assert.Equal(3, page.TotalSize);
        var next = await CasesAsync(admin, new ListCasesRequest { PageSize = 2, PageToken = page.NextPageToken });
        Assert.Equal(patrol, page.Cases[0].Id); // newest first
        Assert.Equal(new[] { drain, noise, patrol }.Order(), page.Cases.Concat(next.Cases).Select(c => c.Id).Order());
        Assert.Equal("", next.NextPageToken);
    }

    [Fact]
    public async Task A_case_filter_outside_the_callers_scope_is_forbidden_and_a_bad_filter_names_its_field()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => CasesAsync(Callers.DistrictAdmin("district-05"), new ListCasesRequest { DistrictCode = "district-03" }));
        await Assert.ThrowsAsync<ForbiddenException>(() => CasesAsync(Callers.DistrictAdmin("district-05"), new ListCasesRequest { GridCode = "grid-03-07-2" }));
        await Assert.ThrowsAsync<ForbiddenException>(() => CasesAsync(Callers.GridWorker("district-03", "grid-worker-03-07-2"), new ListCasesRequest { GridCode = "grid-03-07-1" }));
        await Assert.ThrowsAsync<ForbiddenException>(() => CasesAsync(Callers.Clerk(department: "dept-market-supervision"), new ListCasesRequest { AssigneeCode = "dept-social-affairs" }));
        // within scope: the own grid, the own department
        await CasesAsync(Callers.GridWorker("district-03", "grid-worker-03-07-2"), new ListCasesRequest { GridCode = "grid-03-07-2", DistrictCode = "district-03" });
        await CasesAsync(Callers.Clerk(department: "dept-market-supervision"), new ListCasesRequest { AssigneeCode = "dept-market-supervision" });

        var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() => CasesAsync(Callers.CityAdmin(),
            new ListCasesRequest { Status = (CaseStatus)99, FromDate = "14/03/2025", ToDate = "2025-03-01" }));
        Assert.Equal(["fromDate", "status"], invalid.FieldErrors.Keys.Order());
    }

    [Fact]
    public async Task A_department_lists_the_cases_dispatched_to_it_by_assignee_and_escalation_level()
    {
        var id = await ReportAsync("grid-03-07-2", "litter", "Bags piled by the bins.");
        var admin = Callers.DistrictAdmin("district-03");
        await CallAsync(admin, (s, c) => s.BeginVerification(new CaseActionRequest { Id = id }, c));
        await CallAsync(admin, (s, c) => s.FileCase(new CaseActionRequest { Id = id }, c));
        await CallAsync(admin, (s, c) => s.DispatchCase(new DispatchCaseRequest { Id = id, DepartmentCode = "dept-social-affairs" }, c));
        await ReportAsync("grid-03-07-2", "litter", "More bags.");

        var clerk = Callers.Clerk(department: "dept-social-affairs");
        Assert.Equal([id], (await CasesAsync(clerk, new ListCasesRequest { AssigneeCode = "dept-social-affairs" })).Cases.Select(c => c.Id));
        Assert.Equal(1, (await CasesAsync(clerk, new ListCasesRequest { Status = CaseStatus.Dispatched, EscalationLevel = EscalationLevel.Grid })).TotalSize);
        Assert.Equal(2, (await CasesAsync(admin, new ListCasesRequest { Category = "litter" })).TotalSize);
    }

    [Fact]
    public async Task Grid_team_members_list_by_district_seconded_and_name_and_district_staff_stay_in_their_district()
    {
        await CallAsync(Callers.CityAdmin(), (s, c) => s.AddGridTeamMember(new AddGridTeamMemberRequest
        {
            GridCode = "grid-03-07-2", PersonId = "staff-wang", Name = "王芳", HomeDepartmentCode = "dept-market-supervision",
            ModuleCode = "market-supervision", SecondedFrom = "2025-01-01",
        }, c));
        await CallAsync(Callers.CityAdmin(), (s, c) => s.AddGridTeamMember(new AddGridTeamMemberRequest { GridCode = "grid-03-07-1", PersonId = "worker-li", Name = "李娜" }, c));

        var admin = Callers.DistrictAdmin("district-03");
        var mine = await CallAsync(admin, (s, c) => s.ListGridTeamMembers(new ListGridTeamMembersRequest { PageSize = 1 }, c));
        Assert.All(mine.Members, m => Assert.Equal("district-03", m.DistrictCode));
        var seconded = await CallAsync(Callers.Citizen(), (s, c) => s.ListGridTeamMembers(new ListGridTeamMembersRequest { Seconded = true }, c));
        Assert.Equal("staff-wang", Assert.Single(seconded.Members).Member.PersonId);
        var chinese = await CallAsync(admin, (s, c) => s.ListGridTeamMembers(new ListGridTeamMembersRequest { GridCode = "grid-03-07-1", Query = "李" }, c));
        Assert.Equal("worker-li", Assert.Single(chinese.Members).Member.PersonId);

        await Assert.ThrowsAsync<ForbiddenException>(() => CallAsync(admin, (s, c) => s.ListGridTeamMembers(new ListGridTeamMembersRequest { DistrictCode = "district-05" }, c)));
        await Assert.ThrowsAsync<ForbiddenException>(() => CallAsync(Callers.GridWorker("district-05"), (s, c) => s.ListGridTeamMembers(new ListGridTeamMembersRequest { GridCode = "grid-03-07-1" }, c)));
        await Assert.ThrowsAsync<ForbiddenException>(() => CallAsync(Callers.Employer("employer-1"), (s, c) => s.ListGridTeamMembers(new ListGridTeamMembersRequest(), c)));
    }

    [Fact]
    public async Task Members_sort_by_the_pinyin_of_their_names()
    {
        foreach (var (id, name) in new[] { ("p-zhao", "赵六"), ("p-zhang", "张三"), ("p-li", "李四"), ("p-wang", "王五") })
            await CallAsync(Callers.CityAdmin(), (s, c) => s.AddGridTeamMember(new AddGridTeamMemberRequest { GridCode = "grid-03-07-2", PersonId = id, Name = name }, c));

        var listed = await CallAsync(Callers.CityAdmin(), (s, c) => s.ListGridTeamMembers(new ListGridTeamMembersRequest { Query = "p-" }, c));

        // li, wang, zhang, zhao; by code point it would be 张 (5F20), 李 (674E), 王 (738B), 赵 (8D75)
        Assert.Equal(["李四", "王五", "张三", "赵六"], listed.Members.Select(m => m.Member.Name));
    }

    [Fact]
    public async Task Meetings_list_by_district_status_and_day_for_the_directorys_readers()
    {
        var admin = Callers.CityAdmin();
        async Task<string> ScheduleAsync(string district, string heldOn, string title) =>
            (await CallAsync(admin, (s, c) => s.ScheduleMeeting(new ScheduleMeetingRequest { DistrictCode = district, Title = title, HeldOn = heldOn, Agenda = { "item" } }, c))).Id;
        var march = await ScheduleAsync("district-03", "2025-03-20", "停车难议事会");
        var april = await ScheduleAsync("district-03", "2025-04-10", "Bus stop");
        var elsewhere = await ScheduleAsync("district-05", "2025-03-25", "Market hours");

        Task<ListMeetingsResponse> ListAsync(Caller caller, ListMeetingsRequest request) => CallAsync(caller, (s, c) => s.ListMeetings(request, c));
        Assert.Equal([april, elsewhere, march], (await ListAsync(Callers.Citizen(), new ListMeetingsRequest())).Meetings.Select(m => m.Id));
        Assert.Equal([april, march], (await ListAsync(Callers.GridWorker("district-03"), new ListMeetingsRequest())).Meetings.Select(m => m.Id));
        Assert.Equal([march], (await ListAsync(Callers.Deputy(), new ListMeetingsRequest { DistrictCode = "district-03", ToDate = "2025-03-31" })).Meetings.Select(m => m.Id));
        Assert.Equal([march], (await ListAsync(Callers.Deputy(), new ListMeetingsRequest { Query = "停车" })).Meetings.Select(m => m.Id));
        Assert.Equal(3, (await ListAsync(Callers.Deputy(), new ListMeetingsRequest { Status = MeetingStatus.Scheduled })).TotalSize);
        await Assert.ThrowsAsync<ForbiddenException>(() => ListAsync(Callers.GridWorker("district-03"), new ListMeetingsRequest { DistrictCode = "district-05" }));
        await Assert.ThrowsAsync<ForbiddenException>(() => ListAsync(Callers.Employer("employer-1"), new ListMeetingsRequest()));
    }

    [Fact]
    public async Task Mediations_list_for_the_district_admin_and_the_mediator_only()
    {
        async Task<string> OpenAsync(string district, string mediator) =>
            (await CallAsync(Callers.CityAdmin(), (s, c) => s.OpenMediation(new OpenMediationRequest
            {
                DistrictCode = district, Parties = { "张三", "李四" }, Facts = "A leaning wall.", MediatorId = mediator,
            }, c))).Id;
        var here = await OpenAsync("district-03", "mediator-03");
        var there = await OpenAsync("district-05", "mediator-05");

        Task<ListMediationsResponse> ListAsync(Caller caller, ListMediationsRequest request) => CallAsync(caller, (s, c) => s.ListMediations(request, c));
        Assert.Equal([here], (await ListAsync(Callers.DistrictAdmin("district-03"), new ListMediationsRequest())).Mediations.Select(m => m.Id));
        Assert.Equal([there], (await ListAsync(new Caller("mediator-05", PlatformRoles.GridWorker, "district-05", null), new ListMediationsRequest())).Mediations.Select(m => m.Id));
        Assert.Empty((await ListAsync(Callers.Citizen(), new ListMediationsRequest())).Mediations);
        Assert.Equal(2, (await ListAsync(Callers.CityAdmin(), new ListMediationsRequest { Status = MediationStatus.Open, Query = "wall" })).TotalSize);
        Assert.Equal([there], (await ListAsync(Callers.CityAdmin(), new ListMediationsRequest { MediatorId = "mediator-05" })).Mediations.Select(m => m.Id));
        await Assert.ThrowsAsync<ForbiddenException>(() => ListAsync(Callers.DistrictAdmin("district-03"), new ListMediationsRequest { DistrictCode = "district-05" }));
    }
}
