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
    // the zh-CN set only: asking the ResourceManager for a name it lacks would fall back to neutral resources, which
    // do not exist (English is the key itself), and throw
    private static readonly Lazy<ResourceSet?> Translations = new(() =>
        new ResourceManager(typeof(Messages)).GetResourceSet(CultureInfo.GetCultureInfo("zh-CN"), createIfNotExists: true, tryParents: false));

    private static string? Translation(string english) => Translations.Value?.GetString(english);

    /// <summary>Each name that is a required material of <paramref name="matter"/> in either language (after NFKC) becomes the catalogue's name.</summary>
    public static IReadOnlyList<string> Of(IEnumerable<string> given, Domain.Matter? matter) =>
        given.Select(name => matter?.RequiredMaterials.FirstOrDefault(m => TextRules.SameText(m, name)
            || TextRules.SameText(Translation(m), name)) ?? name).ToList();
}
