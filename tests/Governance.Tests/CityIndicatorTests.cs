using System.Globalization;
using Longgang.Governance.Contracts.V1;
using Longgang.Governance.Indicators;
using Longgang.Platform;
using Longgang.Platform.Errors;
using Microsoft.Extensions.Time.Testing;

namespace Longgang.Governance.Tests;

/// <summary>Issue 17 §2: the statistics role a city admin grants, the indicators its holders enter, and the report against the targets.</summary>
public sealed class CityIndicatorTests : IAsyncLifetime
{
    private static readonly Caller CityAdmin = new("city-admin-1", PlatformRoles.CityAdmin, null, null);
    private static readonly Caller Statistician = new("clerk-statistics", PlatformRoles.Clerk, null, "dept-development-reform");
    private static readonly Caller Citizen = new("citizen-1", PlatformRoles.Citizen, null, null);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 14, 1, 30, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public ValueTask DisposeAsync()
    {
        _database.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<T> CallAsync<T>(Func<CityIndicatorHandlers, Task<T>> call)
    {
        await using var db = _database.NewContext();
        return await call(new CityIndicatorHandlers(db, _clock, TestText.Create()));
    }

    private Task<Contracts.V1.CityIndicatorActual> RecordAsync(Caller caller, string code, int year, long yuan, string source = "2021年统计公报") =>
        CallAsync(h => h.RecordAsync(new RecordCityIndicatorRequest { IndicatorCode = code, Year = year, AmountYuan = yuan, Source = source }, caller, default));

    private Task<CityIndicatorReport> ReportAsync(Caller caller, int year) =>
        CallAsync(h => h.GetReportAsync(new GetCityIndicatorReportRequest { Year = year }, caller, default));

    [Fact]
    public async Task Only_a_live_grant_lets_staff_enter_and_read_the_indicators()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => RecordAsync(Statistician, "gdp", 2021, 34_030_000_000));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            CallAsync(h => h.GrantAsync(new GrantStatisticsRoleRequest { Subject = Statistician.Subject }, Statistician, default)));

        var grant = await CallAsync(h => h.GrantAsync(new GrantStatisticsRoleRequest { Subject = Statistician.Subject }, CityAdmin, default));
        await Assert.ThrowsAsync<ConflictException>(() =>
            CallAsync(h => h.GrantAsync(new GrantStatisticsRoleRequest { Subject = Statistician.Subject }, CityAdmin, default)));
        var recorded = await RecordAsync(Statistician, "gdp", 2021, 34_030_000_000);
        Assert.Equal((34_030_000_000L, Statistician.Subject), (recorded.AmountYuan, recorded.RecordedBy));
        Assert.Equal(34_030_000_000L, (await ReportAsync(Statistician, 2021)).Indicators.Single(i => i.IndicatorCode == "gdp").ActualYuan);
        // a citizen with the same kind of grant is still no statistician: the role is for staff
        await CallAsync(h => h.GrantAsync(new GrantStatisticsRoleRequest { Subject = Citizen.Subject }, CityAdmin, default));
        await Assert.ThrowsAsync<ForbiddenException>(() => RecordAsync(Citizen, "gdp", 2021, 1));

        var revoked = await CallAsync(h => h.RevokeAsync(new RevokeStatisticsGrantRequest { Id = grant.Id }, CityAdmin, default));
        Assert.Equal(CityAdmin.Subject, revoked.RevokedBy);
        await Assert.ThrowsAsync<ConflictException>(() => CallAsync(h => h.RevokeAsync(new RevokeStatisticsGrantRequest { Id = grant.Id }, CityAdmin, default)));
        await Assert.ThrowsAsync<ForbiddenException>(() => RecordAsync(Statistician, "gdp", 2021, 34_030_000_000));
        await Assert.ThrowsAsync<ForbiddenException>(() => ReportAsync(Statistician, 2021));
        var listed = await CallAsync(h => h.ListGrantsAsync(new ListStatisticsGrantsRequest { Subject = Statistician.Subject }, CityAdmin, default));
        Assert.Equal((1, grant.Id, true), (listed.TotalSize, listed.Grants.Single().Id, listed.Grants.Single().HasRevokedOn));
    }

    [Fact]
    public async Task The_report_shows_each_actual_against_its_target_and_a_missing_actual_as_missing()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        await RecordAsync(CityAdmin, "gdp", 2020, 31_640_000_000, "2020年统计公报");
        await RecordAsync(CityAdmin, "gdp", 2021, 34_030_000_000);
        await RecordAsync(CityAdmin, "fiscal-revenue", 2021, 3_037_000_000);
        // a revised figure replaces the year's
        await RecordAsync(CityAdmin, "fiscal-revenue", 2021, 3_037_000_000, "2021年财政决算");

        var report = await ReportAsync(CityAdmin, 2021);

        Assert.Equal(["gdp", "fiscal-revenue", "general-budget-revenue", "urban-disposable-income", "rural-disposable-income"],
            report.Indicators.Select(i => i.IndicatorCode));
        var gdp = report.Indicators[0];
        Assert.Equal((50_000_000_000L, 34_030_000_000L, 0.6806), (gdp.TargetYuan, gdp.ActualYuan, Math.Round(gdp.ShareOfTarget, 4)));
        Assert.Equal([(2020, 31_640_000_000L), (2021, 34_030_000_000L)], gdp.Series.Select(y => (y.Year, y.AmountYuan)));
        Assert.Equal("地区生产总值", gdp.Name);
        var fiscal = report.Indicators[1];
        Assert.Equal((5_000_000_000L, "2021年财政决算", 1), (fiscal.TargetYuan, fiscal.Source, fiscal.Series.Count));
        var rural = report.Indicators[4];
        Assert.Equal((60_000L, true), (rural.TargetYuan, rural.PerCapita));
        Assert.False(rural.HasActualYuan || rural.HasShareOfTarget || rural.HasSource);
        Assert.Empty(rural.Series);
        Assert.Equal(2025, report.TargetYear);
    }

    [Fact]
    public async Task Bad_figures_are_refused_naming_the_field_and_an_unknown_indicator_is_not_found()
    {
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => RecordAsync(CityAdmin, "gdp", 1999, 0, " "));
        Assert.Equal(["amountYuan", "source", "year"], refused.FieldErrors.Keys.Order());
        await Assert.ThrowsAsync<NotFoundException>(() => RecordAsync(CityAdmin, "gdp-per-capita", 2021, 1));
        var badYear = await Assert.ThrowsAsync<ValidationFailedException>(() => ReportAsync(CityAdmin, 0));
        Assert.Equal(["year"], badYear.FieldErrors.Keys);
        var noSubject = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            CallAsync(h => h.GrantAsync(new GrantStatisticsRoleRequest { Subject = "" }, CityAdmin, default)));
        Assert.Equal(["subject"], noSubject.FieldErrors.Keys);
    }
}
