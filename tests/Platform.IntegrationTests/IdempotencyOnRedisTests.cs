using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Longgang.Gateway;
using Longgang.Platform.Host;
using StackExchange.Redis;

namespace Longgang.Platform.IntegrationTests;

/// <summary><c>Idempotency-Key</c> records in a real Redis, shared by gateway replicas.</summary>
[Collection(PlatformCollection.Name)]
public sealed class IdempotencyOnRedisTests(PlatformFixture platform)
{
    private const string Applications = "/api/approvals/v1/applications";

    [Fact]
    public async Task A_repeat_sent_to_another_replica_replays_the_first_answer_kept_for_24_hours()
    {
        platform.RequireDocker();
        using var otherReplica = new HttpClient { BaseAddress = EmbeddedPlatform.GetHttpAddress(await platform.StartGatewayAsync(new())) };
        var subject = $"citizen-{Guid.NewGuid():N}";
        var token = platform.IssueToken(PlatformRoles.Citizen, subject);
        var key = Guid.NewGuid().ToString();

        using var first = await platform.Gateway.SendAsync(Submit(token, key));
        using var repeat = await otherReplica.SendAsync(Submit(token, key));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal("true", Assert.Single(repeat.Headers.GetValues(IdempotencyMiddleware.ReplayedHeaderName)));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await repeat.Content.ReadAsStringAsync());
        using var list = new HttpRequestMessage(HttpMethod.Get, Applications) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
        using var listed = await platform.Gateway.SendAsync(list);
        Assert.Single((await listed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applications").EnumerateArray());

        await using var redis = await ConnectionMultiplexer.ConnectAsync(platform.Redis.GetConnectionString());
        var ttl = await redis.GetDatabase().KeyTimeToLiveAsync(
            RedisIdempotencyStore.KeyPrefix + IdempotencyMiddleware.ScopeKey(subject, "POST", Applications, key));
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromHours(23), TimeSpan.FromHours(24));
    }

    private static HttpRequestMessage Submit(string token, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Applications)
        {
            Content = JsonContent.Create(new
            {
                matterCode = "MS-002", applicantName = "Chen Jing", channel = "CHANNEL_ONLINE",
                materials = new[] { "application form", "identity card" },
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add(IdempotencyMiddleware.HeaderName, key);
        return request;
    }
}
