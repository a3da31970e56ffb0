namespace Longgang.Platform.Files;

/// <summary>
/// The file types the platform accepts, recognised by their first bytes ("magic numbers"), never by the file name or
/// the Content-Type header a caller sends: a script renamed to scan.pdf is not a PDF.
/// </summary>
public static class FileSniffer
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Pdf = "application/pdf";

    /// <summary>How many leading bytes <see cref="Detect"/> needs at most.</summary>
    public const int HeaderLength = 8;

    private static readonly (string ContentType, byte[] Magic)[] Signatures =
    [
        (Jpeg, [0xFF, 0xD8, 0xFF]),
        (Png, [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]),
        (Pdf, [(byte)'%', (byte)'P', (byte)'D', (byte)'F', (byte)'-']),
    ];

    /// <summary>The content type the leading bytes prove, or null for anything else.</summary>
    public static string? Detect(ReadOnlySpan<byte> header)
    {
        foreach (var (contentType, magic) in Signatures)
            if (header.StartsWith(magic)) return contentType;
        return null;
    }

    /// <summary>The file name extension a download is offered with.</summary>
    public static string ExtensionOf(string contentType) => contentType switch
    {
        Jpeg => ".jpg",
        Png => ".png",
        Pdf => ".pdf",
        _ => "",
    };
}
