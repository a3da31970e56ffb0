using System.Globalization;
using Longgang.Approvals.Contracts.V1;
using Longgang.Approvals.Grpc;
using Longgang.Approvals.Messaging;
using Longgang.Platform;
using Longgang.Platform.Errors;
using Microsoft.Extensions.DependencyInjection;
using static Longgang.Approvals.Tests.Callers;
using static Longgang.Approvals.Tests.Departments;

namespace Longgang.Approvals.Tests;

/// <summary>
/// Issue 15's lists: search (applicant name, resident ID number and the other filters), the clerk's work queue and the
/// supervisor's overdue list, and the public catalogue; each with its scoping and paging.
/// </summary>
public sealed class WorkListTests : IAsyncLifetime
{
    private const string WangId = "11010519491231002X";
    private const string LiId = "440307199003071239";
    private static readonly Caller MarketClerk = Clerk(Market);
    private static readonly Caller MarketSupervisor = new("sup-market", PlatformRoles.Supervisor, null, Market);
    private static readonly Caller District03Admin = new("da-3", PlatformRoles.DistrictAdmin, "district-03", null);

    private ApprovalsTestHost _host = null!;

    // Monday 2 March 2026, 09:00 China Standard Time
    public async ValueTask InitializeAsync() => _host = await ApprovalsTestHost.CreateAsync(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private Task<Application> SubmitAsync(string matter, string name, string residentId, string applicant = "citizen-7",
        Channel channel = Channel.ServiceHall, string district = "district-03", params string[] materials) =>
        _host.CallAsync(Clerk(Market), (s, c) => s.SubmitApplication(new SubmitApplicationRequest
        {
            MatterCode = matter, ApplicantId = applicant, ApplicantName = name, ResidentId = residentId, Channel = channel,
            DistrictCode = district, Materials = { materials.Length > 0 ? materials : ["application form", "identity card"] },
        }, c));

    private Task<Application> AcceptAsync(Application application) =>
        _host.CallAsync(MarketClerk, (s, c) => s.AcceptApplication(new() { Id = application.Id }, c));

    private Task<ListApplicationsResponse> SearchAsync(Caller caller, ListApplicationsRequest request) =>
        _host.CallAsync(caller, (s, c) => s.ListApplications(request, c));

    private Task<ListWorkItemsResponse> QueueAsync(Caller caller, ListWorkItemsRequest request) =>
        _host.CallAsync(caller, (s, c) => s.ListWorkItems(request, c));

    [Fact]
    public async Task Applications_are_found_by_applicant_name_after_NFKC_and_by_resident_ID_number()
    {
        var wang = await SubmitAsync("MS-002", "Wang Fang", WangId);
        await SubmitAsync("MS-002", "李娜", LiId, applicant: "citizen-8");

        var byName = await SearchAsync(MarketClerk, new() { Query = "ｗａｎｇ" }); // full-width, lower case
        Assert.Equal([wang.Id], byName.Applications.Select(a => a.Id));
        Assert.Equal(1, byName.TotalSize);
        var byChineseName = await SearchAsync(MarketClerk, new() { Query = "李" });
        Assert.Equal(["李娜"], byChineseName.Applications.Select(a => a.ApplicantName));
        var byNumber = await SearchAsync(MarketClerk, new() { ResidentId = "１１０１０５１９４９１２３１００２x" });
        Assert.Equal([wang.Id], byNumber.Applications.Select(a => a.Id));
        Assert.Equal(WangId, byNumber.Applications.Single().ResidentId); // the handling department's clerk reads it whole
    }

    [Fact]
    public async Task A_resident_ID_number_with_a_wrong_check_character_is_refused_on_submission_and_search()
    {
        var submit = await Assert.ThrowsAsync<ValidationFailedException>(() => SubmitAsync("MS-002", "Wang Fang", "110105194912310021"));
        Assert.Equal(["residentId"], submit.FieldErrors.Keys);
        var search = await Assert.ThrowsAsync<ValidationFailedException>(() => SearchAsync(MarketClerk, new() { ResidentId = "110105194912310021" }));
        Assert.Equal(["residentId"], search.FieldErrors.Keys);
    }

    [Fact]
    public async Task The_number_is_masked_for_those_who_may_see_the_application_but_not_read_it()
    {
        var application = await SubmitAsync("MS-002", "Wang Fang", WangId);

        Assert.Equal("110105********002X", (await _host.CallAsync(District03Admin, (s, c) => s.GetApplication(new() { Id = application.Id }, c))).ResidentId);
        Assert.Equal("110105********002X", (await SearchAsync(MarketSupervisor, new())).Applications.Single().ResidentId);
        Assert.Equal(WangId, (await _host.CallAsync(Citizen, (s, c) => s.GetApplication(new() { Id = application.Id }, c))).ResidentId);
    }

    [Fact]
    public async Task Filters_narrow_the_list_and_the_total_counts_every_page()
    {
        await SubmitAsync("MS-002", "Wang Fang", WangId);
        await SubmitAsync("MS-002", "Wang Fang", WangId, district: "district-04");
        await SubmitAsync("MS-001", "Wang Fang", WangId, materials: ["application form"]);
        _host.Clock.Advance(TimeSpan.FromDays(1));
        await SubmitAsync("MS-002", "Wang Fang", WangId);

        Assert.Equal(3, (await SearchAsync(MarketClerk, new() { MatterCode = "MS-002" })).TotalSize);
        Assert.Equal(1, (await SearchAsync(MarketClerk, new() { MatterCode = "MS-002", DistrictCode = "district-04" })).TotalSize);
        Assert.Equal(0, (await SearchAsync(MarketClerk, new() { Channel = Channel.Online })).TotalSize);
        Assert.Equal(3, (await SearchAsync(MarketClerk, new() { FromDate = "2026-03-02", ToDate = "2026-03-02" })).TotalSize);
        Assert.Equal(1, (await SearchAsync(MarketClerk, new() { FromDate = "2026-03-03" })).TotalSize);
        var first = await SearchAsync(MarketClerk, new() { PageSize = 3 });
        Assert.Equal((3, 4), (first.Applications.Count, first.TotalSize));
        var second = await SearchAsync(MarketClerk, new() { PageSize = 3, PageToken = first.NextPageToken });
        Assert.Equal((1, 4, ""), (second.Applications.Count, second.TotalSize, second.NextPageToken));
    }

    [Fact]
    public async Task A_district_admin_naming_another_hall_is_refused_not_answered_empty()
    {
        await SubmitAsync("MS-002", "Wang Fang", WangId);

        Assert.Equal(1, (await SearchAsync(District03Admin, new() { DistrictCode = "district-03" })).TotalSize);
        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => SearchAsync(District03Admin, new() { DistrictCode = "district-04" }));
        Assert.Contains("district-03", refused.Message);
    }

