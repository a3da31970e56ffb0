using Longgang.Approvals.Contracts.V1;
using Longgang.Approvals.Data;
using Longgang.Approvals.Domain;
using Longgang.Platform;
using Longgang.Platform.Errors;
using Longgang.Platform.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Longgang.Approvals.Tests.Callers;
using static Longgang.Approvals.Tests.Departments;
using DomainFigures = Longgang.Approvals.Domain.PerformanceFigures;
using ProtoFigures = Longgang.Approvals.Contracts.V1.PerformanceFigures;

namespace Longgang.Approvals.Tests;

/// <summary>The report math on a data set computed by hand.</summary>
public sealed class PerformanceFiguresTests
{
    //                 department  hall           elapsed statutory promised(+ext) on time visits max visits
    private static readonly DecisionFacts[] KnownSet =
    [
        new(Market, "district-01", 4, 20, 5, OnTime: true, 1, 1),
        new(Market, "district-01", 8, 20, 5, OnTime: false, 2, 1), // one visit too many
        new(Market, "district-02", 12, 20, 15, OnTime: true, 1, 1), // promised 5 + 10 extension
        new(Market, null, 0, 20, 5, OnTime: true, 0, 1),            // online, decided on the day of acceptance
        new(Social, "district-02", 10, 20, 7, OnTime: false, 1, 2),
    ];

    [Fact]
    public void The_known_data_set_gives_the_hand_computed_figures()
    {
        var report = PerformanceBreakdown.Of(KnownSet);

        // overall: 5 handled, 3 on time → 0.6; elapsed 4+8+12+0+10 = 34 → 6.8; statutory 100 → 20;
        // promised 5+5+15+5+7 = 37 → 7.4; compression 1 - 34/100 = 0.66; visits 1+2+1+0+1 = 5 → 1.0
        AssertFigures(new DomainFigures(5, 3, 0.6, 6.8, 20, 7.4, 0.66, 1.0, 1), report.Overall);

        Assert.Equal([Market, Social], report.Departments.Keys);
        // market supervision: 4 handled, 3 on time → 0.75; elapsed 24 → 6; statutory 80 → 20; promised 30 → 7.5;
        // compression 1 - 24/80 = 0.7; visits 4 → 1.0
        AssertFigures(new DomainFigures(4, 3, 0.75, 6, 20, 7.5, 0.7, 1.0, 1), report.Departments[Market]);
        // social affairs: 1 handled, late → 0; elapsed 10, statutory 20, promised 7; compression 1 - 10/20 = 0.5; visits 1
        AssertFigures(new DomainFigures(1, 0, 0, 10, 20, 7, 0.5, 1.0, 0), report.Departments[Social]);

        // the online application is in no service hall
        Assert.Equal(["district-01", "district-02"], report.ServiceHalls.Keys);
        // district-01: 2 handled, 1 on time → 0.5; elapsed 12 → 6; statutory 40 → 20; promised 10 → 5;
        // compression 1 - 12/40 = 0.7; visits 3 → 1.5
        AssertFigures(new DomainFigures(2, 1, 0.5, 6, 20, 5, 0.7, 1.5, 1), report.ServiceHalls["district-01"]);
        // district-02: 2 handled, 1 on time → 0.5; elapsed 22 → 11; statutory 40 → 20; promised 22 → 11;
        // compression 1 - 22/40 = 0.45; visits 2 → 1.0
        AssertFigures(new DomainFigures(2, 1, 0.5, 11, 20, 11, 0.45, 1.0, 0), report.ServiceHalls["district-02"]);
    }

    [Fact]
    public void Compression_is_a_ratio_of_totals_so_a_long_matter_weighs_by_its_length()
    {
        // per application: 1 - 2/1 = -1 and 1 - 0/19 = 1, whose mean would be 0; the totals give 1 - 2/20 = 0.9
        var figures = DomainFigures.Of([new(Market, null, 2, 1, 1, false, 0, 1), new(Market, null, 0, 19, 5, true, 0, 1)]);

        Assert.Equal(0.9, figures.CompressionRatio, 10);
    }

    [Fact]
    public void Nothing_handled_gives_zeros_not_NaN()
    {
        var report = PerformanceBreakdown.Of([]);

        Assert.Equal(DomainFigures.None, report.Overall);
        Assert.Empty(report.Departments);
        Assert.Empty(report.ServiceHalls);
    }

