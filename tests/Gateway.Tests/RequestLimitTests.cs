using System.Net;
using System.Text;
using System.Text.Json;
using Longgang.Platform;

namespace Longgang.Gateway.Tests;

/// <summary>Requests that are too big in some way: a 4xx naming what is wrong, never a 500 or a long wait.</summary>
[Collection(PlatformCollection.Name)]
public sealed class RequestLimitTests(PlatformFixture fixture)
{
    private const string Applications = "/api/approvals/v1/applications";

    private IReadOnlyList<string> Internal => ProblemAssert.DownstreamAddresses(fixture.Platform.GatewayServices);

    [Fact]
    public async Task Ten_thousand_materials_is_a_400_naming_materials()
    {
        // 40 KB: under the fixture's 64 KiB body limit, so it is the list that is refused, not the size
        var materials = string.Join(",", Enumerable.Repeat("\"x\"", 10_000));
        var body = $$"""{"matterCode":"MS-001","applicantName":"Li Lei","channel":"CHANNEL_ONLINE","materials":[{{materials}}]}""";

        using var response = await PostAsync(body);

        using var problem = await ProblemAssert.IsSafeProblemAsync(response, HttpStatusCode.BadRequest, Internal);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("materials", out _), problem.RootElement.ToString());
    }

    [Theory]
    [InlineData("materials", "[", "]")]
    [InlineData("applicantName", "{\"a\":", "}")]
    public async Task A_thousand_levels_of_nesting_in_a_field_is_a_400_naming_it(string field, string open, string close)
    {
        var nested = string.Concat(Enumerable.Repeat(open, 1_000)) + (open == "[" ? "" : "1") + string.Concat(Enumerable.Repeat(close, 1_000));
        var body = $$"""{"matterCode":"MS-001","channel":"CHANNEL_ONLINE","{{field}}":{{nested}}}""";

        using var response = await PostAsync(body);

        using var problem = await ProblemAssert.IsSafeProblemAsync(response, HttpStatusCode.BadRequest, Internal);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.ToString());
    }

    [Theory]
    [InlineData("/api/approvals/v1/applications?pageSize=99999999999999999999", "pageSize")]
    [InlineData("/api/approvals/v1/applications?pageSize=2147483648", "pageSize")]
    [InlineData("/api/livelihood/v1/projects?year=99999999999", "year")]
    public async Task Number_too_big_for_its_field_is_a_400_naming_it(string path, string field)
    {
        using var client = fixture.CreateClient(PlatformRoles.Citizen, subject: "limits-numbers");

        using var response = await client.GetAsync(path);

        using var problem = await ProblemAssert.IsSafeProblemAsync(response, HttpStatusCode.BadRequest, Internal);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.ToString());
    }

    [Fact]
    public async Task Overlong_query_string_is_refused_with_a_4xx()
    {
        using var client = fixture.CreateClient(PlatformRoles.Citizen, subject: "limits-query");

        using var response = await client.GetAsync("/api/approvals/v1/matters?q=" + new string('a', 20_000));

        // Kestrel refuses it (414) before any middleware runs: no body at all, so nothing to leak
        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        ProblemAssert.RevealsNothingInternal(await response.Content.ReadAsStringAsync(), Internal);
    }

    [Fact]
    public async Task Overlong_header_is_refused_with_a_4xx()
    {
        using var client = fixture.CreateClient(PlatformRoles.Citizen, subject: "limits-header");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/approvals/v1/matters");
        request.Headers.Add("X-Padding", new string('a', 40_000));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        ProblemAssert.RevealsNothingInternal(await response.Content.ReadAsStringAsync(), Internal);
    }

    private async Task<HttpResponseMessage> PostAsync(string json)
    {
        using var client = fixture.CreateClient(PlatformRoles.Citizen, subject: "limits-bodies");
        JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 2_000 }).Dispose(); // the test sends well-formed JSON
        return await client.PostAsync(Applications, new StringContent(json, Encoding.UTF8, "application/json"));
    }
}
