using Longgang.Platform;
using Longgang.Platform.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Longgang.Gateway.Tests;

/// <summary>
/// The gateway's cache of validated tokens: a token is validated in full once, then answered from memory, and the
/// cache never accepts what the full validation would refuse (an expired token, a changed one).
/// </summary>
public sealed class ValidatedTokensTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-03-02T08:00:00Z");

    [Fact]
    public async Task A_token_is_validated_once_then_answered_from_memory_until_it_expires()
    {
        await using var gateway = await GatewayAuthentication.StartAsync(Start);
        var token = gateway.Issue("citizen-cached", TimeSpan.FromMinutes(5));

        var first = await gateway.AuthenticateAsync(token);
        var second = await gateway.AuthenticateAsync(token);

        Assert.True(first.Succeeded);
        Assert.True(second.Succeeded);
        Assert.Equal("citizen-cached", second.Principal!.FindFirst(PlatformClaims.Subject)?.Value);
        Assert.Equal(PlatformRoles.Citizen, second.Principal.FindFirst(PlatformClaims.Role)?.Value);
        Assert.Equal(1, gateway.FullValidations);

        // past its expiry and the 30 s of clock skew: refused although it is in the cache
        gateway.Time.Now = Start + TimeSpan.FromMinutes(5) + TokenLifetime.ClockSkew + TimeSpan.FromSeconds(1);
        var expired = await gateway.AuthenticateAsync(token);

        Assert.False(expired.Succeeded);
    }

    [Fact]
    public async Task A_token_changed_after_its_original_was_cached_is_validated_in_full_and_refused()
    {
        await using var gateway = await GatewayAuthentication.StartAsync(Start);
        var token = gateway.Issue("citizen-tamperer", TimeSpan.FromMinutes(5));
        Assert.True((await gateway.AuthenticateAsync(token)).Succeeded);

        // the same signature over a payload that now claims another role
        var parts = token.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace($"\"{PlatformRoles.Citizen}\"", $"\"{PlatformRoles.CityAdmin}\"", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
        var result = await gateway.AuthenticateAsync(tampered);

        Assert.False(result.Succeeded);
        Assert.Equal(2, gateway.FullValidations);
    }

    [Fact]
    public async Task Each_request_gets_its_own_copy_of_a_cached_identity()
    {
        await using var gateway = await GatewayAuthentication.StartAsync(Start);
        var token = gateway.Issue("citizen-copied", TimeSpan.FromMinutes(5));

        var first = await gateway.AuthenticateAsync(token);
        var second = await gateway.AuthenticateAsync(token);
        ((System.Security.Claims.ClaimsIdentity)second.Principal!.Identity!).AddClaim(new(PlatformClaims.Role, PlatformRoles.CityAdmin));
        var third = await gateway.AuthenticateAsync(token);

        Assert.False(third.Principal!.IsInRole(PlatformRoles.CityAdmin));
        Assert.False(first.Principal!.IsInRole(PlatformRoles.CityAdmin));
    }

    /// <summary>The gateway's authentication alone (the platform's shared-key bearer scheme and the cache), on a clock the test moves.</summary>
    private sealed class GatewayAuthentication : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly JwtSettings _jwt;
        private readonly CountingTokenHandler _counter;

        private GatewayAuthentication(WebApplication app, JwtSettings jwt, ManualTime time)
        {
            _app = app;
            _jwt = jwt;
            Time = time;
            var handlers = app.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme).TokenHandlers;
            _counter = new CountingTokenHandler(handlers.Single());
            handlers.Clear();
            handlers.Add(_counter);
        }

        public ManualTime Time { get; }

        /// <summary>Tokens the full validation has seen (cache misses).</summary>
        public int FullValidations => _counter.Calls;

        public static Task<GatewayAuthentication> StartAsync(DateTimeOffset now)
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Test" });
            builder.Configuration["Auth:Issuer"] = "gateway-tests";
            builder.Configuration["Auth:Audience"] = "longgang-api";
            builder.Configuration["Auth:SigningKey"] = Convert.ToBase64String(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray());
            var time = new ManualTime(now);
            builder.Services.AddSingleton<TimeProvider>(time);
            builder.AddPlatformAuthentication();
            builder.Services.AddValidatedTokenCache();
            var app = builder.Build();
            return Task.FromResult(new GatewayAuthentication(app, JwtSettings.From(app.Configuration), time));
        }

        public string Issue(string subject, TimeSpan lifetime) => _jwt.IssueToken(subject, PlatformRoles.Citizen, null, null, Time.Now, lifetime);

        /// <summary>As the authentication middleware does it for one request: a scope of its own, the bearer scheme.</summary>
        public async Task<AuthenticateResult> AuthenticateAsync(string token)
        {
            await using var scope = _app.Services.CreateAsyncScope();
            var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
            context.Request.Headers.Authorization = "Bearer " + token;
            return await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        }

        public ValueTask DisposeAsync() => _app.DisposeAsync();
    }

    private sealed class CountingTokenHandler(TokenHandler inner) : TokenHandler
    {
        private int _calls;

        public int Calls => _calls;

        public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
        {
            Interlocked.Increment(ref _calls);
            return inner.ValidateTokenAsync(token, validationParameters);
        }
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
