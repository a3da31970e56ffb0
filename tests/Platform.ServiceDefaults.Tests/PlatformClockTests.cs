using System.Diagnostics;
using Longgang.Platform.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Longgang.Platform.Tests;

/// <summary>Clock:Start shifts the platform's clock for tests and demos; tokens are issued and checked on it.</summary>
public sealed class PlatformClockTests
{
    private static readonly DateTimeOffset In2031 = new(2031, 6, 2, 10, 0, 0, TimeSpan.FromHours(8));

    private static TimeProvider ClockFor(string? start, string environment = "Staging") => PlatformClock.From(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [PlatformClock.StartKey] = start }).Build(),
        new HostingEnvironment { EnvironmentName = environment });

    [Fact]
    public void Without_a_start_it_is_the_system_clock()
    {
        Assert.Same(TimeProvider.System, ClockFor(null));
        Assert.Same(TimeProvider.System, ClockFor(null, Environments.Production));
    }

    [Fact]
    public void It_reads_the_start_when_the_process_started_and_advances_with_real_time()
    {
        var clock = ClockFor("2031-06-02T10:00:00+08:00");

        // the shift is the same for every clock made from that start in this process, whenever it is made
        var shift = clock.GetUtcNow() - TimeProvider.System.GetUtcNow();
        var expected = In2031 - Process.GetCurrentProcess().StartTime.ToUniversalTime();
        Assert.InRange(shift, expected - TimeSpan.FromSeconds(1), expected + TimeSpan.FromSeconds(1));
        Assert.Equal(TimeProvider.System.TimestampFrequency, clock.TimestampFrequency);
    }

    [Theory]
    [InlineData("2031-06-02T02:00:00Z")]
    [InlineData("2031-06-02T10:00:00.000+08:00")]
    public void An_instant_in_utc_or_with_fractions_is_the_same_start(string start) =>
        Assert.Equal(In2031, PlatformClock.ParseStart(start));

    [Theory]
    [InlineData("2031-06-02T10:00:00")] // no offset: whose 10 o'clock?
    [InlineData("2031-06-02")]
    [InlineData("next tuesday")]
    public void A_start_without_an_offset_or_not_an_instant_stops_the_host(string start) =>
        Assert.Contains(PlatformClock.StartKey, Assert.Throws<InvalidOperationException>(() => ClockFor(start)).Message);

    [Fact]
    public void Production_refuses_it() =>
        Assert.Contains("Production", Assert.Throws<InvalidOperationException>(() => ClockFor("2031-06-02T10:00:00+08:00", Environments.Production)).Message);

    private static readonly JwtSettings Jwt = new("issuer", "audience", new string('k', 48));

    private static async Task<bool> ValidAsync(string token, TimeProvider clock) =>
        (await new JsonWebTokenHandler().ValidateTokenAsync(token, Jwt.ValidationParameters(clock))).IsValid;

    [Fact]
    public async Task A_token_issued_on_the_shifted_clock_is_valid_on_it_and_only_on_it()
    {
        var shifted = PlatformClock.StartingAt(In2031);
        var token = Jwt.IssueToken("clerk-1", PlatformRoles.Clerk, null, null, shifted.GetUtcNow(), TimeSpan.FromHours(1));

        Assert.True(await ValidAsync(token, shifted));
        Assert.False(await ValidAsync(token, TimeProvider.System)); // not valid before 2031
    }

    [Fact]
    public async Task Lifetime_is_checked_on_the_clock_given()
    {
        var clock = PlatformClock.StartingAt(In2031);
        var now = clock.GetUtcNow();
        string Issued(DateTimeOffset at, TimeSpan lifetime) => Jwt.IssueToken("clerk-1", PlatformRoles.Clerk, null, null, at, lifetime);

        Assert.False(await ValidAsync(Issued(now.AddHours(-2), TimeSpan.FromHours(1)), clock)); // expired an hour ago
        Assert.False(await ValidAsync(Issued(now.AddMinutes(5), TimeSpan.FromHours(1)), clock)); // not valid for 5 minutes
        Assert.True(await ValidAsync(Issued(now.AddSeconds(10), TimeSpan.FromHours(1)), clock)); // within the 30 s skew
        Assert.True(await ValidAsync(Issued(now.AddHours(-1).AddSeconds(-10), TimeSpan.FromHours(1)), clock)); // expired 10 s ago: within it
    }

    [Fact]
    public async Task A_token_without_an_expiry_is_refused()
    {
        var token = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Jwt.Issuer,
            Audience = Jwt.Audience,
            Claims = new Dictionary<string, object> { [PlatformClaims.Subject] = "clerk-1", [PlatformClaims.Role] = PlatformRoles.Clerk },
            SigningCredentials = new SigningCredentials(Jwt.Key, SecurityAlgorithms.HmacSha256),
        });

        Assert.False(await ValidAsync(token, TimeProvider.System));
    }
}
