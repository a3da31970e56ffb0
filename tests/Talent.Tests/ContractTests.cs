using Longgang.Platform;
using Longgang.Talent.Contracts.V1;
using Longgang.Talent.Data;
using Microsoft.Extensions.Time.Testing;

namespace Longgang.Talent.Tests;

/// <summary>How the talent API writes a resource (issue 16): values it does not have are absent, days are China dates.</summary>
public sealed class ContractTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TestDatabase _database = new();
    // 01:30 in Shanghai on 3 November: still 2 November in UTC
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 17, 30, 0, TimeSpan.Zero));

    public async ValueTask InitializeAsync()
    {
        await using var db = _database.NewContext();
        await new TierCatalogueSeeder().SeedAsync(db, Ct);
    }

    public ValueTask DisposeAsync()
    {
        _database.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_new_application_leaves_out_what_it_does_not_have_yet_and_carries_its_China_day()
    {
        await using var db = _database.NewContext();
        var api = new TalentApi(db, _clock);

        var certification = await api.Certifications.ApplyAsync(new ApplyForCertificationRequest
        {
            TierCode = "D", ApplicantName = "李伟", Employer = "龙港印刷有限公司", Sector = "printing",
            Channel = TalentChannel.InternalCultivation,
        }, Callers.Applicant, Ct);

        Assert.Equal("2026-11-03", certification.SubmittedOn);
        Assert.False(certification.HasDistrictCode);
        Assert.False(certification.HasEmployerId);
        Assert.False(certification.HasStatusReason);
        Assert.False(certification.HasNoticeStartsOn);
        Assert.False(certification.HasNoticeEndsOn);
        Assert.False(certification.HasCertificateNumber);
        Assert.False(certification.HasCertifiedOn);
        Assert.False(certification.HasValidUntil);
        Assert.False(certification.HasCalendarBasis);
        var json = Google.Protobuf.JsonFormatter.Default.Format(certification);
        Assert.DoesNotContain("\"\"", json);
        Assert.DoesNotContain("UNSPECIFIED", json);
    }
}
