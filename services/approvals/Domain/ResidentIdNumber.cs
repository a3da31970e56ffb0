using System.Globalization;
using Longgang.Platform.Domain;

namespace Longgang.Approvals.Domain;

/// <summary>
/// The 18-character citizen identity number of GB 11643-1999 (公民身份号码): a 6-digit region code, the birth date
/// (YYYYMMDD), a 3-digit sequence and a check character (0-9 or X) computed from the other 17 (ISO 7064 MOD 11-2).
/// </summary>
public static class ResidentIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>As typed, in the one form it is stored and searched in: NFKC (full-width digits become ASCII), trimmed, capital X.</summary>
    public static string Normalize(string number) => TextRules.Normalize(number).Trim().ToUpperInvariant();

    /// <summary>True for a normalized number of 18 characters whose birth date exists and whose check character matches.</summary>
    public static bool IsValid(string number)
    {
        if (number.Length != 18 || !number[..17].All(char.IsAsciiDigit)) return false;
        if (!DateOnly.TryParseExact(number[6..14], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)) return false;
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (number[i] - '0') * Weights[i];
        return number[17] == CheckCharacters[sum % 11];
    }

    /// <summary>
    /// The only way the number is shown to someone who may not read it whole: the region code and the last four
    /// characters stay, the birth date and the rest are starred (<c>440307********123X</c>).
    /// </summary>
    public static string Mask(string number) =>
        number.Length <= 10 ? new string('*', number.Length) : number[..6] + new string('*', number.Length - 10) + number[^4..];
}
