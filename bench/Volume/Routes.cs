using Longgang.Approvals.Contracts.V1;
using Longgang.Approvals.Grpc;
using Longgang.Governance.Contracts.V1;
using Longgang.Governance.Dashboards;
using Longgang.Governance.Data;
using Longgang.Governance.Grpc;
using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Calendar;
using Longgang.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Npgsql;
using ApprovalsText = Longgang.Approvals.Resources.Messages;
using GovernanceText = Longgang.Governance.Resources.Messages;

namespace Longgang.Bench.Volume;

/// <summary>
/// The routes measured, each a call of the service's own query class as its gRPC method makes it (a new DbContext per
/// request, as a request scope has), for a city administrator (who sees everything: the widest query), unless a route
/// says otherwise. Caches are bypassed: what is measured is a miss.
/// </summary>
internal sealed class Routes : IAsyncDisposable
{
    private static readonly Caller CityAdmin = new("bench-city-admin", PlatformRoles.CityAdmin, null, null);
    private static readonly Caller MarketClerk = new("bench-clerk", PlatformRoles.Clerk, null, "dept-market-supervision");

    private readonly ServiceProvider _services;

    private Routes(ServiceProvider services) => _services = services;

    /// <summary>Each route's name, the database it reads ("approvals" or "governance") and the call.</summary>
    public required IReadOnlyList<(string Name, string Database, Func<Task> Call)> All { get; init; }

    public static async Task<Routes> CreateAsync(string approvals, string governance)
    {
#pragma warning disable ASP0000 // the one container of this console, not a second copy of a host's
        var collection = new ServiceCollection().AddLogging().AddLocalization()
            .AddPlatformText<Platform.Localization.Resources.Messages>().AddPlatformText<ApprovalsText>().AddPlatformText<GovernanceText>();
        collection.AddHybridCache();
        var services = collection.BuildServiceProvider();
#pragma warning restore ASP0000
        var text = services.GetRequiredService<PlatformText>();
        var calendar = WorkingDayCalendar.Official;
        var clock = TimeProvider.System;
        var configuration = new ConfigurationBuilder().Build();
        var today = WorkingDayCalendar.ChinaDateOf(clock.GetUtcNow());

        // a page halfway down each list, as a client paging (or an export) would reach it: its token from the row before it
        var deepApplications = await DeepTokenAsync(approvals, """SELECT "SubmittedAt", "Id" FROM applications ORDER BY "SubmittedAt" DESC, "Id" DESC""");
        var deepCases = await DeepTokenAsync(governance, """SELECT "ReportedAt", "Id" FROM cases ORDER BY "ReportedAt" DESC, "Id" DESC""");
        var month = new GetPerformanceReportRequest { FromDate = RequestParsing.Text(today.AddDays(-30)), ToDate = RequestParsing.Text(today) };

        Task Applications(ListApplicationsRequest request, Caller? caller = null) =>
            WithApprovals(approvals, db => new ApplicationList(db, calendar, text).ListAsync(request, caller ?? CityAdmin, CancellationToken.None));
        Task Cases(ListCasesRequest request) =>
            WithGovernance(governance, db => new CaseHandlers(db, clock, calendar, new CaseOwners(db, configuration)).ListAsync(request, CityAdmin, CancellationToken.None));

        return new Routes(services)
        {
            All =
            [
                ("applications: first page", "approvals", () => Applications(new ListApplicationsRequest())),
                ("applications: deep page (token)", "approvals", () => Applications(new ListApplicationsRequest { PageToken = deepApplications })),
                ("applications: district + status", "approvals", () => Applications(new ListApplicationsRequest
                    { DistrictCode = "district-03", Status = Longgang.Approvals.Contracts.V1.ApplicationStatus.Approved })),
                ("applications: clerk's first page", "approvals", () => Applications(new ListApplicationsRequest(), MarketClerk)),
                ("applications: export page (100, deep)", "approvals", () => Applications(new ListApplicationsRequest { PageSize = 100, PageToken = deepApplications })),
                ("approvals performance report (30 days)", "approvals", () => WithApprovals(approvals,
                    db => new PerformanceReports(db, services.GetRequiredService<HybridCache>()).BuildAsync(
                        today.AddDays(-30), today, null, null, CancellationToken.None))),
                ("cases: first page", "governance", () => Cases(new ListCasesRequest())),
                ("cases: deep page (token)", "governance", () => Cases(new ListCasesRequest { PageToken = deepCases })),
                ("cases: district + status", "governance", () => Cases(new ListCasesRequest
                    { DistrictCode = "district-01", Status = Longgang.Governance.Contracts.V1.CaseStatus.Closed })),
                ("cases: export page (100, deep)", "governance", () => Cases(new ListCasesRequest { PageSize = 100, PageToken = deepCases })),
                ("governance district report", "governance", () => WithGovernance(governance, db => new DistrictHandlers(db, clock, calendar, text)
                    .GetReportAsync(new GetDistrictReportRequest { DistrictCode = "district-01" }, CityAdmin, CancellationToken.None))),
                ("district dashboard (year)", "governance", () => WithGovernance(governance, db => new DashboardHandlers(db, clock, text, configuration)
                    .GetDistrictAsync(new GetDistrictDashboardRequest { DistrictCode = "district-03", Period = "2026" }, CityAdmin, CancellationToken.None))),
                ("city dashboard (year)", "governance", () => WithGovernance(governance, db => new DashboardHandlers(db, clock, text, configuration)
                    .GetCityAsync(new GetCityDashboardRequest { Period = "2026" }, CityAdmin, CancellationToken.None))),
            ],
        };
    }

    private static async Task WithApprovals<T>(string connection, Func<Longgang.Approvals.Data.ApprovalsDbContext, Task<T>> call)
    {
        await using var db = Contexts.Approvals(connection);
        await call(db);
    }

    private static async Task WithGovernance<T>(string connection, Func<GovernanceDbContext, Task<T>> call)
    {
        await using var db = Contexts.Governance(connection);
        await call(db);
    }

    /// <summary>The token of the page after the middle row of <paramref name="ordered"/> (instant, id), as the list issues it.</summary>
    private static async Task<string> DeepTokenAsync(string connection, string ordered)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM ({ordered}) x", db);
        var total = (int)(long)(await count.ExecuteScalarAsync())!;
        await using var command = new NpgsqlCommand($"{ordered} OFFSET {total / 2} LIMIT 1", db);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var at = reader.GetFieldValue<DateTimeOffset>(0);
        var id = reader.GetGuid(1);
        return PageToken.Encode(total / 2 + 1, [at.ToString("O", System.Globalization.CultureInfo.InvariantCulture), id.ToString()], total);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