    [Fact]
    public async Task The_queue_holds_what_the_department_owes_soonest_due_first()
    {
        var submitted = await SubmitAsync("MS-002", "Wang Fang", WangId);
        var reviewed = await AcceptAsync(await SubmitAsync("MS-001", "李娜", LiId, materials: ["申请表", "营业执照", "经营场所平面图", "食品安全管理员证书"]));
        await _host.CallAsync(Clerk(Social), (s, c) => s.SubmitApplication(new SubmitApplicationRequest
        {
            MatterCode = "SA-001", ApplicantId = "citizen-9", ApplicantName = "Zhou Min", Channel = Channel.ServiceHall,
            DistrictCode = "district-03", Materials = { "application form" },
        }, c));

        var queue = await QueueAsync(MarketClerk, new());

        Assert.Equal([reviewed.Id, submitted.Id], queue.WorkItems.Select(w => w.ApplicationId));
        Assert.Equal([WorkKind.Review, WorkKind.Acceptance], queue.WorkItems.Select(w => w.Kind));
        Assert.Equal(reviewed.PromisedDueOn, queue.WorkItems[0].DueOn);
        Assert.False(queue.WorkItems[1].HasDueOn);
        Assert.Equal([Market], queue.WorkItems[0].PendingDepartments);
        Assert.Equal(2, queue.TotalSize);
        Assert.Equal([submitted.Id], (await QueueAsync(MarketClerk, new() { Kind = WorkKind.Acceptance })).WorkItems.Select(w => w.ApplicationId));
        Assert.Equal([reviewed.Id], (await QueueAsync(MarketClerk, new() { MatterCode = "MS-001" })).WorkItems.Select(w => w.ApplicationId));
        Assert.Equal([reviewed.Id], (await QueueAsync(MarketClerk, new() { ToDate = reviewed.PromisedDueOn })).WorkItems.Select(w => w.ApplicationId));
        Assert.Equal(3, (await QueueAsync(District03Admin, new())).TotalSize);
    }

