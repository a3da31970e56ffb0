using System.Net;
using System.Text.Json;

namespace Longgang.Gateway.Tests;

/// <summary>The served document and reference page (anonymous).</summary>
[Collection(PlatformCollection.Name)]
public sealed partial class OpenApiTests(PlatformFixture fixture)
{
    [Theory]
    [InlineData("/api/approvals/v1/applications", "post")]
    [InlineData("/api/approvals/v1/applications", "get")]
    [InlineData("/api/approvals/v1/applications/{id}", "get")]
    [InlineData("/api/approvals/v1/notifications", "get")]
    [InlineData("/api/governance/v1/districts/{districtCode}", "get")]
    [InlineData("/api/governance/v1/cases", "post")]
    [InlineData("/api/talent/v1/certifications", "post")]
    [InlineData("/api/livelihood/v1/projects", "get")]
    public async Task Document_covers_all_four_services(string path, string verb)
    {
        using var document = await GetDocumentAsync();

        var paths = document.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty(path, out var item), $"no path {path}");
        Assert.True(item.TryGetProperty(verb, out var operation), $"no {verb} {path}");
        var responses = operation.GetProperty("responses");
        Assert.True(responses.TryGetProperty("200", out _));
        Assert.True(responses.TryGetProperty("401", out _));
    }

    [Fact]
    public async Task Document_describes_messages_parameters_and_security()
    {
        using var document = await GetDocumentAsync();
        var root = document.RootElement;

        Assert.StartsWith("3.0", root.GetProperty("openapi").GetString());
        var application = root.GetProperty("components").GetProperty("schemas").GetProperty("longgang.approvals.v1.Application");
        var submittedAt = application.GetProperty("properties").GetProperty("submittedAt");
        Assert.Equal("string", submittedAt.GetProperty("type").GetString());
        Assert.Equal("date-time", submittedAt.GetProperty("format").GetString());
        var submit = root.GetProperty("paths").GetProperty("/api/approvals/v1/applications").GetProperty("post");
        Assert.Equal("#/components/schemas/longgang.approvals.v1.SubmitApplicationRequest",
            submit.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        var yearParameter = root.GetProperty("paths").GetProperty("/api/livelihood/v1/cycles/{year}").GetProperty("get")
            .GetProperty("parameters").EnumerateArray().Single(p => p.TryGetProperty("name", out var name) && name.GetString() == "year");
        Assert.Equal("path", yearParameter.GetProperty("in").GetString());
        Assert.Equal("integer", yearParameter.GetProperty("schema").GetProperty("type").GetString());
        Assert.Equal("http", root.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("type").GetString());
        Assert.True(root.GetProperty("security")[0].TryGetProperty("bearer", out _));
    }

    /// <summary>
    /// API convention 4: custom verbs (<c>:requestCorrection</c>) and path parameters (<c>{districtCode}</c>, as the
    /// document names them by their JSON names) are lowerCamelCase on every route of the four services.
    /// </summary>
    [Fact]
    public async Task Every_path_parameter_and_custom_verb_is_lower_camel_case()
    {
        using var document = await GetDocumentAsync();

        var wrong = new List<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name))
        {
            foreach (var segment in path.Split('/'))
            {
                var parts = segment.Split(':');
                if (parts.Length > 1 && !LowerCamelCase().IsMatch(parts[1])) wrong.Add($"{path}: verb '{parts[1]}'");
                if (parts[0].StartsWith('{') && !LowerCamelCase().IsMatch(parts[0].Trim('{', '}'))) wrong.Add($"{path}: parameter {parts[0]}");
            }
        }

        Assert.True(wrong.Count == 0, "not lowerCamelCase:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public async Task Every_operation_says_who_may_call_it()
    {
        using var document = await GetDocumentAsync();

        var undocumented = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Route: $"{o.Name.ToUpperInvariant()} {p.Name}", Description: o.Value.GetProperty("description").GetString()!)))
            .Where(o => o.Description.StartsWith("gRPC:", StringComparison.Ordinal))
            .Select(o => o.Route)
            .ToList();

        Assert.True(undocumented.Count == 0, "operations whose rpc has no comment in its proto:\n" + string.Join("\n", undocumented));
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z][a-zA-Z0-9]*(\\.[a-z][a-zA-Z0-9]*)*$")]
    private static partial System.Text.RegularExpressions.Regex LowerCamelCase();

    [Fact]
    public async Task Docs_page_is_html_and_its_script_is_served_locally()
    {
        using var client = fixture.CreateClient();

        using var page = await client.GetAsync("/docs/");
        var html = await page.Content.ReadAsStringAsync();
        using var script = await client.GetAsync("/docs/scalar.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("openapi/v1.json", html);
        Assert.Contains("src=\"scalar.js\"", html);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 100_000, "the reference script should be the real bundle");
    }

    private async Task<JsonDocument> GetDocumentAsync()
    {
        using var client = fixture.CreateClient();
        using var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
