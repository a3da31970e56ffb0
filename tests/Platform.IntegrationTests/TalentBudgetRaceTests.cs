using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Longgang.Talent.Data;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Platform.IntegrationTests;

/// <summary>
/// The programme budget on real PostgreSQL: the conditional UPDATE (<c>committed + amount &lt;= budget</c>) lets exactly
/// one of two concurrent claims take the last of it, and the unique open-claim index lets one person hold one live
/// claim per programme and period, so nobody is paid twice.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class TalentBudgetRaceTests(PlatformFixture platform)
{
    private const long Amount = 100_000;

    private async Task<HttpStatusCode> ClaimAsync(string citizenId, string programmeCode, Guid certificationId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/talent/v1/claims")
        {
            Content = JsonContent.Create(new
            {
                programmeCode,
                certificationId,
                residesInCity = true,
                materials = new[] { "application form", "talent certificate", "labour contract", "housing purchase contract" },
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", platform.IssueToken(PlatformRoles.Citizen, citizenId));
        using var response = await platform.Gateway.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<(long Committed, int Claims)> BudgetAsync(string programmeCode)
    {
        await using var db = TalentSeeding.NewContext(platform);
        var programme = await db.Programmes.AsNoTracking().SingleAsync(p => p.Code == programmeCode);
        return (programme.Committed, await db.Claims.CountAsync(c => c.ProgrammeCode == programmeCode));
    }

    [Fact]
    public async Task The_second_transaction_waits_for_the_first_and_then_finds_the_budget_gone()
    {
        platform.RequireDocker();
        string code;
        await using (var db = TalentSeeding.NewContext(platform))
            code = (await TalentSeeding.ProgrammeAsync(platform, db, budget: Amount, amountForD: Amount)).Code;

        await using var first = TalentSeeding.NewContext(platform);
        await using var second = TalentSeeding.NewContext(platform);
        await using var firstTransaction = await first.Database.BeginTransactionAsync();
        Assert.True(await first.TryCommitBudgetAsync(code, Amount, CancellationToken.None));

        // the first transaction holds the row: the second's UPDATE blocks until it commits, then re-checks the condition
        await using var secondTransaction = await second.Database.BeginTransactionAsync();
        var secondCommit = second.TryCommitBudgetAsync(code, Amount, CancellationToken.None);
        await Task.Delay(500);
        Assert.False(secondCommit.IsCompleted, "the second UPDATE should wait for the first transaction's row lock");
        await firstTransaction.CommitAsync();

        Assert.False(await secondCommit);
        await secondTransaction.CommitAsync();
        Assert.Equal((Amount, 0), await BudgetAsync(code));
    }

    [Fact]
    public async Task Two_people_claiming_the_last_of_the_budget_at_once_through_the_gateway_exactly_one_wins()
    {
        platform.RequireDocker();
        for (var round = 0; round < 5; round++)
        {
            string code;
            var (alice, bob) = ($"citizen-{Guid.NewGuid():N}", $"citizen-{Guid.NewGuid():N}");
            Guid aliceCertification, bobCertification;
            await using (var db = TalentSeeding.NewContext(platform))
            {
                code = (await TalentSeeding.ProgrammeAsync(platform, db, budget: Amount, amountForD: Amount)).Code;
                aliceCertification = (await TalentSeeding.CertifiedCitizenAsync(platform, db, alice)).Id;
                bobCertification = (await TalentSeeding.CertifiedCitizenAsync(platform, db, bob)).Id;
            }

            var statuses = await Task.WhenAll(ClaimAsync(alice, code, aliceCertification), ClaimAsync(bob, code, bobCertification));

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], statuses.Order());
            Assert.Equal((Amount, 1), await BudgetAsync(code));
        }
    }

    [Fact]
    public async Task One_person_claiming_twice_at_once_holds_one_claim_and_one_commitment()
    {
        platform.RequireDocker();
        for (var round = 0; round < 5; round++)
        {
            string code;
            var citizen = $"citizen-{Guid.NewGuid():N}";
            Guid certification;
            await using (var db = TalentSeeding.NewContext(platform))
            {
                code = (await TalentSeeding.ProgrammeAsync(platform, db, budget: 10 * Amount, amountForD: Amount)).Code;
                certification = (await TalentSeeding.CertifiedCitizenAsync(platform, db, citizen)).Id;
            }

            var statuses = await Task.WhenAll(ClaimAsync(citizen, code, certification), ClaimAsync(citizen, code, certification));

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], statuses.Order());
            Assert.Equal((Amount, 1), await BudgetAsync(code));
        }
    }
}
