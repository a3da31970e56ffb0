using Longgang.Approvals.Data;
using Longgang.Approvals.Domain;
using Longgang.Approvals.Messaging;
using Longgang.Platform.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Longgang.Approvals.Tests;

/// <summary>The embedded host's demo: every state once seeded, seeded once, and SLA warnings now and at a later clock.</summary>
public sealed class DemoSeederTests : IAsyncLifetime
{
    private ApprovalsTestHost _host = null!;

    // Monday 2 March 2026, 09:00 China Standard Time
    public async ValueTask InitializeAsync() => _host = await ApprovalsTestHost.CreateAsync(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private Task SeedAsync() => _host.WithDbAsync(db => new DemoSeeder(_host.Clock, WorkingDayCalendar.Official, _host.Files).SeedAsync(db, CancellationToken.None));

    private Task<List<SlaWarning>> WarningsAfterAPassAsync() => _host.ScopeAsync(async services =>
    {
        await services.GetRequiredService<SlaSupervision>().RunOnceAsync(CancellationToken.None);
        return await services.GetRequiredService<ApprovalsDbContext>().SlaWarnings.ToListAsync();
    });

    [Fact]
    public async Task The_demo_holds_an_application_in_every_state_and_seeds_only_once()
    {
        await SeedAsync();
        await SeedAsync();

        var applications = await _host.WithDbAsync(db => db.Applications.ToListAsync());
        Assert.Equal(11, applications.Count);
        Assert.Equal(Enum.GetValues<ApplicationStatus>().Order(), applications.Select(a => a.Status).Distinct().Order());
        Assert.Contains(applications, a => a.Rectification is { IsClosed: false });
        Assert.All(applications, a => Assert.True(ResidentIdNumber.IsValid(a.ResidentId!)));
    }

    [Fact]
    public async Task Reviews_past_their_promise_warn_at_once_and_a_later_clock_shows_more()
    {
        await SeedAsync();

        var now = await WarningsAfterAPassAsync();
        Assert.Contains(now, w => w.Level == WarningLevel.Red && w.MatterCode == "HC-001");
        _host.Clock.Advance(TimeSpan.FromDays(10));
        var later = await WarningsAfterAPassAsync();
        Assert.Contains(later, w => w.Level == WarningLevel.Red && w.MatterCode == "MS-001" && !now.Any(n => n.Id == w.Id));
    }
}
