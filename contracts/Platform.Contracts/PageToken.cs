using System.Text;
using System.Text.Json;

namespace Longgang.Platform;

/// <summary>
/// Opaque page tokens (AIP-158): clients pass back what they were given and never build one.
/// A token holds the offset of the next page and, where the list's order could be read, the sort key of the last
/// row served (keyset paging: the next page starts after that row however deep it is). The offset is the fallback
/// for orders whose keys cannot be compared in the database.
/// </summary>
public static class PageToken
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static string Encode(int offset, IReadOnlyList<string?>? after = null)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new Body(offset, after is { Count: > 0 } ? after : null), Json);
        return Convert.ToBase64String(json).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Returns false for a token this API did not issue.</summary>
    public static bool TryDecode(string? token, out int offset) => TryDecode(token, out offset, out _);

    /// <summary>Returns false for a token this API did not issue; <paramref name="after"/> is empty for an offset-only token.</summary>
    public static bool TryDecode(string? token, out int offset, out IReadOnlyList<string?> after)
    {
        offset = 0;
        after = [];
        if (string.IsNullOrEmpty(token)) return true;
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            var bytes = Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '='));
            if (JsonSerializer.Deserialize<Body>(bytes, Json) is not { O: >= 0 } body) return false;
            offset = body.O;
            after = body.K ?? [];
            return true;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or DecoderFallbackException)
        {
            return false;
        }
    }

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The token's JSON: short names, since the token travels in every next-page URL.</summary>
    private sealed record Body(int O, IReadOnlyList<string?>? K);
}
