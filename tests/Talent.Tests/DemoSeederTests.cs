using Longgang.Platform.Calendar;
using Longgang.Talent.Contracts.V1;
using Longgang.Talent.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static Longgang.Talent.Tests.Callers;

namespace Longgang.Talent.Tests;

/// <summary>The embedded host's demo (issue 15 §3): something on every talent screen, once, and time-based states from the clock.</summary>
public sealed class DemoSeederTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero));

    public async ValueTask InitializeAsync()
    {
        await using var db = _database.NewContext();
        await new TierCatalogueSeeder().SeedAsync(db, Ct);
        await new DemoSeeder(_clock, WorkingDayCalendar.Official).SeedAsync(db, Ct);
    }

    public ValueTask DisposeAsync()
    {
        _database.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<T> CallAsync<T>(Func<TalentApi, Task<T>> call)
    {
        await using var db = _database.NewContext();
        return await call(new TalentApi(db, _clock));
    }

    [Fact]
    public async Task Every_talent_screen_has_something_to_show()
    {
        var certified = await CallAsync(api => api.Certifications.ListAsync(new() { Status = CertificationStatus.Certified }, TalentClerk, Ct));
        var queue = await CallAsync(api => api.Certifications.ListAsync(new() { Status = CertificationStatus.Submitted }, TalentClerk, Ct));
        var notices = await CallAsync(api => api.Certifications.ListNoticesAsync(new(), Ct));
        var programmes = await CallAsync(api => api.Programmes.ListAsync(new() { Year = 2026 }, Ct));
        var board = await CallAsync(api => api.Positions.ListAsync(new(), Ct));
        var toPay = await CallAsync(api => api.Claims.ListAsync(new() { Status = ClaimStatus.Approved }, TalentClerk, Ct));
        var waiting = await CallAsync(api => api.Claims.ListAsync(new() { Status = ClaimStatus.Validated }, TalentClerk, Ct));

        Assert.Equal(3, certified.TotalSize);
        Assert.Equal(["吴天宇"], queue.Certifications.Select(c => c.ApplicantName));
        Assert.Equal(["郑雨萱"], notices.Notices.Select(n => n.ApplicantName));
        Assert.Equal(3, programmes.TotalSize);
        Assert.Equal(4, board.TotalSize);
        Assert.Equal(1, toPay.TotalSize);
        Assert.Equal(1, waiting.TotalSize);
    }

    [Fact]
    public async Task It_seeds_once_and_a_later_clock_shows_the_notice_ended()
    {
        await using (var db = _database.NewContext())
        {
            await new DemoSeeder(_clock, WorkingDayCalendar.Official).SeedAsync(db, Ct);
            Assert.Equal(5, await db.Certifications.CountAsync(Ct));
        }

        _clock.Advance(TimeSpan.FromDays(14));

        Assert.Equal(0, (await CallAsync(api => api.Certifications.ListNoticesAsync(new(), Ct))).TotalSize);
    }
}
