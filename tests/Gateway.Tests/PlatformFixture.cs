using System.Net.Http.Headers;
using Longgang.Platform.Host;
using Microsoft.Extensions.DependencyInjection;

namespace Longgang.Gateway.Tests;

/// <summary>One embedded platform (gateway + four services) on ephemeral ports with its own data folder.</summary>
public class PlatformFixture : IAsyncLifetime
{
    public const string FrontEndOrigin = "http://frontend.test";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "gateway-tests-" + Guid.NewGuid().ToString("N"));

    public EmbeddedPlatform Platform { get; private set; } = null!;

    protected virtual IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["Gateway:Cors:AllowedOrigins:0"] = FrontEndOrigin,
        ["Gateway:MaxRequestBodyBytes"] = "65536",
    };

    public virtual async ValueTask InitializeAsync()
    {
        var overrides = new Dictionary<string, string?>(Overrides)
        {
            ["Storage:DataDirectory"] = _dataDirectory,
            ["Embedded:HttpPort"] = "0",
            ["Embedded:GrpcPort"] = "0",
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        Platform = await EmbeddedPlatform.StartAsync(overrides, timeout.Token);
    }

    /// <summary>Now on the platform's clock (which Clock:Start may set): what tokens and dates of a test count from.</summary>
    public DateTimeOffset Now => Platform.GatewayServices.GetRequiredService<TimeProvider>().GetUtcNow();

    /// <summary>A client of the gateway's REST address, with a bearer token for the role when one is given.</summary>
    public HttpClient CreateClient(string? role = null, string? district = null, string? subject = null)
    {
        var client = new HttpClient { BaseAddress = Platform.GatewayHttpAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (role is not null)
        {
            client.DefaultRequestHeaders.Authorization =
                new AuthenticationHeaderValue("Bearer", Platform.IssueToken(role, district, subject: subject));
        }

        return client;
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (Platform is not null) await Platform.DisposeAsync();
        // SQLite may hold the files a moment after the pools close; a leftover temp folder is harmless
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// A platform whose gateway allows only three requests per client per day. The embedded gateway's windows start at a
/// client's first request; a day is far longer than any run, so no test's requests straddle two windows.
/// </summary>
public sealed class RateLimitedPlatformFixture : PlatformFixture
{
    public const int PermitLimit = 3;
    public static readonly TimeSpan Window = TimeSpan.FromDays(1);

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["Gateway:RateLimit:PermitLimit"] = PermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Gateway:RateLimit:WindowSeconds"] = Window.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "embedded platform";
}
