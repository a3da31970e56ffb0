using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Longgang.Platform;
using Longgang.Platform.Errors;
using Longgang.Platform.Localization;
using Longgang.Talent.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static Longgang.Talent.Tests.Callers;

namespace Longgang.Talent.Tests;

/// <summary>Chinese first (issue 16): every text the talent service raises or shows has a zh-CN translation, and a request gets its language.</summary>
public sealed partial class TranslationTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>
    /// The English texts in the service's sources: the message of every exception, validation rule and LocalText, the
    /// noun of every NotFoundException, the kind of id RequestParsing names, the conflict of every save, and the
    /// actions a certification names when it refuses a step. A constant is taken to be a text when it is a sentence.
    /// </summary>
    private static IEnumerable<(string File, string Text)> RaisedTexts()
    {
        var service = Path.Combine(RepositoryRoot(), "services", "talent");
        foreach (var file in Directory.EnumerateFiles(service, "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains("Migrations")
                                 && Path.GetFileName(f) != "DemoSeeder.cs")) // demo data is Chinese already; its names are checked below
        {
            var source = File.ReadAllText(file);
            foreach (var regex in new[] { MessageAfterField(), ExceptionMessage(), NotFoundNoun(), LocalTextMessage(), SaveConflict(), ConstantConflict(), StatusAction() })
            {
                foreach (Match match in regex.Matches(source))
                    yield return (Path.GetFileName(file), match.Groups["text"].Value);
            }
        }
    }

    // .Require(cond, "field", "text" ...), new ValidationFailedException("field", "text" ...), RequestParsing.Id(x, "field", "an id")
    [GeneratedRegex("""
        "[a-zA-Z]+",\s*"(?<text>[^"]+)"
        """)]
    private static partial Regex MessageAfterField();

    [GeneratedRegex("""
        new (Conflict|Forbidden)Exception\(\s*"(?<text>[^"]+)"
        """)]
    private static partial Regex ExceptionMessage();

    [GeneratedRegex("""
        new NotFoundException\(\s*"(?<text>[^"]+)"
        """)]
    private static partial Regex NotFoundNoun();

    [GeneratedRegex("""
        new LocalText\(\s*"(?<text>[^"]+)"
        """)]
    private static partial Regex LocalTextMessage();

    [GeneratedRegex("""
        SaveOrConflictAsync\(\s*"(?<text>[^"]+)"
        """)]
    private static partial Regex SaveConflict();

    [GeneratedRegex("""
        const string \w+ = "(?<text>[^"]+\.)";
        """)]
    private static partial Regex ConstantConflict();

    [GeneratedRegex("""
        EnsureStatus\(\s*"(?<text>[^"]+)"
        """)]
    private static partial Regex StatusAction();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "platform.sln"))) return dir.FullName;
        throw new InvalidOperationException("platform.sln not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void Every_text_the_service_raises_has_a_Chinese_translation()
    {
        var texts = RaisedTexts().ToList();
        // the scan itself must find what it is meant to find
        Assert.True(texts.Count > 80, $"only {texts.Count} texts found");
        Assert.Contains(texts, t => t.Text == "Cannot {0}: the certification is {1}, not {2}.");
        Assert.Contains(texts, t => t.Text == "make the final review");
        Assert.Contains(texts, t => t.Text == "Programme");

        var untranslated = texts.Where(t => !TestText.Instance.HasTranslation(t.Text, Chinese)).Select(t => $"{t.File}: {t.Text}").Distinct().ToList();

        Assert.True(untranslated.Count == 0, "no zh-CN translation for:\n" + string.Join("\n", untranslated));
    }

    [Fact]
    public void The_tier_catalogue_and_the_demo_programmes_have_Chinese_names()
    {
        var names = TierCatalogueSeeder.Tiers.SelectMany(t => new[] { t.Name, t.Criteria }).Concat(DemoSeeder.ProgrammeNames);

        Assert.All(names, name => Assert.True(TestText.Instance.HasTranslation(name, Chinese), $"no zh-CN translation for '{name}'"));
    }

    [Fact]
    public void A_conflict_names_the_states_with_their_API_spelling_in_both_languages()
    {
        var certification = Domain.Certification.Apply(TalentFixtures.TierC,
            new Domain.CertificationDraft("C", "李伟", "龙港印刷有限公司", "printing", null, ["letter"]), Applicant, DateTimeOffset.UnixEpoch);
        var conflict = Assert.Throws<ConflictException>(() => certification.Certify(TalentClerk, DateTimeOffset.UnixEpoch));

        Assert.Equal("Cannot certify: the certification is CERTIFICATION_STATUS_SUBMITTED, not CERTIFICATION_STATUS_PUBLIC_NOTICE.", conflict.Message);
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = Chinese;
        try
        {
            Assert.Equal("无法认定：该人才认定的状态为 CERTIFICATION_STATUS_SUBMITTED，而非 CERTIFICATION_STATUS_PUBLIC_NOTICE。", TestText.Instance[conflict.Text]);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>
    /// The platform's own pipeline for a 409 of this service: the request's language (UsePlatformLanguages, zh-CN unless
    /// it asks for English), then the problem body as ProblemDetailsMiddleware writes it, on a real Kestrel.
    /// </summary>
    [Theory]
    [InlineData(null, "状态冲突", "公示期至 2026-11-09，请于次日起认定。")]
    [InlineData("zh-CN,zh;q=0.9", "状态冲突", "公示期至 2026-11-09，请于次日起认定。")]
    [InlineData("en", "Conflict", "The public notice runs until 2026-11-09; certify from the day after.")]
    public async Task A_Chinese_request_gets_a_Chinese_problem_and_an_English_one_an_English_problem(string? acceptLanguage, string title, string detail)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddProblemDetails();
        builder.Services.AddPlatformText<Longgang.Platform.Localization.Resources.Messages>().AddPlatformText<Resources.Messages>();
        await using var app = builder.Build();
        app.UsePlatformLanguages();
        app.MapPost("/certify", async (HttpContext context, IProblemDetailsService problems) =>
        {
            try
            {
                NoticeUntil9November().Certify(TalentClerk, new DateTimeOffset(2026, 11, 3, 2, 0, 0, TimeSpan.Zero));
            }
            catch (ConflictException ex)
            {
                await ProblemDetailsMiddleware.WriteAsync(context, problems, new PlatformProblem(409, "Conflict", ex.Text, null));
            }
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/certify");
        if (acceptLanguage is not null) request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    /// <summary>In its public notice from Monday 2 November 2026: 5 working days, to Monday 9 November.</summary>
    private static Domain.Certification NoticeUntil9November()
    {
        var approvedAt = new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);
        var certification = Domain.Certification.Apply(TalentFixtures.TierC,
            new Domain.CertificationDraft("C", "李伟", "龙港印刷有限公司", "printing", null, ["letter"]), Applicant, approvedAt);
        certification.ReviewAsEmployer(Domain.ReviewDecision.Approve, null, TalentClerk);
        certification.ReviewPreliminarily(Domain.ReviewDecision.Approve, null, TalentClerk);
        certification.ReviewFinally(Domain.ReviewDecision.Approve, null, TalentClerk, approvedAt, Platform.Calendar.WorkingDayCalendar.Official);
        return certification;
    }
}
