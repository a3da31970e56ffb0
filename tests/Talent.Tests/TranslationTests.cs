using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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

/// <summary>
/// Chinese first (issue 16): the names the talent service shows have a zh-CN translation, and a request gets its
/// language. (Every text it raises is checked for all projects at once by the architecture tests' TranslationCoverageTests.)
/// </summary>
public sealed class TranslationTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

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
