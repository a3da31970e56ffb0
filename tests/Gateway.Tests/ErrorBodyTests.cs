using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Longgang.Platform;
using Longgang.Platform.Host;
using Microsoft.Extensions.DependencyInjection;

namespace Longgang.Gateway.Tests;

/// <summary>
/// Errors through the gateway, whoever wrote them (the gateway, YARP, a service, transcoding): a problem body
/// with the right status, and no stack trace, exception type or internal address in it.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ErrorBodyTests(PlatformFixture fixture)
{
    private IReadOnlyList<string> Internal => ProblemAssert.DownstreamAddresses(fixture.Platform.GatewayServices);

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "POST", "/api/approvals/v1/applications", PlatformRoles.Citizen, "{ this is not json")]
    [InlineData(HttpStatusCode.BadRequest, "GET", "/api/approvals/v1/applications?pageSize=99999999999", PlatformRoles.Citizen, null)]
    [InlineData(HttpStatusCode.BadRequest, "GET", "/api/livelihood/v1/projects?year=99999999999", PlatformRoles.Citizen, null)]
    [InlineData(HttpStatusCode.BadRequest, "POST", "/api/approvals/v1/applications", PlatformRoles.Citizen, """{"channel":"CHANNEL_BY_PIGEON"}""")]
    [InlineData(HttpStatusCode.Unauthorized, "GET", "/api/approvals/v1/matters", null, null)]
    [InlineData(HttpStatusCode.Forbidden, "GET", "/api/approvals/v1/warnings", PlatformRoles.Citizen, null)]
    [InlineData(HttpStatusCode.NotFound, "GET", "/no/such/route", PlatformRoles.Citizen, null)]
    [InlineData(HttpStatusCode.NotFound, "GET", "/api/approvals/v1/applications/00000000-0000-0000-0000-000000000000", PlatformRoles.Citizen, null)]
    [InlineData(HttpStatusCode.MethodNotAllowed, "DELETE", "/api/approvals/v1/matters", PlatformRoles.Citizen, null)]
    [InlineData(HttpStatusCode.MethodNotAllowed, "POST", "/openapi/v1.json", null, null)]
    [InlineData(HttpStatusCode.UnsupportedMediaType, "POST", "/api/approvals/v1/applications", PlatformRoles.Citizen, "text/plain:matterCode=MS-001")]
    [InlineData(HttpStatusCode.UnsupportedMediaType, "POST", "/api/approvals/v1/applications", PlatformRoles.Citizen, "application/grpc:AAAA")]
    // was a 500: transcoding threw on a charset it cannot decode
    [InlineData(HttpStatusCode.UnsupportedMediaType, "POST", "/api/approvals/v1/applications", PlatformRoles.Citizen, "application/json; charset=klingon:{}")]
    [InlineData(HttpStatusCode.BadRequest, "GET", "/api/approvals/v1/applications?pageSize=1&pageSize=2", PlatformRoles.Citizen, null)]
    public async Task Error_is_a_problem_without_internals(HttpStatusCode expected, string method, string path, string? role, string? body)
    {
        using var client = fixture.CreateClient(role, subject: "error-body-tests");
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            // "type:content" sends the content with that Content-Type; anything else is sent as JSON
            var typed = !body.StartsWith('{');
            request.Content = new StringContent(typed ? body[(body.IndexOf(':') + 1)..] : body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(typed ? body[..body.IndexOf(':')] : "application/json");
        }

        using var response = await client.SendAsync(request);

        using var problem = await ProblemAssert.IsSafeProblemAsync(response, expected, Internal);
    }

    [Fact]
    public async Task Illegal_state_change_is_a_409_problem_without_internals()
    {
        using var citizen = fixture.CreateClient(PlatformRoles.Citizen, subject: "error-body-409");
        using var submitted = await citizen.PostAsJsonAsync("/api/approvals/v1/applications", new
        {
            matterCode = "MS-001",
            applicantName = "Li Lei",
            channel = "CHANNEL_ONLINE",
            materials = new[] { "application form" },
        });
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var clerk = new HttpClient { BaseAddress = fixture.Platform.GatewayHttpAddress };
        clerk.DefaultRequestHeaders.Authorization = new("Bearer",
            fixture.Platform.IssueToken(PlatformRoles.Clerk, department: "dept-market-supervision", subject: "error-body-clerk"));

        // required materials are missing: it cannot be accepted before a correction
        using var response = await clerk.PostAsJsonAsync($"/api/approvals/v1/applications/{id}:accept", new { });

        using var problem = await ProblemAssert.IsSafeProblemAsync(response, HttpStatusCode.Conflict, Internal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // the gateway reads the body itself to fingerprint it
    public async Task Chunked_body_over_the_limit_is_a_413_problem(bool withIdempotencyKey)
    {
        using var client = fixture.CreateClient(PlatformRoles.Citizen, subject: "error-body-413");
        // no Content-Length, so only Kestrel's limit (64 KiB in this fixture) can stop it, while the proxy reads it
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"applicantName\":\"" + new string('x', 200_000) + "\"}")));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/approvals/v1/applications") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        if (withIdempotencyKey) request.Headers.Add(IdempotencyMiddleware.HeaderName, Guid.NewGuid().ToString());

        using var response = await client.SendAsync(request);

        using var problem = await ProblemAssert.IsSafeProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, Internal);
    }

    [Fact]
    public async Task Gateway_whose_services_are_down_answers_502_problem_naming_no_address()
    {
        var deadAddress = $"127.0.0.1:{UnusedPort()}";
        var configuration = new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = "test",
            ["Auth:Audience"] = "test",
            ["Auth:SigningKey"] = new string('s', 48),
        };
        foreach (var (service, _) in DownstreamServices.Catalogue)
        {
            configuration[$"Gateway:Services:{service}:Http"] = $"http://{deadAddress}";
            configuration[$"Gateway:Services:{service}:Grpc"] = $"http://{deadAddress}";
        }
        await using var gateway = await EmbeddedPlatform.StartGatewayAsync(configuration);
        using var client = new HttpClient { BaseAddress = EmbeddedPlatform.GetHttpAddress(gateway) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", new Platform.Security.JwtSettings("test", "test", new string('s', 48))
            .IssueToken("citizen-1", PlatformRoles.Citizen, null, null, gateway.Services.GetRequiredService<TimeProvider>().GetUtcNow(), TimeSpan.FromMinutes(5)));

        using var get = await client.GetAsync("/api/approvals/v1/matters");
        using var post = await client.PostAsJsonAsync("/api/approvals/v1/applications", new { matterCode = "MS-001" });
        using var ready = await client.GetAsync("/health/ready");

        using var problem = await ProblemAssert.IsSafeProblemAsync(get, HttpStatusCode.BadGateway, [deadAddress]);
        using var postProblem = await ProblemAssert.IsSafeProblemAsync(post, HttpStatusCode.BadGateway, [deadAddress]);
        // readiness is for the probes, not a problem body: it says Unhealthy, and not which address failed
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        ProblemAssert.RevealsNothingInternal(await ready.Content.ReadAsStringAsync(), [deadAddress]);
        Assert.False(get.Headers.Contains("Server"));
        Assert.Equal("nosniff", Assert.Single(get.Headers.GetValues("X-Content-Type-Options")));
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
