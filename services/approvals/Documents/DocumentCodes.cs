using System.Security.Cryptography;
using Longgang.Approvals.Domain;

namespace Longgang.Approvals.Documents;

/// <summary>
/// A printed document's verification code: random (60 bits from the system's CSPRNG, so it cannot be guessed or
/// derived from the application), stored with the ledger line that issued the document, so it stays the same however
/// often the document is printed. Anyone holding the paper can check it at the public route.
/// </summary>
public sealed class DocumentCode
{
    public string Code { get; init; } = "";
    public Guid ApplicationId { get; init; }
    public DocumentKind Kind { get; init; }
    /// <summary>The ledger line that issued the document (<see cref="ApplicationDocuments.IssuedBy"/>).</summary>
    public int LedgerSequence { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

public static class DocumentCodes
{
    public const int Length = 12;
    // Crockford's base 32: no I, L, O or U, so a code read off paper is not mistyped as another
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New() => string.Create(Length, 0, (chars, _) =>
    {
        for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
    });

    /// <summary>A code as typed: dashes and spaces dropped, upper case; null when it cannot be a code.</summary>
    public static string? Normalize(string? typed)
    {
        var code = new string((typed ?? "").Where(c => c is not ('-' or ' ')).Select(char.ToUpperInvariant).ToArray());
        return code.Length == Length && code.All(Alphabet.Contains) ? code : null;
    }

    /// <summary>As printed: three groups of four.</summary>
    public static string Display(string code) => code.Length == Length ? $"{code[..4]}-{code[4..8]}-{code[8..]}" : code;
}
