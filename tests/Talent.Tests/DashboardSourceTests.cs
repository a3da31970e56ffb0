using System.Text.Json;
using Longgang.Talent.Contracts.Events.V1;
using Longgang.Talent.Domain;
using static Longgang.Talent.Tests.Callers;
using static Longgang.Talent.Tests.TalentFixtures;

namespace Longgang.Talent.Tests;

/// <summary>
/// What talent gives the dashboards: the certification's channel and the claims' district on their events, and a replay
/// that sends the events the live transitions published.
/// </summary>
public sealed class DashboardSourceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero); // Monday 2 November 2026, 10:00 in China

    private static List<string> Json(IEnumerable<object> events) => events.Select(e => JsonSerializer.Serialize(e, e.GetType())).ToList();

    private static IEnumerable<object> Published(Certification c) => c.TakePendingEvents().Where(e => e is CertificationApplied or TalentCertified);

    private static IEnumerable<object> Published(EntitlementClaim c) =>
        c.TakePendingEvents().Where(e => e is EntitlementApproved or EntitlementPaid or EntitlementExpired);

    [Fact]
    public void A_certification_replays_its_application_and_certification_with_the_channel()
    {
        var certification = Certified(Now);
        var live = Published(certification).ToList();

        Assert.Equal(Json(live), Json(certification.ImpliedEvents()));
        var certified = Assert.IsType<TalentCertified>(live[^1]);
        Assert.Equal(("INTERNAL_CULTIVATION", Now), (certified.Channel, certified.CertifiedAt));
    }

    [Fact]
    public void Approved_paid_and_expired_claims_carry_the_district_and_replay_as_published()
    {
        EntitlementClaim Claim()
        {
            var certification = Certified(Now.AddDays(-1));
            var claim = EntitlementClaim.Submit(Housing(), certification,
                new ClaimDraft("HOUSING-2026", certification.Id.ToString(), true, ["housing purchase contract"]), Applicant, Now);
            claim.TakePendingEvents();
            Assert.Empty(claim.ImpliedEvents());
            Assert.True(claim.Approve(Now.AddDays(1)));
            return claim;
        }

        var paid = Claim();
        var live = Published(paid).ToList();
        paid.RecordPayment(DateOnly.FromDateTime(Now.AddDays(2).UtcDateTime), "PAY-1", TalentClerk, Now.AddDays(2));
        live.AddRange(Published(paid));
        Assert.Equal(Json(live), Json(paid.ImpliedEvents()));
        Assert.Equal([typeof(EntitlementApproved), typeof(EntitlementPaid)], live.Select(e => e.GetType()));

        var expired = Claim();
        live = Published(expired).ToList();
        Assert.True(expired.Expire(Now.AddDays(40)));
        live.AddRange(Published(expired));
        Assert.Equal(Json(live), Json(expired.ImpliedEvents()));
        Assert.Equal([typeof(EntitlementApproved), typeof(EntitlementExpired)], live.Select(e => e.GetType()));

        Assert.All(live, e => Assert.Equal("district-03", e switch
        {
            EntitlementApproved a => a.DistrictCode,
            EntitlementExpired x => x.DistrictCode,
            _ => null,
        }));
        Assert.Equal("district-03", paid.PaidEvent().DistrictCode);
    }
}
