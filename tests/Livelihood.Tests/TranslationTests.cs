using System.Globalization;
using Longgang.Livelihood.Contracts.V1;
using Longgang.Platform;
using Longgang.Platform.Errors;
using Longgang.Platform.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Longgang.Livelihood.Tests;

/// <summary>
/// Chinese first (issue 16): a refusal reads in the request's language. (That every text the service raises has a zh-CN
/// translation is checked for all projects at once by the architecture tests' TranslationCoverageTests.)
/// </summary>
public sealed class TranslationTests
{
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
}
