using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Longgang.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Longgang.Gateway.Tests;

/// <summary><c>Idempotency-Key</c> on POSTs through the gateway (the embedded default: the in-memory store).</summary>
[Collection(PlatformCollection.Name)]
public sealed class IdempotencyTests(PlatformFixture fixture)
{
    private const string Applications = "/api/approvals/v1/applications";

    private static object Application(string name = "Li Lei") => new
    {
        matterCode = "MS-002",
        applicantName = name,
        channel = "CHANNEL_ONLINE",
        materials = new[] { "application form", "identity card" },
    };

    [Fact]
    public async Task Double_submission_with_one_key_stores_one_application_and_replays_the_answer()
    {
        using var citizen = Citizen(out _);
        var key = NewKey();

        using var first = await PostAsync(citizen, Application(), key);
        using var second = await PostAsync(citizen, Application(), key);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(first.Headers.Contains(IdempotencyMiddleware.ReplayedHeaderName));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("true", Assert.Single(second.Headers.GetValues(IdempotencyMiddleware.ReplayedHeaderName)));
        Assert.Equal(first.Content.Headers.ContentType, second.Content.Headers.ContentType);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal([await IdAsync(first)], await ListIdsAsync(citizen));
    }

    [Fact]
    public async Task Same_key_with_a_different_body_is_a_422_problem_and_changes_nothing()
    {
        using var citizen = Citizen(out _);
        var key = NewKey();
        using var first = await PostAsync(citizen, Application("Li Lei"), key);

        using var second = await PostAsync(citizen, Application("Han Meimei"), key);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var problem = await ProblemAssert.IsSafeProblemAsync(second, HttpStatusCode.UnprocessableEntity, []);
        Assert.Equal([await IdAsync(first)], await ListIdsAsync(citizen));
    }

    [Fact]
    public async Task Same_key_from_another_caller_is_independent()
    {
        using var one = Citizen(out _);
        using var another = Citizen(out _);
        var key = NewKey();

        using var fromOne = await PostAsync(one, Application(), key);
        using var fromAnother = await PostAsync(another, Application(), key);

        Assert.Equal(HttpStatusCode.OK, fromAnother.StatusCode);
        Assert.False(fromAnother.Headers.Contains(IdempotencyMiddleware.ReplayedHeaderName));
        Assert.NotEqual(await IdAsync(fromOne), await IdAsync(fromAnother));
        Assert.Single(await ListIdsAsync(one));
        Assert.Single(await ListIdsAsync(another));
    }

    [Fact]
    public async Task Without_a_key_two_posts_are_two_applications()
    {
        using var citizen = Citizen(out _);

        using var first = await PostAsync(citizen, Application(), key: null);
        using var second = await PostAsync(citizen, Application(), key: null);

        Assert.NotEqual(await IdAsync(first), await IdAsync(second));
        Assert.Equal(2, (await ListIdsAsync(citizen)).Count);
    }

    [Fact]
    public async Task A_failed_request_is_not_kept_so_the_key_can_be_retried()
    {
        using var citizen = Citizen(out _);
        var key = NewKey();

        using var failed = await PostAsync(citizen, new { matterCode = "MS-002", channel = "CHANNEL_BY_PIGEON" }, key);
        using var retried = await PostAsync(citizen, Application(), key);

        Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.False(retried.Headers.Contains(IdempotencyMiddleware.ReplayedHeaderName));
        Assert.Equal([await IdAsync(retried)], await ListIdsAsync(citizen));
    }

    [Fact]
    public async Task When_the_service_was_not_heard_the_claim_is_kept_so_a_repeat_is_not_run_again()
    {
        // a gateway of its own whose approvals does not answer: its 502 leaves open whether the service did the work
        var jwt = new Longgang.Platform.Security.JwtSettings("test", "test",
            Convert.ToBase64String(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray()));
        var configuration = new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = jwt.Issuer, ["Auth:Audience"] = jwt.Audience, ["Auth:SigningKey"] = jwt.SigningKey,
        };
        foreach (var service in new[] { "approvals", "governance", "talent", "livelihood" })
            configuration[$"Gateway:Services:{service}:Http"] = configuration[$"Gateway:Services:{service}:Grpc"] = "http://127.0.0.1:9";
        await using var gateway = await Longgang.Platform.Host.EmbeddedPlatform.StartGatewayAsync(configuration);
        using var citizen = new HttpClient { BaseAddress = Longgang.Platform.Host.EmbeddedPlatform.GetHttpAddress(gateway) };
        citizen.DefaultRequestHeaders.Authorization = new("Bearer",
            jwt.IssueToken("citizen-unheard", PlatformRoles.Citizen, null, null, gateway.Services.GetRequiredService<TimeProvider>().GetUtcNow(), TimeSpan.FromMinutes(5)));
        var key = NewKey();

        using var unheard = await PostAsync(citizen, Application(), key);
        using var repeat = await PostAsync(citizen, Application(), key);

