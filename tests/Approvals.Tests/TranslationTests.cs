using System.Globalization;
using System.Text.Json;
using Longgang.Approvals.Contracts.V1;
using Longgang.Approvals.Data;
using Longgang.Platform.Errors;
using Longgang.Platform.Localization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static Longgang.Approvals.Tests.Callers;
using static Longgang.Approvals.Tests.Departments;

namespace Longgang.Approvals.Tests;

/// <summary>
/// Chinese first (issue 16): every name the service seeds has a zh-CN translation, and a refusal reads Chinese unless
/// the request asks for English. (Every text it raises is checked for all projects at once by the architecture tests'
/// TranslationCoverageTests.)
/// </summary>
public sealed class TranslationTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>The platform's and the service's translations, registered as the service registers them.</summary>
    private static ServiceProvider Services()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddProblemDetails();
        services.AddPlatformText<Platform.Localization.Resources.Messages>();
        services.AddPlatformText<Resources.Messages>();
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Every_seeded_matter_name_material_and_guide_text_has_a_Chinese_translation()
    {
        using var services = Services();
        var text = services.GetRequiredService<PlatformText>();
        var seeded = MatterCatalogueSeeder.Matters
            .SelectMany(m => new[] { m.Name, m.Conditions, m.Fees, m.LegalBasis, m.WhereToGo }.Concat(m.RequiredMaterials))
            .OfType<string>().Distinct().ToList();

        var untranslated = seeded.Where(t => !text.HasTranslation(t, Chinese)).ToList();
        Assert.True(untranslated.Count == 0, "no zh-CN translation for: " + string.Join(" | ", untranslated));
    }

    [Fact]
    public async Task A_conflict_reads_Chinese_by_default_and_English_when_the_request_asks_for_it()
    {
        await using var host = await ApprovalsTestHost.CreateAsync(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        var submitted = await host.CallAsync(Citizen, (s, c) => s.SubmitApplication(new SubmitApplicationRequest
        {
            MatterCode = "MS-002", ApplicantName = "王芳", Channel = Channel.Online, Materials = { "申请表", "居民身份证" },
        }, c));
        // named online: the clerk sees the originals, named here as the counter names them, in Chinese
        await host.ConfirmOriginalsAsync(Clerk(Market), submitted.Id, ["申请表", "居民身份证"]);
        await host.CallAsync(Clerk(Market), (s, c) => s.AcceptApplication(new() { Id = submitted.Id }, c));
        var conflict = await Assert.ThrowsAsync<ConflictException>(() =>
            host.CallAsync(Clerk(Market), (s, c) => s.AcceptApplication(new() { Id = submitted.Id }, c)));
        // as the error interceptor hands it to the REST layer
        var problem = new PlatformProblem(StatusCodes.Status409Conflict, "Conflict", conflict.Text, null);

        using var services = Services();
        var app = new ApplicationBuilder(services);
        app.UsePlatformLanguages();
        app.Run(context => ProblemDetailsMiddleware.WriteAsync(context, context.RequestServices.GetRequiredService<IProblemDetailsService>(), problem));
        var pipeline = app.Build();
        async Task<(string? Title, string? Detail)> ProblemFor(string? acceptLanguage)
        {
            var context = new DefaultHttpContext { RequestServices = services };
            if (acceptLanguage is not null) context.Request.Headers.AcceptLanguage = acceptLanguage;
            context.Response.Body = new MemoryStream();
            await pipeline(context);
            context.Response.Body.Position = 0;
            var body = await JsonDocument.ParseAsync(context.Response.Body);
            return (body.RootElement.GetProperty("title").GetString(), body.RootElement.GetProperty("detail").GetString());
        }

        Assert.Equal(("状态冲突", "状态为 APPLICATION_STATUS_IN_REVIEW 的申请件无法受理。"), await ProblemFor(null));
        Assert.Equal(("状态冲突", "状态为 APPLICATION_STATUS_IN_REVIEW 的申请件无法受理。"), await ProblemFor("zh-CN,zh;q=0.9"));
        Assert.Equal(("Conflict", "Cannot accept an application that is APPLICATION_STATUS_IN_REVIEW."), await ProblemFor("en"));
    }
}
