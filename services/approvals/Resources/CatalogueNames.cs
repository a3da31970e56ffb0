using System.Globalization;
using System.Resources;
using Longgang.Platform.Domain;

namespace Longgang.Approvals.Resources;

/// <summary>
/// The catalogue stores its material names in English and shows them translated, so a citizen hands in "申请表" for
/// "application form". Names coming in are put back into the catalogue's words before the domain compares them.
/// </summary>
public static class CatalogueNames
{
    private static readonly ResourceManager Translations = new(typeof(Messages));
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>Each name that is a required material of <paramref name="matter"/> in either language (after NFKC) becomes the catalogue's name.</summary>
    public static IReadOnlyList<string> Of(IEnumerable<string> given, Domain.Matter? matter) =>
        given.Select(name => matter?.RequiredMaterials.FirstOrDefault(m => TextRules.SameText(m, name)
            || TextRules.SameText(Translations.GetString(m, Chinese), name)) ?? name).ToList();
}
