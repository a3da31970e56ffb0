using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Longgang.Platform.ArchitectureTests;

/// <summary>
/// Chinese first: every text the code raises for a person to read (errors, problem titles and details, names it
/// translates) has a zh-CN entry, keyed by its English text, in the resources of its project or the platform's shared
/// ones; and no such text is interpolated (<c>$"…"</c>) or concatenated, which would make a key no resource can hold.
/// Read from source: the texts are the literal arguments of the calls below.
/// </summary>
public sealed partial class TranslationCoverageTests
{
    /// <summary>The shared translations every process registers (AddServiceDefaults).</summary>
    private const string SharedFolder = "services/Platform.ServiceDefaults";

    /// <summary>A call that raises text, and which of its arguments (by position, or by name) are the text.</summary>
    private sealed record TextCall(string Name, int[] Positions);

    private static readonly Dictionary<string, TextCall> Calls = new TextCall[]
    {
        new("ConflictException", [0]),
        new("ForbiddenException", [0]),
        new("NotFoundException", [0]), // the noun ("Application"), translated inside its sentence; the id is not text
        new("ValidationFailedException", [1]),
        new("LocalText", [0]),
        new("PlatformProblem", [1, 2]),
        new("Require", [2]),
        new("RequireText", []), // its texts are the platform's own; only an interpolated argument is refused
        new("Translate", [0]),
        new("WriteProblemAsync", [2, 3]),
        new("SaveOrConflictAsync", [0]),
        new("SaveRefusingDuplicatesAsync", [0]),
        new("EnsureStatus", [0]), // the action phrase ("accept"), translated inside its conflict
        new("EnsureOpen", [0]),
        new("Id", [2]), // RequestParsing.Id's kind of id ("application"), named in its 400
        new("RowError", [1]),
    }.ToDictionary(c => c.Name);

    /// <summary>Parameter names that carry the text when an argument is passed by name.</summary>
    private static readonly HashSet<string> TextParameters = ["text", "error", "what", "title", "detail", "conflict", "changedMeanwhile", "english"];

    /// <summary>Every project folder under services/ and gateway/ that holds C#: each is checked, and counted, on its own.</summary>
    public static TheoryData<string> Projects => new(ProjectFolders());

    [Theory]
    [MemberData(nameof(Projects))]
    public void Every_text_a_person_reads_has_a_Chinese_translation_and_none_is_interpolated(string project)
    {
        var translations = TranslationsOf(project);
        var violations = new List<string>();
        foreach (var use in TextUses(project))
        {
            if (use.Problem is not null) violations.Add($"{use.Where}: {use.Problem}");
            else if (!translations.ContainsKey(use.Text!)) violations.Add($"{use.Where}: no zh-CN entry for \"{use.Text}\"");
        }
        var missing = violations.Count(v => v.Contains("no zh-CN entry", StringComparison.Ordinal));
        TestContext.Current.TestOutputHelper?.WriteLine($"{project}: {missing} text(s) without a zh-CN entry, {violations.Count - missing} interpolated or concatenated");
        Violations.AssertNone(violations,
            $"{project}: texts need a zh-CN entry (python3 tools/text.py <resx> \"English {{0}}\" \"中文 {{0}}\") and arguments, not interpolation");
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void A_translation_keeps_the_placeholders_of_its_English_text(string project)
    {
        var violations = TranslationsOf(project)
            .Where(t => !Placeholders(t.Key).SetEquals(Placeholders(t.Value)))
            .Select(t => $"\"{t.Key}\" → \"{t.Value}\"");
        Violations.AssertNone(violations, $"{project}: a translation has the placeholders of its key");
    }

    /// <summary>
    /// The resource manager looks keys up ignoring case, so "File" and "file" in one resx silently share one
    /// translation, and one of the two texts reads wrong.
    /// </summary>
    [Fact]
    public void No_two_keys_of_a_resource_file_differ_only_in_case()
    {
        var violations = ResourceFiles()
            .SelectMany(resx => XDocument.Load(Path.Combine(Repository.Root, resx)).Root!.Elements("data")
                .Select(data => data.Attribute("name")!.Value)
                .GroupBy(key => key, StringComparer.OrdinalIgnoreCase)
                .Where(keys => keys.Distinct(StringComparer.Ordinal).Count() > 1)
                .Select(keys => $"{resx}: {string.Join(" / ", keys.Distinct(StringComparer.Ordinal).Select(k => $"\"{k}\""))}"));
        Violations.AssertNone(violations, "keys that differ only in case share one translation: reword one of them");
    }