    private static void AssertFigures(DomainFigures expected, DomainFigures actual)
    {
        Assert.Equal(expected.Handled, actual.Handled);
        Assert.Equal(expected.OnTime, actual.OnTime);
        Assert.Equal(expected.OnTimeRate, actual.OnTimeRate, 10);
        Assert.Equal(expected.AverageElapsedDays, actual.AverageElapsedDays, 10);
        Assert.Equal(expected.AverageStatutoryDays, actual.AverageStatutoryDays, 10);
        Assert.Equal(expected.AveragePromisedDays, actual.AveragePromisedDays, 10);
        Assert.Equal(expected.CompressionRatio, actual.CompressionRatio, 10);
        Assert.Equal(expected.VisitsPerApplication, actual.VisitsPerApplication, 10);
        Assert.Equal(expected.OverVisitLimit, actual.OverVisitLimit);
    }
}

/// <summary>
/// Reports through the gRPC service class on SQLite, over applications driven through submit → accept → decide on
/// known dates of March 2026 (no holidays; 2 March is a Monday), so that every elapsed figure is known.
/// </summary>
public sealed class PerformanceReportTests : IAsyncLifetime
{
    private static readonly string[] FoodLicenceMaterials = ["application form", "business licence", "premises floor plan", "food safety officer certificate"];
    private static readonly string[] ElderlyCareMaterials = ["application form", "identity card", "household register"];

    private static readonly Caller MarketClerk = Clerk(Market);
    private static readonly Caller SocialClerk = Clerk(Social);
    private static readonly Caller MarketSupervisor = new("sup-ms", PlatformRoles.Supervisor, null, Market);
    private static readonly Caller HallOne = new("da-1", PlatformRoles.DistrictAdmin, "district-01", null);

    private ApprovalsTestHost _host = null!;

    private readonly CommandRecorder _commands = new();