        Assert.Equal(HttpStatusCode.BadGateway, unheard.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, repeat.StatusCode);
    }

    [Fact]
    public async Task A_repeat_while_the_first_is_still_running_is_a_409_problem()
    {
        using var citizen = Citizen(out var subject);
        var key = NewKey();
        var body = JsonSerializer.SerializeToUtf8Bytes(Application());
        // the first request, still running: its claim is in the store and it has no answer yet
        var store = fixture.Platform.GatewayServices.GetRequiredService<IIdempotencyStore>();
        Assert.Null(await store.TryBeginAsync(IdempotencyMiddleware.ScopeKey(subject, "POST", Applications, key),
            IdempotencyMiddleware.Fingerprint(SHA256.HashData(body)), TimeSpan.FromMinutes(1), CancellationToken.None));

        using var repeat = await citizen.SendAsync(new HttpRequestMessage(HttpMethod.Post, Applications)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } },
            Headers = { { IdempotencyMiddleware.HeaderName, key } },
        });

        using var problem = await ProblemAssert.IsSafeProblemAsync(repeat, HttpStatusCode.Conflict, []);
        Assert.NotNull(repeat.Headers.RetryAfter);
        Assert.Empty(await ListIdsAsync(citizen));
    }

    [Fact]
    public async Task Key_longer_than_100_characters_is_a_400_naming_the_header()
    {
        using var citizen = Citizen(out _);

        using var tooLong = await PostAsync(citizen, Application(), new string('k', 101));
        using var longest = await PostAsync(citizen, Application(), new string('k', 100));

        using var problem = await ProblemAssert.IsSafeProblemAsync(tooLong, HttpStatusCode.BadRequest, []);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(IdempotencyMiddleware.HeaderName, out _));
        Assert.Equal(HttpStatusCode.OK, longest.StatusCode);
        Assert.Single(await ListIdsAsync(citizen));
    }

    [Fact]
    public async Task Without_its_redis_store_a_post_with_a_key_is_a_503_problem_not_run_unguarded()
    {
        var nowhere = $"127.0.0.1:{FreePort()}";
        var jwt = new Platform.Security.JwtSettings("test", "test", new string('s', 48));
        var configuration = new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = jwt.Issuer,
            ["Auth:Audience"] = jwt.Audience,
            ["Auth:SigningKey"] = jwt.SigningKey,
            ["ConnectionStrings:redis"] = $"{nowhere},connectTimeout=500",
        };
        foreach (var (service, _) in DownstreamServices.Catalogue)
        {
            configuration[$"Gateway:Services:{service}:Http"] = $"http://{nowhere}";
            configuration[$"Gateway:Services:{service}:Grpc"] = $"http://{nowhere}";
        }
        await using var gateway = await Platform.Host.EmbeddedPlatform.StartGatewayAsync(configuration);
        using var client = new HttpClient { BaseAddress = Platform.Host.EmbeddedPlatform.GetHttpAddress(gateway) };
        client.DefaultRequestHeaders.Authorization = new("Bearer",
            jwt.IssueToken("citizen-1", PlatformRoles.Citizen, null, null, gateway.Services.GetRequiredService<TimeProvider>().GetUtcNow(), TimeSpan.FromMinutes(5)));

        using var response = await PostAsync(client, Application(), NewKey());

        using var problem = await ProblemAssert.IsSafeProblemAsync(response, HttpStatusCode.ServiceUnavailable, [nowhere]);
    }

    [Fact]
    public async Task Memory_store_keeps_an_answer_24_hours_and_a_claim_only_while_in_flight()
    {
        var time = new ManualTime();
        var store = new InMemoryIdempotencyStore(time);
        var answer = new IdempotencyRecord("fp", new IdempotentResponse(200, "application/json", [1]));

        Assert.Null(await store.TryBeginAsync("answered", "fp", IdempotencyMiddleware.InFlightFor, CancellationToken.None));
        await store.CompleteAsync("answered", answer, IdempotencyMiddleware.KeepFor, CancellationToken.None);
        Assert.Null(await store.TryBeginAsync("crashed", "fp", IdempotencyMiddleware.InFlightFor, CancellationToken.None));

        time.Advance(IdempotencyMiddleware.InFlightFor + TimeSpan.FromSeconds(1));
        Assert.Equal(answer, await store.TryBeginAsync("answered", "other", IdempotencyMiddleware.InFlightFor, CancellationToken.None));
        // a claim whose gateway never answered frees itself
        Assert.Null(await store.TryBeginAsync("crashed", "fp", IdempotencyMiddleware.InFlightFor, CancellationToken.None));

        time.Advance(TimeSpan.FromHours(24));
        Assert.Null(await store.TryBeginAsync("answered", "fp", IdempotencyMiddleware.InFlightFor, CancellationToken.None));
    }

    private HttpClient Citizen(out string subject)
    {
        subject = $"idempotency-{Guid.NewGuid():N}";
        return fixture.CreateClient(PlatformRoles.Citizen, subject: subject);
    }

    private static string NewKey() => Guid.NewGuid().ToString();

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, object body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Applications) { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.Add(IdempotencyMiddleware.HeaderName, key);
        return client.SendAsync(request);
    }

    private static async Task<string> IdAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<List<string>> ListIdsAsync(HttpClient citizen)
    {
        using var response = await citizen.GetAsync(Applications);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return json.TryGetProperty("applications", out var list) ? list.EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToList() : [];
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
