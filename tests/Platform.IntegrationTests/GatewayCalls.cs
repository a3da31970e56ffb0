using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Longgang.Platform.IntegrationTests;

/// <summary>Calls through the platform's gateway as the tests make them: a bearer token, an optional JSON body, a JSON answer.</summary>
public static class GatewayCalls
{
    public static HttpRequestMessage Request(HttpMethod method, string path, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    /// <summary>The status and the JSON answer (default when the body is empty), whatever the status.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> TrySendAsync(this PlatformFixture platform, HttpMethod method,
        string path, string token, object? body = null)
    {
        using var request = Request(method, path, token, body);
        using var response = await platform.Gateway.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>The JSON answer, after asserting the status (200 unless given).</summary>
    public static async Task<JsonElement> SendAsync(this PlatformFixture platform, HttpMethod method, string path, string token,
        object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var (status, json) = await platform.TrySendAsync(method, path, token, body);
        Assert.True(status == expected, $"{method} {path}: {(int)status} {json}");
        return json;
    }
}