    [Fact]
    public async Task The_supervisors_overdue_list_and_the_warning_filter_show_work_past_its_promise()
    {
        var late = await AcceptAsync(await SubmitAsync("MS-001", "李娜", LiId, materials: ["application form", "business licence", "premises floor plan", "food safety officer certificate"]));
        Assert.Empty((await QueueAsync(MarketSupervisor, new() { Overdue = true })).WorkItems);

        _host.Clock.Advance(TimeSpan.FromDays(14)); // well past the 5 promised working days
        await _host.ScopeAsync(services => services.GetRequiredService<SlaSupervision>().RunOnceAsync(CancellationToken.None));
        await SubmitAsync("MS-002", "Wang Fang", WangId); // owed, but not due yet
        Assert.Equal(2, (await QueueAsync(MarketSupervisor, new())).TotalSize);

        var overdue = await QueueAsync(MarketSupervisor, new() { Overdue = true });
        var item = Assert.Single(overdue.WorkItems);
        Assert.Equal((late.Id, true, WarningLevel.Red), (item.ApplicationId, item.Overdue, item.WarningLevel));
        Assert.Equal([late.Id], (await QueueAsync(MarketSupervisor, new() { WarningLevel = WarningLevel.Red })).WorkItems.Select(w => w.ApplicationId));
        Assert.Empty((await QueueAsync(MarketSupervisor, new() { WarningLevel = WarningLevel.Yellow })).WorkItems);
    }

    [Fact]
    public async Task The_queue_is_refused_outside_the_callers_department_and_to_citizens()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => QueueAsync(MarketClerk, new() { DepartmentCode = Social }));
        await Assert.ThrowsAsync<ForbiddenException>(() => QueueAsync(District03Admin, new() { DistrictCode = "district-04" }));
        await Assert.ThrowsAsync<ForbiddenException>(() => QueueAsync(Citizen, new()));
        var bad = await Assert.ThrowsAsync<ValidationFailedException>(() => QueueAsync(MarketClerk, new() { FromDate = "2026-03-09", ToDate = "2026-03-02" }));
        Assert.Equal(["toDate"], bad.FieldErrors.Keys);
    }

    [Fact]
    public async Task Materials_named_in_Chinese_or_full_width_count_as_the_catalogues()
    {
        var application = await SubmitAsync("MS-001", "李娜", LiId, materials: ["申请表", "营业执照", "经营场所平面图", "食品安全管理员证书"]);

        Assert.Empty(application.MissingMaterials);
    }

    [Fact]
    public async Task The_public_catalogue_shows_the_service_guide_in_the_requests_language()
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            var chinese = await _host.CallAsync(Citizen, (s, c) => s.ListPublicMatters(new() { Query = "食品" }, c));
            var food = Assert.Single(chinese.Matters);
            Assert.Equal(("MS-001", "食品经营许可", "不收费。"), (food.Code, food.Name, food.Fees));
            Assert.Contains("食品安全法", food.LegalBasis);
            Assert.Contains("申请表", food.RequiredMaterials);

            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            var english = await _host.CallAsync(Citizen, (s, c) => s.ListPublicMatters(new() { Query = "FOOD" }, c));
            Assert.Equal("Food business licence", Assert.Single(english.Matters).Name);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
        var paged = await _host.CallAsync(Citizen, (s, c) => s.ListPublicMatters(new() { PageSize = 2 }, c));
        Assert.Equal((2, 6), (paged.Matters.Count, paged.TotalSize));
        Assert.Equal(["HC-001", "HR-001"], paged.Matters.Select(m => m.Code));
    }
}
