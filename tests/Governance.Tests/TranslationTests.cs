using System.Globalization;
using System.Text.Json;
using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Platform;
using Longgang.Platform.Errors;
using Longgang.Platform.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Longgang.Governance.Tests;

/// <summary>
/// Chinese first (issue 16): the names the service shows have a zh-CN translation, and callers get their language. (That
/// every text it raises has one is checked for all projects at once by the architecture tests' TranslationCoverageTests.)
/// </summary>
public sealed class TranslationTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

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
}
