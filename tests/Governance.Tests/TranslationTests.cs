using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Platform;
using Longgang.Platform.Errors;
using Longgang.Platform.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Longgang.Governance.Tests;

/// <summary>Chinese first (issue 16): every text the service raises or shows has a zh-CN translation, and callers get their language.</summary>
public sealed partial class TranslationTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>Where each call takes the text a person reads: the argument's position (0-based).</summary>
    private static readonly Dictionary<string, int> TextArgument = new(StringComparer.Ordinal)
    {
        ["ConflictException"] = 0,
        ["ForbiddenException"] = 0,
        ["NotFoundException"] = 0,
        ["ValidationFailedException"] = 1,
        ["Require"] = 2,
        ["LocalText"] = 0,
        ["SaveOrConflictAsync"] = 0,
        ["EnsureStatus"] = 0,
        ["EnsureOpen"] = 0,
        ["RequestParsing.Id"] = 2,
        ["TryAdd"] = 1,
    };

    [Fact]
    public void Every_text_the_service_raises_has_a_zh_CN_translation_and_none_is_interpolated()
    {
        var translations = Keys("services/governance/Resources/Messages.zh-CN.resx")
            .Concat(Keys("services/Platform.ServiceDefaults/Localization/Resources/Messages.zh-CN.resx")).ToHashSet(StringComparer.Ordinal);
        var texts = RaisedTexts().ToList();

        Assert.True(texts.Count > 80, $"only {texts.Count} texts found: the scan is broken");
        var interpolated = texts.Where(t => t.Interpolated).Select(t => $"{t.Where}: {t.Text}").ToList();
        Assert.True(interpolated.Count == 0, "interpolated texts (pass arguments instead):\n" + string.Join("\n", interpolated));
        var missing = texts.Where(t => !translations.Contains(t.Text)).Select(t => $"{t.Where}: \"{t.Text}\"").Distinct().ToList();
        Assert.True(missing.Count == 0, "texts without a zh-CN translation:\n" + string.Join("\n", missing));
    }

    [Fact]
    public async Task Every_name_of_the_directory_and_every_work_module_has_a_zh_CN_translation()
    {
        using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        var text = TestText.Create();
        var names = db.Districts.Select(d => d.Name).Concat(db.Communities.Select(c => c.Name)).Concat(db.Grids.Select(g => g.Name)).ToList()
            .Concat(WorkModule.All.Select(m => m.Name)).ToList();

        Assert.Equal(9 + DistrictDirectorySeeder.CommunityCount + db.Grids.Count() + 5, names.Count);
        var untranslated = names.Where(n => !text.HasTranslation(n, Chinese)).ToList();
        Assert.True(untranslated.Count == 0, "names without a zh-CN translation: " + string.Join(", ", untranslated));
    }

    [Theory]
    [InlineData("zh-CN", "状态冲突", "无法结案：案件当前状态为 CASE_STATUS_REPORTED。")]
    [InlineData("en", "Conflict", "Cannot close a case that is CASE_STATUS_REPORTED.")]
    public async Task A_409_problem_is_in_the_callers_language_with_the_enum_spelled_as_on_the_wire(string language, string title, string detail)
    {
        var conflict = Assert.Throws<ConflictException>(() => ReportedCase().Close(
            new CaseActor(Callers.CityAdmin(), false), ClosureReason.Fixed, DateTimeOffset.UtcNow, Longgang.Platform.Calendar.WorkingDayCalendar.Official));
        var services = new ServiceCollection().AddLogging().AddProblemDetails()
            .AddPlatformText<Resources.Messages>().AddPlatformText<Longgang.Platform.Localization.Resources.Messages>().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            await ProblemDetailsMiddleware.WriteAsync(context, services.GetRequiredService<IProblemDetailsService>(),
                new PlatformProblem(StatusCodes.Status409Conflict, "Conflict", conflict.Text, null));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }

        context.Response.Body.Position = 0;
        var problem = JsonDocument.Parse(context.Response.Body).RootElement;
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
        Assert.Equal("Cannot close a case that is CASE_STATUS_REPORTED.", conflict.Message); // logs stay English
    }

    private static Case ReportedCase() => Case.Report(Grids.InDistrict03,
        new CaseDraft(Grids.InDistrict03.Code, CaseSource.Citizen, "noise", "Loud music at night.", []), Callers.Citizen(), DateTimeOffset.UtcNow);

    private sealed record RaisedText(string Where, string Text, bool Interpolated);

    /// <summary>The string literals passed as the text argument of the calls above, in every source file of the service.</summary>
    private static IEnumerable<RaisedText> RaisedTexts()
    {
        var root = Path.Combine(RepositoryRoot(), "services", "governance");
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.Contains("Migrations", StringComparison.Ordinal)))
        {
            var source = File.ReadAllText(file);
            foreach (Match call in Call().Matches(source))
            {
                var args = Arguments(source, call.Index + call.Length);
                var position = TextArgument[call.Groups["name"].Value];
                if (args.Count <= position) continue;
                var where = $"{Path.GetRelativePath(root, file)}:{source[..call.Index].Count(c => c == '\n') + 1}";
                foreach (Match literal in Literal().Matches(args[position]))
                    yield return new RaisedText(where, Regex.Unescape(literal.Groups["text"].Value), literal.Groups["dollar"].Success);
            }
        }
    }

    /// <summary>The top-level arguments of a call whose "(" ends just before <paramref name="start"/>.</summary>
    private static List<string> Arguments(string source, int start)
    {
        var args = new List<string>();
        var depth = 0;
        var current = start;
        for (var i = start; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '"')
            {
                // skip the literal (no verbatim or raw strings in these calls)
                for (i++; i < source.Length && source[i] != '"'; i++)
                {
                    if (source[i] == '\\') i++;
                }
                continue;
            }
            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                if (depth-- == 0)
                {
                    args.Add(source[current..i]);
                    return args;
                }
            }
            else if (c == ',' && depth == 0)
            {
                args.Add(source[current..i]);
                current = i + 1;
            }
        }
        return args;
    }

    private static IEnumerable<string> Keys(string relativePath) =>
        XDocument.Load(Path.Combine(RepositoryRoot(), relativePath)).Root!.Elements("data").Select(d => (string)d.Attribute("name")!);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "platform.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("platform.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\b(?<name>ConflictException|ForbiddenException|NotFoundException|ValidationFailedException|Require|LocalText|SaveOrConflictAsync|EnsureStatus|EnsureOpen|RequestParsing\.Id|TryAdd)\(")]
    private static partial Regex Call();

    [GeneratedRegex(@"(?<dollar>\$)?""(?<text>(?:[^""\\]|\\.)*)""")]
    private static partial Regex Literal();
}