    /// <summary>The scanner itself: it must find what the test above relies on it finding.</summary>
    [Fact]
    public void The_scanner_reads_literal_constant_interpolated_and_concatenated_texts()
    {
        const string source = """"
            class C
            {
                const string Known = "must be known";
                void M(bool b, int n)
                {
                    // new ConflictException("not code: a comment");
                    throw new ConflictException("Application {0} is {1}; only a submitted one, (or \"draft\") can be accepted.", id, status);
                    new Validator().Require(b, "field", Known).Require(n > 0, "count", b ? "must be positive" : "must be more, {0}", n);
                    throw new Errors.ForbiddenException($"Not your district {d}.");
                    throw new NotFoundException("Application", $"{code} v{version}");
                    await db.SaveOrConflictAsync("Taken: " + code, ct, changedMeanwhile: "Changed meanwhile.");
                    Results.Problem(title: text.Translate(@"Say ""hi"""), detail: "not a text call");
                    var id = RequestParsing.Id(request.Id, "id", "application"); EnsureStatus("accept", Status.Submitted);
                }
                LocalText Explanation => new("{0} is below", n);
                static LocalText Twice(int n) => new("twice {0}", n);
                {
                }
            }
            """";

        var uses = Scan("C.cs", source, new Dictionary<string, List<string>> { ["Known"] = ["must be known"] }).ToList();

        Assert.Equal(
            [
                "C.cs:7 Application {0} is {1}; only a submitted one, (or \"draft\") can be accepted.",
                "C.cs:8 must be known",
                "C.cs:8 must be positive",
                "C.cs:8 must be more, {0}",
                "C.cs:9 ! interpolated string passed as the text of ForbiddenException",
                "C.cs:10 Application",
                "C.cs:11 ! concatenated string passed as the text of SaveOrConflictAsync",
                "C.cs:11 Changed meanwhile.",
                "C.cs:12 Say \"hi\"",
                "C.cs:13 application",
                "C.cs:13 accept",
                "C.cs:15 {0} is below",
                "C.cs:16 twice {0}",
            ],
            uses.Select(u => $"{u.Where} {(u.Problem is null ? u.Text : "! " + u.Problem)}"));
    }

    private sealed record TextUse(string Where, string? Text, string? Problem);

    private static IEnumerable<string> ProjectFolders() =>
        new[] { "services", "gateway" }
            .SelectMany(top => Directory.EnumerateDirectories(Path.Combine(Repository.Root, top)))
            .Where(folder => Directory.EnumerateFiles(folder, "*.csproj").Any())
            .Select(Repository.PathOf)
            .Order(StringComparer.Ordinal);

    private static IEnumerable<string> SourceFiles(string project) =>
        Directory.EnumerateFiles(Path.Combine(Repository.Root, project), "*.cs", SearchOption.AllDirectories)
            .Select(Repository.PathOf)
            .Where(path => !path.Contains("/bin/") && !path.Contains("/obj/") && !path.Contains("/Migrations/"))
            .Order(StringComparer.Ordinal);

    private static IEnumerable<TextUse> TextUses(string project)
    {
        var constants = Constants();
        return SourceFiles(project).SelectMany(path => Scan(path, File.ReadAllText(Path.Combine(Repository.Root, path)), constants));
    }

    /// <summary>String constants (<c>const string X = "…";</c>) of services/ and gateway/, by name, for texts passed by name.</summary>
    private static Dictionary<string, List<string>> Constants()
    {
        var constants = new Dictionary<string, List<string>>();
        foreach (var path in ProjectFolders().SelectMany(SourceFiles))
        {
            foreach (Match m in StringConstant().Matches(File.ReadAllText(Path.Combine(Repository.Root, path))))
            {
                if (!constants.TryGetValue(m.Groups["name"].Value, out var values)) constants[m.Groups["name"].Value] = values = [];
                values.Add(CSharpSource.LiteralValue(m.Groups["value"].Value));
            }
        }
        return constants;
    }

    private static IEnumerable<TextUse> Scan(string path, string source, Dictionary<string, List<string>> constants)
    {
        for (var i = 0; i < source.Length;)
        {
            var next = CSharpSource.Skip(source, i);
            if (next > i + 1 || source[i] is '"' or '\'')
            {
                i = next;
                continue;
            }
            var call = CallStart().Match(source, i);
            if (!call.Success || !Calls.TryGetValue(call.Groups["name"].Value, out var textCall))
            {
                i++;
                continue;
            }
            var open = call.Index + call.Length - 1;
            var (arguments, _) = CSharpSource.Arguments(source, open);
            var where = $"{path}:{CSharpSource.LineOf(source, call.Index)}";
            for (var position = 0; position < arguments.Count; position++)
            {
                var (name, argument) = SplitName(arguments[position]);
                if (name is null ? !textCall.Positions.Contains(position) : !TextParameters.Contains(name)) continue;
                foreach (var use in TextsOf(argument, where, textCall.Name, constants)) yield return use;
            }
            // on past the name only: a call nested in the arguments is a call of its own
            i = open;
        }
    }

    /// <summary>The texts of one argument: its literals (both branches of a conditional), or a named constant's value.</summary>
    private static IEnumerable<TextUse> TextsOf(string argument, string where, string call, Dictionary<string, List<string>> constants)
    {
        var literals = new List<string>();
        var depth = 0;
        var concatenated = false;
        for (var i = 0; i < argument.Length;)
        {
            if (CSharpSource.StartsString(argument, i))
            {
                var end = CSharpSource.Skip(argument, i);
                var token = argument[i..end];
                if (token.TakeWhile(c => c is '$' or '@').Contains('$'))
                {
                    if (depth == 0) yield return new TextUse(where, null, $"interpolated string passed as the text of {call}");
                }
                else if (depth == 0)
                {
                    literals.Add(CSharpSource.LiteralValue(token));
                }
                i = end;
                continue;
            }
            var skipped = CSharpSource.Skip(argument, i);
            if (skipped > i + 1 || argument[i] == '\'') { i = skipped; continue; }
            if (argument[i] is '(' or '[' or '{') depth++;
            else if (argument[i] is ')' or ']' or '}') depth--;
            else if (argument[i] == '+' && depth == 0) concatenated = true;
            i++;
        }
        if (concatenated && literals.Count > 0)
        {
            yield return new TextUse(where, null, $"concatenated string passed as the text of {call}");
            yield break;
        }
        foreach (var literal in literals) yield return new TextUse(where, literal, null);
        if (literals.Count == 0 && ConstantName().Match(argument) is { Success: true } constant
            && constants.TryGetValue(constant.Groups["name"].Value, out var values))
        {
            foreach (var value in values.Distinct()) yield return new TextUse(where, value, null);
        }
    }

    private static (string? Name, string Argument) SplitName(string argument)
    {
        var named = NamedArgument().Match(argument);
        return named.Success ? (named.Groups["name"].Value, argument[named.Length..].Trim()) : (null, argument);
    }

    private static IEnumerable<string> ResourceFiles() =>
        new[] { "services", "gateway" }
            .SelectMany(top => Directory.EnumerateFiles(Path.Combine(Repository.Root, top), "*.resx", SearchOption.AllDirectories))
            .Where(path => !path.Contains("/bin/") && !path.Contains("/obj/"))
            .Select(Repository.PathOf)
            .Order(StringComparer.Ordinal);

    /// <summary>English key → Chinese, from every zh-CN resource of the project and the shared ones.</summary>
    private static Dictionary<string, string> TranslationsOf(string project)
    {
        var translations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in new[] { project, SharedFolder }.Distinct())
        {
            foreach (var resx in Directory.EnumerateFiles(Path.Combine(Repository.Root, folder), "*.zh-CN.resx", SearchOption.AllDirectories))
            {
                if (resx.Contains("/bin/") || resx.Contains("/obj/")) continue;
                foreach (var data in XDocument.Load(resx).Root!.Elements("data"))
                    translations.TryAdd(data.Attribute("name")!.Value, data.Element("value")?.Value ?? "");
            }
        }
        return translations;
    }

    private static HashSet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).ToHashSet();

    [GeneratedRegex(@"\G(?:new\s+(?:[A-Za-z_][\w.]*\.)?(?<name>[A-Z]\w*)|(?:\.|(?<![\w.]))(?<name>Require|RequireText|Translate|WriteProblemAsync|SaveOrConflictAsync|SaveRefusingDuplicatesAsync|EnsureStatus|EnsureOpen)|RequestParsing\.(?<name>Id)|(?<name>LocalText)\s+\w+(?:\([^)]*\))?\s*=>?\s*new)\s*\(")]
    private static partial Regex CallStart();

    [GeneratedRegex(@"\bconst\s+string\s+(?<name>\w+)\s*=\s*(?<value>@?""(?:[^""\\]|\\.|"""")*"")\s*;")]
    private static partial Regex StringConstant();

    [GeneratedRegex(@"^(?:[A-Z]\w*\.)*(?<name>[A-Z_]\w*)$")]
    private static partial Regex ConstantName();

    [GeneratedRegex(@"^(?<name>[a-z]\w*)\s*:(?!:)")]
    private static partial Regex NamedArgument();

    [GeneratedRegex(@"\{\d+(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();
}
