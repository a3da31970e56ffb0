using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Longgang.Platform;

namespace Longgang.Gateway.Tests;

/// <summary>Requests through the gateway's real pipeline (auth, rate limit, proxy) to the embedded services.</summary>
[Collection(PlatformCollection.Name)]
public sealed class GatewayPipelineTests(PlatformFixture fixture)
{
    private const string ProblemJson = "application/problem+json";

    [Fact]
    public async Task Api_without_token_is_401_problem()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync("/api/approvals/v1/matters");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        using var problem = await ReadJsonAsync(response);
        Assert.Equal(401, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("approvals")]
    [InlineData("governance")]
    [InlineData("talent")]
    [InlineData("livelihood")]
    public async Task Anonymous_callers_pass_the_gateway_only_under_a_services_public_prefix(string service)
    {
        using var client = fixture.CreateClient();

        // the service answers (no such public route: 404), not the gateway's 401
        using var underPublic = await client.GetAsync($"/api/{service}/v1/public/no-such-board");
        using var beside = await client.GetAsync($"/api/{service}/v1/publications");
        using var notV1 = await client.GetAsync($"/api/{service}/public/no-such-board");

        Assert.Equal(HttpStatusCode.NotFound, underPublic.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, beside.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, notV1.StatusCode);
    }