    // 10:00 in China on Monday 2 March 2026
    public async ValueTask InitializeAsync() => _host = await ApprovalsTestHost.CreateAsync(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero),
        (services, _) => services.ConfigureDbContext<ApprovalsDbContext>(options => options.AddInterceptors(_commands)));

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task The_report_counts_real_decisions_per_department_and_service_hall()
    {
        await DriveKnownApplicationsAsync();

        var report = await ReportAsync(CityAdmin, "2026-03-01", "2026-03-31");

        Assert.Equal(("2026-03-01", "2026-03-31"), (report.FromDate, report.ToDate));
        // 3 handled, 2 on time → 2/3; elapsed 3+7+7 = 17 → 17/3; statutory 60 → 20; promised 5+5+7 = 17 → 17/3;
        // compression 1 - 17/60 = 43/60 ≈ 0.716667; visits 1+1+0 = 2 → 2/3
        AssertFigures(report.Overall, 3, 2, 2.0 / 3, 17.0 / 3, 20, 17.0 / 3, 43.0 / 60, 2.0 / 3);
        Assert.Equal([Market, Social], report.Departments.Select(d => d.DepartmentCode));
        // market supervision: 2 handled, 1 on time; elapsed 3+7 = 10 → 5; compression 1 - 10/40 = 0.75; visits 1
        AssertFigures(report.Departments[0].Figures, 2, 1, 0.5, 5, 20, 5, 0.75, 1);
        // social affairs: 1 handled (online), on time at 7 of 7 days; compression 1 - 7/20 = 0.65; no visits
        AssertFigures(report.Departments[1].Figures, 1, 1, 1, 7, 20, 7, 0.65, 0);
        Assert.Equal(["district-01", "district-02"], report.ServiceHalls.Select(h => h.DistrictCode));
        AssertFigures(report.ServiceHalls[0].Figures, 1, 1, 1, 3, 20, 5, 0.85, 1);   // 1 - 3/20
        AssertFigures(report.ServiceHalls[1].Figures, 1, 0, 0, 7, 20, 5, 0.65, 1);   // late: 7 of 5 days
    }

    [Fact]
    public async Task The_report_is_summed_in_the_database_rather_than_read_application_by_application()
    {
        await DriveKnownApplicationsAsync();
        _commands.Clear();

        var report = await ReportAsync(CityAdmin, "2026-03-01", "2026-03-31");

        Assert.Equal(3, report.Overall.Handled);
        // a year of a city's decisions is hundreds of thousands of rows: only their sums per department and hall leave
        var query = Assert.Single(_commands.Commands, c => c.Contains("\"applications\"", StringComparison.Ordinal));
        Assert.Contains("GROUP BY", query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_period_is_counted_in_China_days()
    {
        var id = await SubmitAndAcceptAsync("MS-001", FoodLicenceMaterials, MarketClerk, "district-01");
        // 16:30 UTC on 31 March is 00:30 on 1 April in China
        _host.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 31, 16, 30, 0, TimeSpan.Zero));
        await DecideAsync(id, MarketClerk);

        Assert.Equal(0, (await ReportAsync(CityAdmin, "2026-03-01", "2026-03-31")).Overall.Handled);
        Assert.Equal(1, (await ReportAsync(CityAdmin, "2026-04-01", "2026-04-01")).Overall.Handled);
    }

    [Fact]
    public async Task A_cached_report_is_served_until_the_next_decision_refreshes_it()
    {
        var first = await SubmitAndAcceptAsync("MS-001", FoodLicenceMaterials, MarketClerk, "district-01");
        var second = await SubmitAndAcceptAsync("MS-001", FoodLicenceMaterials, MarketClerk, "district-01");
        _host.Clock.Advance(TimeSpan.FromDays(1));
        await DecideAsync(first, MarketClerk);
        var before = await ReportAsync(CityAdmin, "2026-03-01", "2026-03-31");
        Assert.Equal(1, before.Overall.Handled);
        Assert.Equal(1, before.Overall.VisitsPerApplication);

        // a change the cache cannot know about: the cached report is still served
        await _host.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE applications SET \"Visits\" = 3"));
        var cached = await ReportAsync(CityAdmin, "2026-03-01", "2026-03-31");
        Assert.Equal(1, cached.Overall.VisitsPerApplication);

        // a decision evicts every report, so the next one is computed afresh
        await DecideAsync(second, MarketClerk);
        var after = await ReportAsync(CityAdmin, "2026-03-01", "2026-03-31");
        Assert.Equal(2, after.Overall.Handled);
        Assert.Equal(3, after.Overall.VisitsPerApplication);
        Assert.Equal(2, after.Departments.Single().Figures.Handled);
    }

    [Fact]
    public async Task Each_caller_sees_only_what_they_supervise()
    {
        await DriveKnownApplicationsAsync();
        // the city's report first: if the cache key ignored the scope, the others would be served this one
        Assert.Equal(3, (await ReportAsync(CityAdmin, "2026-03-01", "2026-03-31")).Overall.Handled);

        var department = await ReportAsync(MarketSupervisor, "2026-03-01", "2026-03-31");
        Assert.Equal(2, department.Overall.Handled);
        Assert.Equal([Market], department.Departments.Select(d => d.DepartmentCode));
        Assert.Equal(["district-01", "district-02"], department.ServiceHalls.Select(h => h.DistrictCode));

        var hall = await ReportAsync(HallOne, "2026-03-01", "2026-03-31");
        Assert.Equal(1, hall.Overall.Handled);
        Assert.Equal([Market], hall.Departments.Select(d => d.DepartmentCode));
        Assert.Equal(["district-01"], hall.ServiceHalls.Select(h => h.DistrictCode));

        // a city admin may narrow to one department and one hall
        var narrowed = await ReportAsync(CityAdmin, "2026-03-01", "2026-03-31", department: Market, district: "district-02");
        Assert.Equal(1, narrowed.Overall.Handled);
        Assert.Equal(7, narrowed.Overall.AverageElapsedDays);

        await Assert.ThrowsAsync<ForbiddenException>(() => ReportAsync(MarketSupervisor, "2026-03-01", "2026-03-31", department: Social));
        await Assert.ThrowsAsync<ForbiddenException>(() => ReportAsync(HallOne, "2026-03-01", "2026-03-31", district: "district-02"));
        await Assert.ThrowsAsync<ForbiddenException>(() => ReportAsync(Citizen, "2026-03-01", "2026-03-31"));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            ReportAsync(new Caller("gw-1", PlatformRoles.GridWorker, "district-01", null), "2026-03-01", "2026-03-31"));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            ReportAsync(new Caller("deputy-1", PlatformRoles.Deputy, "district-01", null), "2026-03-01", "2026-03-31"));
    }

    [Theory]
    [InlineData("", "", "fromDate,toDate")]
    [InlineData("2026-13-01", "2026-03-31", "fromDate")]
    [InlineData("2026-03-01", "31/03/2026", "toDate")]
    [InlineData("2026-03-31", "2026-03-01", "toDate")]                  // to before from
    [InlineData("2025-01-01", "2026-01-02", "toDate")]                  // 367 days
    [InlineData("1000-01-01", "1000-01-02", "fromDate,toDate")]             // out of range, not a 500
    public async Task Bad_dates_are_refused_naming_the_field(string from, string to, string fields)
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => ReportAsync(CityAdmin, from, to));

        Assert.Equal(fields.Split(','), error.FieldErrors.Keys.Order());
    }

    [Fact]
    public async Task A_whole_leap_year_is_allowed()
    {
        var report = await ReportAsync(CityAdmin, "2028-01-01", "2028-12-31");
        Assert.Equal(0, report.Overall.Handled);
        Assert.Equal(0, report.Overall.CompressionRatio);
    }

    [Fact]
    public async Task Unknown_departments_and_districts_are_refused()
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            ReportAsync(CityAdmin, "2026-03-01", "2026-03-31", department: "dept-nope", district: "district-99"));

        Assert.Equal(["departmentCode", "districtCode"], error.FieldErrors.Keys.Order());
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /// <summary>
    /// All accepted on Monday 2 March. Food licence (statutory 20, promised 5) at hall 01, decided Thursday 5 March:
    /// 3 working days, on time. Food licence at hall 02, decided Wednesday 11 March: 7 working days, late. Elderly care
    /// allowance (statutory 20, promised 7) online, decided 11 March: 7 working days, on time.
    /// </summary>
    private async Task DriveKnownApplicationsAsync()
    {
        var quick = await SubmitAndAcceptAsync("MS-001", FoodLicenceMaterials, MarketClerk, "district-01");
        var late = await SubmitAndAcceptAsync("MS-001", FoodLicenceMaterials, MarketClerk, "district-02");
        var online = await SubmitAndAcceptAsync("SA-001", ElderlyCareMaterials, SocialClerk, district: null);
        _host.Clock.Advance(TimeSpan.FromDays(3));
        var decided = await DecideAsync(quick, MarketClerk);
        Assert.Equal(Contracts.V1.ApplicationStatus.Approved, decided.Status);
        _host.Clock.Advance(TimeSpan.FromDays(6));
        await DecideAsync(late, MarketClerk);
        await DecideAsync(online, SocialClerk);
    }

    private async Task<string> SubmitAndAcceptAsync(string matter, string[] materials, Caller clerk, string? district)
    {
        var submitted = await _host.CallAsync(Citizen, (s, c) => s.SubmitApplication(new SubmitApplicationRequest
        {
            MatterCode = matter,
            ApplicantName = "Wang Fang",
            Materials = { materials },
            Channel = district is null ? Contracts.V1.Channel.Online : Contracts.V1.Channel.ServiceHall,
            DistrictCode = district ?? "",
        }, c));
        if (district is null) await _host.ConfirmOriginalsAsync(clerk, submitted.Id, materials);
        await _host.CallAsync(clerk, (s, c) => s.AcceptApplication(new() { Id = submitted.Id }, c));
        return submitted.Id;
    }

    private Task<Contracts.V1.Application> DecideAsync(string id, Caller clerk) =>
        _host.CallAsync(clerk, (s, c) => s.DecideStep(new() { Id = id, Decision = Contracts.V1.Decision.Approve }, c));

    private Task<PerformanceReport> ReportAsync(Caller caller, string from, string to, string department = "", string district = "") =>
        _host.CallAsync(caller, (s, c) => s.GetPerformanceReport(
            new() { FromDate = from, ToDate = to, DepartmentCode = department, DistrictCode = district }, c));

    private static void AssertFigures(ProtoFigures actual, int handled, int onTime, double onTimeRate, double averageElapsed,
        double averageStatutory, double averagePromised, double compression, double visitsPerApplication)
    {
        Assert.Equal(handled, actual.Handled);
        Assert.Equal(onTime, actual.OnTime);
        Assert.Equal(onTimeRate, actual.OnTimeRate, 10);
        Assert.Equal(averageElapsed, actual.AverageElapsedDays, 10);
        Assert.Equal(averageStatutory, actual.AverageStatutoryDays, 10);
        Assert.Equal(averagePromised, actual.AveragePromisedDays, 10);
        Assert.Equal(compression, actual.CompressionRatio, 10);
        Assert.Equal(visitsPerApplication, actual.VisitsPerApplication, 10);
    }
}
