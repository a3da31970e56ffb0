using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Longgang.Platform;
using Microsoft.AspNetCore.Http;

namespace Longgang.Gateway.Tests;

/// <summary>Security headers on every gateway response: proxied, the gateway's own errors, the document and /docs.</summary>
[Collection(PlatformCollection.Name)]
public sealed partial class SecurityHeadersTests(PlatformFixture fixture)
{
    [Theory]
    [InlineData("proxied 200", "GET", "/api/talent/v1/tiers", true)]
    [InlineData("proxied 404 from a service", "GET", "/api/governance/v1/districts/district-99", true)]
    [InlineData("401 from the gateway", "GET", "/api/talent/v1/tiers", false)]
    [InlineData("404 from the gateway", "GET", "/no/such/route", true)]
    [InlineData("405 from the gateway", "POST", "/openapi/v1.json", false)]
    [InlineData("413 from the gateway", "POST", "/api/approvals/v1/applications", true)]
    [InlineData("OpenAPI document", "GET", "/openapi/v1.json", false)]
    [InlineData("health", "GET", "/health/live", false)]
    public async Task Every_response_carries_the_api_security_headers(string what, string method, string path, bool withToken)
    {
        using var client = fixture.CreateClient(withToken ? PlatformRoles.CityAdmin : null, subject: "headers-tests");
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (what.StartsWith("413", StringComparison.Ordinal))
            request.Content = new StringContent(new string('x', 100_000), Encoding.UTF8, "application/json");

        using var response = await client.SendAsync(request);

        Assert.True(response.StatusCode != HttpStatusCode.InternalServerError, what);
        AssertCommonHeaders(response);
        Assert.Equal(SecurityHeadersMiddleware.ApiContentSecurityPolicy, Header(response, "Content-Security-Policy"));
    }

    [Fact]
    public async Task Docs_page_gets_a_policy_that_lets_its_own_scripts_run_and_loads_nothing_from_elsewhere()
    {
        using var client = fixture.CreateClient();

        using var page = await client.GetAsync(GatewayExtensions.DocsPath + "/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        AssertCommonHeaders(page);
        var policy = Header(page, "Content-Security-Policy");
        Assert.Equal(SecurityHeadersMiddleware.DocsContentSecurityPolicy, policy);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        // the CSP allows scripts from this origin only: every script the page loads must be served from here
        var html = await page.Content.ReadAsStringAsync();
        var sources = ScriptSource().Matches(html).Select(m => m.Groups[1].Value).ToArray();
        Assert.NotEmpty(sources);
        foreach (var source in sources)
        {
            Assert.False(Uri.TryCreate(source, UriKind.Absolute, out _) || source.StartsWith("//", StringComparison.Ordinal),
                $"/docs loads {source} from another origin; its CSP would block it");
            using var script = await client.GetAsync(new Uri(page.RequestMessage!.RequestUri!, source));
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        }
    }

    [Fact]
    public void Strict_transport_security_is_sent_over_https_only()
    {
        var https = new DefaultHttpContext();
        https.Request.Scheme = "https";
        var http = new DefaultHttpContext();
        http.Request.Scheme = "http";

        SecurityHeadersMiddleware.Apply(https);
        SecurityHeadersMiddleware.Apply(http);

        Assert.StartsWith("max-age=", https.Response.Headers.StrictTransportSecurity.ToString(), StringComparison.Ordinal);
        Assert.False(http.Response.Headers.ContainsKey("Strict-Transport-Security"));
    }

    private static void AssertCommonHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        // the test talks plain HTTP to the gateway
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        // neither the gateway's Kestrel nor the proxied service's may say what software answers
        Assert.False(response.Headers.Contains("Server"), "Server: " + string.Join(",", response.Headers.Server));
        Assert.False(response.Headers.Contains("X-Powered-By"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : throw new Xunit.Sdk.XunitException($"no {name} header on a {(int)response.StatusCode} response");

    [GeneratedRegex("""<script[^>]*\ssrc="([^"]+)"[^>]*>""")]
    private static partial Regex ScriptSource();
}