    [Theory]
    [InlineData("/api/approvals/v1/matters", "matters")]
    [InlineData("/api/governance/v1/districts/district-01", "code")]
    [InlineData("/api/talent/v1/tiers", "tiers")]
    [InlineData("/api/livelihood/v1/projects?year=2026", null)]
    public async Task Each_service_is_reached_through_its_prefix(string path, string? expectedProperty)
    {
        using var client = fixture.CreateClient(PlatformRoles.CityAdmin);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = await ReadJsonAsync(response);
        Assert.Equal(JsonValueKind.Object, body.RootElement.ValueKind);
        if (expectedProperty is not null) Assert.True(body.RootElement.TryGetProperty(expectedProperty, out _), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Dev_token_rejects_unknown_role_naming_the_field()
    {
        using var client = fixture.CreateClient();

        using var response = await client.PostAsJsonAsync("/dev/token", new { role = "emperor" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        using var problem = await ReadJsonAsync(response);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("role", out _));
    }

    [Theory]
    [InlineData("district", "district-99")]
    [InlineData("department", "dept-of-nothing")]
    public async Task Dev_token_rejects_unknown_district_or_department(string field, string value)
    {
        using var client = fixture.CreateClient();
        var request = new Dictionary<string, string> { ["role"] = PlatformRoles.Clerk, [field] = value };

        using var response = await client.PostAsJsonAsync("/dev/token", request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = await ReadJsonAsync(response);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Dev_token_is_accepted_by_the_api()
    {
        using var anonymous = fixture.CreateClient();
        using var tokenResponse = await anonymous.PostAsJsonAsync("/dev/token",
            new { role = PlatformRoles.Clerk, district = "district-03", department = "dept-market-supervision" });
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        using var token = await ReadJsonAsync(tokenResponse);
        Assert.Equal("Bearer", token.RootElement.GetProperty("tokenType").GetString());
        Assert.Equal(3600, token.RootElement.GetProperty("expiresIn").GetInt32());

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/approvals/v1/matters");
        request.Headers.Authorization = new("Bearer", token.RootElement.GetProperty("accessToken").GetString());
        using var response = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_signed_with_another_key_is_401()
    {
        using var client = fixture.CreateClient();
        var foreignKey = new string('k', 48);
        var token = new Longgang.Platform.Security.JwtSettings("longgang-embedded", "longgang-api", foreignKey)
            .IssueToken("intruder", PlatformRoles.CityAdmin, null, null, fixture.Now, TimeSpan.FromMinutes(5));
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        using var response = await client.GetAsync("/api/approvals/v1/matters");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Given_correlation_id_reaches_the_service_and_comes_back()
    {
        using var client = fixture.CreateClient(PlatformRoles.CityAdmin);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/governance/v1/districts/district-99");
        request.Headers.Add("X-Correlation-Id", "gateway-test-0001");

        using var response = await client.SendAsync(request);

        // the 404 is written by the governance service: its correlationId shows what the gateway forwarded
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("gateway-test-0001", Assert.Single(response.Headers.GetValues("X-Correlation-Id")));
        using var problem = await ReadJsonAsync(response);
        Assert.Equal("gateway-test-0001", problem.RootElement.GetProperty("correlationId").GetString());
    }

    [Fact]
    public async Task Missing_correlation_id_is_generated()
    {
        using var client = fixture.CreateClient(PlatformRoles.CityAdmin);

        using var first = await client.GetAsync("/api/talent/v1/tiers");
        using var second = await client.GetAsync("/api/talent/v1/tiers");

        var firstId = Assert.Single(first.Headers.GetValues("X-Correlation-Id"));
        var secondId = Assert.Single(second.Headers.GetValues("X-Correlation-Id"));
        Assert.False(string.IsNullOrWhiteSpace(firstId));
        Assert.NotEqual(firstId, secondId);
    }

    [Theory]
    [InlineData("/api/unknown/v1/things")]
    [InlineData("/no/such/route")]
    public async Task Unknown_route_is_404_problem(string path)
    {
        using var client = fixture.CreateClient(PlatformRoles.CityAdmin);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Bad_input_from_a_service_is_a_400_problem_not_a_500()
    {
        using var client = fixture.CreateClient(PlatformRoles.Citizen);

        using var response = await client.PostAsync("/api/approvals/v1/applications",
            new StringContent("{ this is not json", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Oversized_body_is_413_problem()
    {
        using var client = fixture.CreateClient(PlatformRoles.Citizen);
        // the fixture limits bodies to 64 KiB
        var body = "{\"applicantName\":\"" + new string('x', 100_000) + "\"}";

        using var response = await client.PostAsync("/api/approvals/v1/applications",
            new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        // the unread body is left on the connection, so the client is told not to reuse it
        Assert.True(response.Headers.ConnectionClose, response.Headers.ToString());
    }

    [Fact]
    public async Task Cors_preflight_from_configured_origin_is_answered_without_token()
    {
        using var client = fixture.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/approvals/v1/applications");
        request.Headers.Add("Origin", PlatformFixture.FrontEndOrigin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");

        using var response = await client.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode, $"preflight answered {(int)response.StatusCode}");
        Assert.Equal(PlatformFixture.FrontEndOrigin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task Cors_exposes_correlation_id_to_configured_origin_only()
    {
        using var client = fixture.CreateClient(PlatformRoles.CityAdmin);
        using var allowed = new HttpRequestMessage(HttpMethod.Get, "/api/talent/v1/tiers");
        allowed.Headers.Add("Origin", PlatformFixture.FrontEndOrigin);
        using var foreign = new HttpRequestMessage(HttpMethod.Get, "/api/talent/v1/tiers");
        foreign.Headers.Add("Origin", "http://evil.test");

        using var allowedResponse = await client.SendAsync(allowed);
        using var foreignResponse = await client.SendAsync(foreign);

        Assert.Equal(PlatformFixture.FrontEndOrigin, Assert.Single(allowedResponse.Headers.GetValues("Access-Control-Allow-Origin")));
        var exposed = string.Join(",", allowedResponse.Headers.GetValues("Access-Control-Expose-Headers"));
        Assert.Contains("X-Correlation-Id", exposed, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Retry-After", exposed, StringComparison.OrdinalIgnoreCase);
        Assert.False(foreignResponse.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Health_live_and_ready_are_200_without_token()
    {
        using var client = fixture.CreateClient();

        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    internal static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync());
}
