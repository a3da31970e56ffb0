using System.Text.Json;
using System.Text.Json.Serialization;

namespace Longgang.Platform;

/// <summary>
/// One set of the reference data's names, read from ReferenceData.json (embedded in this assembly) or from that file
/// overridden by operations' file of the same shape. Immutable: <see cref="ReferenceData"/> swaps whole sets.
/// </summary>
public sealed class ReferenceNames
{
    private const string ResourceName = "Longgang.Platform.ReferenceData.json";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // a misspelt key ("zh_CN") in operations' file must not be silently ignored
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private ReferenceNames(IReadOnlyList<DepartmentRef> departments, IReadOnlyList<DistrictRef> districts, IReadOnlyList<WorkModuleRef> modules,
        IReadOnlyList<CityTagRef> cityTags)
    {
        Departments = departments;
        Districts = districts;
        Modules = modules;
        CityTags = cityTags;
    }

    public IReadOnlyList<DepartmentRef> Departments { get; }

    public IReadOnlyList<DistrictRef> Districts { get; }

    public IReadOnlyList<WorkModuleRef> Modules { get; }

    public IReadOnlyList<CityTagRef> CityTags { get; }

    /// <summary>The names shipped with this build.</summary>
    public static ReferenceNames Embedded { get; } = ReadEmbedded();

    /// <summary>
    /// These names with those of <paramref name="json"/> in their place: an entry there names a code of this set and
    /// gives a new <c>zh-CN</c> name, a new <c>en</c> name, or both. Codes never change: an unknown code is an error.
    /// </summary>
    /// <param name="source">Where the JSON came from, for the error message.</param>
    /// <exception cref="InvalidDataException">The file is not JSON of this shape, names an unknown code or gives an empty name.</exception>
    public ReferenceNames OverriddenBy(string json, string source)
    {
        var file = Deserialize(json, source);
        var problems = new List<string>();
        var names = new ReferenceNames(
            Override(Departments, file.Departments, "departments", problems),
            Override(Districts, file.Districts, "districts", problems),
            Override(Modules, file.Modules, "modules", problems),
            Override(CityTags, file.CityTags, "cityTags", problems));
        if (problems.Count > 0) throw new InvalidDataException($"{source}: {string.Join("; ", problems)}");
        return names;
    }

    private static ReferenceNames ReadEmbedded()
    {
        using var stream = typeof(ReferenceNames).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded in {typeof(ReferenceNames).Assembly.GetName().Name}");
        var file = Deserialize(new StreamReader(stream).ReadToEnd(), ResourceName);
        var problems = new List<string>();
        var names = new ReferenceNames(
            Complete(file.Departments, "departments", problems, (code, en, zh) => new DepartmentRef(code, en, zh)),
            Complete(file.Districts, "districts", problems, (code, en, zh) => new DistrictRef(code, en, zh)),
            Complete(file.Modules, "modules", problems, (code, en, zh) => new WorkModuleRef(code, en, zh)),
            Complete(file.CityTags, "cityTags", problems, (code, en, zh) => new CityTagRef(code, en, zh)));
        if (problems.Count > 0) throw new InvalidDataException($"{ResourceName}: {string.Join("; ", problems)}");
        return names;
    }

    private static NamesFile Deserialize(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<NamesFile>(json, Options) ?? throw new InvalidDataException($"{source}: empty");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: {ex.Message}", ex);
        }
    }

    /// <summary>The shipped file lists every entry with both names.</summary>
    private static List<T> Complete<T>(List<NameEntry>? entries, string section, List<string> problems, Func<string, string, string, T> create)
        where T : ReferenceEntry
    {
        var result = new List<T>();
        foreach (var entry in entries ?? [])
        {
            if (string.IsNullOrWhiteSpace(entry.Code) || string.IsNullOrWhiteSpace(entry.English) || string.IsNullOrWhiteSpace(entry.Chinese))
                problems.Add($"{section}: '{entry.Code}' needs a code, a zh-CN name and an en name");
            else if (result.Any(r => r.Code == entry.Code))
                problems.Add($"{section}: '{entry.Code}' is listed twice");
            else
                result.Add(create(entry.Code, entry.English, entry.Chinese));
        }
        return result;
    }

    private static List<T> Override<T>(IReadOnlyList<T> current, List<NameEntry>? entries, string section, List<string> problems)
        where T : ReferenceEntry
    {
        var result = current.ToList();
        foreach (var entry in entries ?? [])
        {
            var index = result.FindIndex(e => e.Code == entry.Code);
            if (index < 0)
            {
                problems.Add($"{section}: no code '{entry.Code}' (codes cannot be added or changed, only names)");
                continue;
            }
            if ((entry.English is not null && string.IsNullOrWhiteSpace(entry.English)) || (entry.Chinese is not null && string.IsNullOrWhiteSpace(entry.Chinese)))
            {
                problems.Add($"{section}: '{entry.Code}' has an empty name");
                continue;
            }
            result[index] = result[index] with { Name = entry.English ?? result[index].Name, ChineseName = entry.Chinese ?? result[index].ChineseName };
        }
        return result;
    }

    private sealed record NamesFile(List<NameEntry>? Departments, List<NameEntry>? Districts, List<NameEntry>? Modules, List<NameEntry>? CityTags);

    private sealed record NameEntry(
        string? Code,
        [property: JsonPropertyName("zh-CN")] string? Chinese,
        [property: JsonPropertyName("en")] string? English);
}
