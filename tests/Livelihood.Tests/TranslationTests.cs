using System.Globalization;
using System.Text.RegularExpressions;
using Longgang.Livelihood.Contracts.V1;
using Longgang.Platform;
using Longgang.Platform.Errors;
using Longgang.Platform.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Longgang.Livelihood.Tests;

/// <summary>Chinese first (issue 16): every text the service raises has a zh-CN translation.</summary>
public sealed partial class TranslationTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>
    /// The English texts in the service's source: the literal messages of the exceptions, validations and LocalTexts,
    /// the nouns of NotFound, the kinds of ids, and the texts handed over as constants or row errors.
    /// </summary>
    public static TheoryData<string> RaisedTexts()
    {
        var texts = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(ServiceDirectory(), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }
            var source = File.ReadAllText(file);
            foreach (Match match in TextPattern().Matches(source)) texts.Add(Regex.Unescape(match.Groups["text"].Value));
            foreach (Match match in RequirePattern().Matches(source)) texts.Add(Regex.Unescape(match.Groups["text"].Value));
        }
        var data = new TheoryData<string>();
        foreach (var text in texts) data.Add(text);
        return data;
    }

    [Fact]
    public void The_scan_finds_the_services_texts() =>
        Assert.Contains("Only deputies vote on and evaluate livelihood projects.", RaisedTexts().Select(row => row.Data));

    [Theory]
    [MemberData(nameof(RaisedTexts))]
    public void Every_raised_text_has_a_Chinese_translation(string english) =>
        Assert.True(LivelihoodApi.Text.HasTranslation(english, Chinese), $"no zh-CN translation of \"{english}\"");

    /// <summary>
    /// A 409 of the service, translated as the API boundary translates a problem's detail (PlatformText in the request's
    /// culture, which Accept-Language sets): Chinese by default, English on request, the phase in its one API spelling.
    /// </summary>
    [Theory]
    [InlineData("zh-CN", "提出项目只能在 CYCLE_PHASE_SOLICITATION 阶段进行；2026 年度周期当前处于 CYCLE_PHASE_SCREENING。")]
    [InlineData("en", "Proposing a project is only possible in the CYCLE_PHASE_SOLICITATION phase; the 2026 cycle is in CYCLE_PHASE_SCREENING.")]
    public async Task A_conflict_reads_in_the_requests_language(string language, string expected)
    {
        using var database = new TestDatabase();
        var clock = new FakeTimeProvider(CycleWorld.Now);
        await using (var db = database.NewContext())
        {
            db.Cycles.Add(CycleWorld.CycleIn(Domain.CyclePhase.Screening));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        var conflict = await Assert.ThrowsAsync<ConflictException>(async () =>
        {
            await using var db = database.NewContext();
            await LivelihoodApi.Over(db, clock).ProposeProject(new ProposeProjectRequest
            {
                Year = 2026, Title = "Night buses", Category = ProjectCategory.Transport, DistrictCodes = { "district-01" },
                EstimatedCostYuan = 1_000_000, Rationale = "Shift workers.",
            }, new TestServerCallContext(CycleWorld.Citizen));
        });

        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            Assert.Equal(expected, LivelihoodApi.Text[conflict.Text]);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    private static string ServiceDirectory([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "services", "livelihood"));

    // new ConflictException("..."), new LocalText("..."), target-typed new("...") of a LocalText, NotFound's noun,
    // a validation's text after its field, RequestParsing.Id's kind of id, and texts passed on as constants or row errors
    [GeneratedRegex(""""(?:(?:Conflict|Forbidden|NotFound)Exception\(|LocalText\(|LocalText [A-Za-z]+ = new\(|LocalText [A-Za-z]+\([^)]*\) => new\(|Explanation => new\(|ValidationFailedException\("[A-Za-z.]+",|RequestParsing\.Id\([^,]+,\s*"[A-Za-z]+",|SaveRefusingDuplicatesAsync\(|ChangedMeanwhile = |RowError\(line, |\? |[a-z]" : )\s*"(?<text>(?:[^"\\]|\\.)+)"""")]
    private static partial Regex TextPattern();

    // .Require(condition, "field", "text"...): the literal after the field's
    [GeneratedRegex(""""\.Require\((?:[^"]|"[^"]*"(?!,\s*"))*?"[A-Za-z.\[\]]+",\s*"(?<text>(?:[^"\\]|\\.)+)"""")]
    private static partial Regex RequirePattern();
}
