using System.Text;
using System.Text.Json;

namespace Longgang.Platform;

/// <summary>
/// Opaque page tokens (AIP-158): clients pass back what they were given and never build one.
/// A token holds the offset of the next page and, where the list's order could be read, the sort key of the last
/// row served (keyset paging: the next page starts after that row however deep it is). The offset is the fallback
/// for orders whose keys cannot be compared in the database. It also carries the list's total as counted for the first
/// page, so that later pages (an export's thousands of them) do not count the whole list again.
/// </summary>
public static class PageToken
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static string Encode(int offset, IReadOnlyList<string?>? after = null, int? total = null)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new Body(offset, after is { Count: > 0 } ? after : null, total), Json);
        return Convert.ToBase64String(json).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Returns false for a token this API did not issue.</summary>
    public static bool TryDecode(string? token, out int offset) => TryDecode(token, out offset, out _);

    /// <summary>Returns false for a token this API did not issue; <paramref name="after"/> is empty for an offset-only token.</summary>
    public static bool TryDecode(string? token, out int offset, out IReadOnlyList<string?> after) => TryDecode(token, out offset, out after, out _);

    /// <summary>As above; <paramref name="total"/> is the list's total as the token's first page counted it, null when it holds none.</summary>
    public static bool TryDecode(string? token, out int offset, out IReadOnlyList<string?> after, out int? total)
    {
        offset = 0;
        after = [];
        total = null;
        if (string.IsNullOrEmpty(token)) return true;
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            var bytes = Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '='));
            if (JsonSerializer.Deserialize<Body>(bytes, Json) is not { O: >= 0 } body || body.T < 0) return false;
            offset = body.O;
            after = body.K ?? [];
            total = body.T;
            return true;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or DecoderFallbackException)
        {
            return false;
        }
    }

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The token's JSON: short names, since the token travels in every next-page URL.</summary>
    private sealed record Body(int O, IReadOnlyList<string?>? K, int? T);
}
