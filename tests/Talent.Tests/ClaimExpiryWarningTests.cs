using Longgang.Platform.Calendar;
using Longgang.Talent.Contracts.Events.V1;
using Longgang.Talent.Domain;
using Longgang.Talent.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static Longgang.Talent.Tests.Callers;

namespace Longgang.Talent.Tests;

/// <summary>
/// The expiry job's warning pass on a fake clock over SQLite: an approved, unpaid claim is warned once, when its
/// valid-until comes within Talent:ClaimExpiryNoticeDays, however often the pass runs; other claims are not.
/// </summary>
public sealed class ClaimExpiryWarningTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Approved = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero); // Monday 2 November 2026, 10:00 in China
    private static readonly ClaimDraft Draft = new("HOUSING-2026", null, ResidesInCity: true, ["housing purchase contract"]);

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(Approved);

    public void Dispose() => _database.Dispose();

    /// <summary>An approved claim (valid 30 days from its approval) of <paramref name="applicant"/>, stored; paid when asked.</summary>
    private async Task<EntitlementClaim> ApprovedClaimAsync(Longgang.Platform.Caller applicant, DateTimeOffset approvedAt, bool paid = false)
    {
        var certification = TalentFixtures.Certified(approvedAt.AddDays(-1), applicant);
        var claim = EntitlementClaim.Submit(TalentFixtures.Housing(), certification, Draft with { CertificationId = certification.Id.ToString() },
            applicant, approvedAt);
        claim.Approve(approvedAt);
        if (paid) claim.RecordPayment(WorkingDayCalendar.ChinaDateOf(approvedAt), "PAY-1", TalentClerk, approvedAt);
        await using var db = _database.NewContext();
        db.Certifications.Add(certification);
        db.Claims.Add(claim);
        await db.SaveChangesAsync(Ct);
        return claim;
    }

    private async Task<int> PassAsync(int? noticeDays = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [EntitlementExpiryWarningPass.NoticeDaysKey] = noticeDays?.ToString(),
        }).Build();
        await using var db = _database.NewContext();
        return await new EntitlementExpiryWarningPass(db, _clock, configuration, NullLogger<EntitlementExpiryWarningPass>.Instance).RunOnceAsync(Ct);
    }

    private async Task<List<EntitlementExpiring>> WarningsAsync()
    {
        await using var db = _database.NewContext();
        var messages = await db.OutboxMessages.ToListAsync(Ct);
        return messages.Where(m => m.ResolveType() == typeof(EntitlementExpiring)).Select(m => (EntitlementExpiring)m.Deserialize(typeof(EntitlementExpiring))).ToList();
    }

    private void SetChinaTime(int month, int day, int hour) =>
        _clock.SetUtcNow(new DateTimeOffset(2026, month, day, hour, 0, 0, WorkingDayCalendar.ChinaStandardTimeOffset));

    [Fact]
    public async Task An_approved_unpaid_claim_is_warned_once_within_the_notice_days_however_often_the_pass_runs()
    {
        var expiring = await ApprovedClaimAsync(Applicant, Approved); // valid until 2 December
        await ApprovedClaimAsync(OtherCitizen, Approved.AddDays(10)); // valid until 12 December
        await ApprovedClaimAsync(Longgang.Platform.Testing.Callers.Citizen("citizen-3"), Approved, paid: true);

        SetChinaTime(11, 17, 23); // 15 days before its valid-until
        Assert.Equal(0, await PassAsync());
        SetChinaTime(11, 18, 1); // 14 days before
        Assert.Equal(0, await PassAsync(noticeDays: 7));
        Assert.Equal(1, await PassAsync());
        Assert.Equal(0, await PassAsync());
        SetChinaTime(11, 25, 9);
        Assert.Equal(0, await PassAsync(noticeDays: 7));

        var warning = Assert.Single(await WarningsAsync());
        Assert.Equal((expiring.Id, Applicant.Subject, new DateOnly(2026, 12, 2), 100_000L),
            (warning.ClaimId, warning.ApplicantId, warning.ValidUntil, warning.Amount));
        await using var db = _database.NewContext();
        Assert.NotNull((await db.Claims.SingleAsync(c => c.Id == expiring.Id, Ct)).ExpiryWarnedAt);
    }

    [Fact]
    public void A_claim_past_its_valid_until_or_no_longer_approved_is_not_warned()
    {
        var certification = TalentFixtures.Certified(Approved.AddDays(-1));
        var claim = EntitlementClaim.Submit(TalentFixtures.Housing(), certification, Draft with { CertificationId = certification.Id.ToString() },
            Applicant, Approved);
        Assert.False(claim.WarnOfExpiry(Approved.AddDays(20), 14)); // not yet approved
        claim.Approve(Approved);
        claim.TakePendingEvents();

        Assert.False(claim.WarnOfExpiry(Approved.AddDays(31), 14)); // 3 December: past its valid-until, the expiry pass's
        Assert.True(claim.WarnOfExpiry(Approved.AddDays(30), 14));
        Assert.False(claim.WarnOfExpiry(Approved.AddDays(30), 14));
        Assert.IsType<EntitlementExpiring>(Assert.Single(claim.PendingEvents));
    }
}
