using System.Globalization;
using System.Text;

namespace Longgang.Platform.Domain;

/// <summary>
/// How the platform compares, counts and sorts text a person typed. Chinese input mixes full-width and half-width
/// forms (<c>营业执照（副本）</c> and <c>营业执照(副本)</c>), and a name is as long as the characters a person sees.
/// </summary>
public static class TextRules
{
    /// <summary>NFKC: full-width and half-width forms, and compatibility characters, become one form. Compare and search after this.</summary>
    public static string Normalize(string text) => text.Normalize(NormalizationForm.FormKC);

    /// <summary>True when the two texts are the same after <see cref="Normalize"/> and trimming.</summary>
    public static bool SameText(string? a, string? b) =>
        a is not null && b is not null && string.Equals(Normalize(a).Trim(), Normalize(b).Trim(), StringComparison.Ordinal);

    /// <summary>The length a person counts: text elements (grapheme clusters), not UTF-16 units (𠮷 is one, not two).</summary>
    public static int Length(string text) => new StringInfo(text).LengthInTextElements;

    /// <summary>Sorts Chinese names by pinyin (ICU's zh-CN collation), the order a person looks them up in.</summary>
    public static StringComparer ChineseNames { get; } = StringComparer.Create(CultureInfo.GetCultureInfo("zh-CN"), CompareOptions.None);

    /// <summary>
    /// True when this process sorts Chinese by pinyin, i.e. .NET runs on ICU. In invariant globalization mode (no
    /// libicu in the image, as on Alpine or chiseled images, or DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1) zh-CN does not
    /// exist and text would sort by code point: 张 (U+5F20) before 李 (U+674E).
    /// </summary>
    public static bool SortsChineseByPinyin()
    {
        try
        {
            return CultureInfo.GetCultureInfo("zh-CN").CompareInfo.Compare("李", "张", CompareOptions.None) < 0;
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }
}
