using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace Longgang.Gateway.Tests;

/// <summary>What every error body the gateway hands out must be: a problem, and nothing about the inside.</summary>
internal static partial class ProblemAssert
{
    public const string ProblemJson = "application/problem+json";

    /// <summary>Status, problem+json with the same status in the body, and no internals; returns the body.</summary>
    public static async Task<JsonDocument> IsSafeProblemAsync(HttpResponseMessage response, HttpStatusCode expected, IEnumerable<string> internalAddresses)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body);
        Assert.Equal((int)expected, json.RootElement.GetProperty("status").GetInt32());
        RevealsNothingInternal(body, internalAddresses);
        return json;
    }

    public static void RevealsNothingInternal(string body, IEnumerable<string> internalAddresses)
    {
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);              // stack frames
        Assert.DoesNotMatch(ExceptionTypeName(), body);                                  // NullReferenceException, ...
        Assert.DoesNotMatch(FrameworkTypeName(), body);                                  // System.Int32, Microsoft.AspNetCore...
        Assert.DoesNotContain("localhost", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);
        foreach (var address in internalAddresses)
            Assert.DoesNotContain(address, body, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// A body as <see cref="RevealsNothingInternal"/> should read it: without the audit log's record of each caller's own
    /// address (loopback, in these tests), which the log keeps by design and is nothing of the inside.
    /// </summary>
    public static string WithoutCallerAddresses(string body) => CallerAddress().Replace(body, "\"clientAddress\":\"\"");

    /// <summary>Where the gateway finds the services ("127.0.0.1:40123" in the embedded platform): never for callers' eyes.</summary>
    public static IReadOnlyList<string> DownstreamAddresses(IServiceProvider gatewayServices) =>
        gatewayServices.GetRequiredService<IReadOnlyList<DownstreamService>>()
            .SelectMany(s => new[] { s.HttpAddress.Authority, s.GrpcAddress.Authority })
            .Distinct()
            .ToArray();

    [GeneratedRegex("\"clientAddress\":\"[^\"]*\"")]
    private static partial Regex CallerAddress();

    [GeneratedRegex(@"\b[A-Za-z]*Exception\b")]
    private static partial Regex ExceptionTypeName();

    [GeneratedRegex(@"\b(System|Microsoft|Grpc|Google|Yarp|Npgsql|StackExchange)\.[A-Z]|\bU?Int(16|32|64)\b")]
    private static partial Regex FrameworkTypeName();
}
