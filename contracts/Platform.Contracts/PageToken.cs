namespace Longgang.Platform;

/// <summary>
/// Opaque page tokens (AIP-158): clients pass back what they were given and never build one.
/// The token is the offset of the next page; keeping it opaque lets us move to keyset paging later.
/// </summary>
public static class PageToken
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static string Encode(int offset) =>
        Convert.ToBase64String(BitConverter.GetBytes(offset)).TrimEnd('=');

    /// <summary>Returns false for a token this API did not issue.</summary>
    public static bool TryDecode(string? token, out int offset)
    {
        offset = 0;
        if (string.IsNullOrEmpty(token)) return true;
        try
        {
            var padded = token.PadRight(token.Length + (4 - token.Length % 4) % 4, '=');
            var bytes = Convert.FromBase64String(padded);
            if (bytes.Length != sizeof(int)) return false;
            offset = BitConverter.ToInt32(bytes);
            return offset >= 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
