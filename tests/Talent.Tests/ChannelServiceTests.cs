using Longgang.Platform.Errors;
using Longgang.Talent.Contracts.V1;
using Longgang.Talent.Data;
using Microsoft.Extensions.Time.Testing;
using static Longgang.Talent.Tests.Callers;
using Domain = Longgang.Talent.Domain;

namespace Longgang.Talent.Tests;

/// <summary>Issue 18's channels through the service: the lists filter by channel and the talent report splits its figures by it.</summary>
public sealed class ChannelServiceTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly string[] TierCodes = ["A", "B", "C", "D", "E"];
    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero));

    public async ValueTask InitializeAsync()
    {
        await using var db = _database.NewContext();
        await new TierCatalogueSeeder().SeedAsync(db, Ct);
        var now = _clock.GetUtcNow();
        // two certified talents grown locally, one brought in; one brought-in application still under review
        db.Certifications.AddRange(
            Certified(Domain.TalentChannel.InternalCultivation, "citizen-1"),
            Certified(Domain.TalentChannel.InternalCultivation, "citizen-2"),
            Certified(Domain.TalentChannel.ExternalRecruitment, "citizen-3"),
            Domain.Certification.Apply(TalentFixtures.TierC, new Domain.CertificationDraft("C", "Wang Fang", "Longgang Tech", "digital", null, [],
                Channel: Domain.TalentChannel.ExternalRecruitment), Platform.Testing.Callers.Citizen("citizen-4"), now));
        db.Programmes.AddRange(
            Domain.Programme.Create(TalentFixtures.HousingDraft(budget: 300_000) with { Channel = Domain.TalentChannel.InternalCultivation }, TierCodes, TalentClerk),
            Domain.Programme.Create(TalentFixtures.HousingDraft(budget: 900_000) with { Code = "JOINT-2026", Channel = Domain.TalentChannel.JointBuilding },
                TierCodes, TalentClerk));
        db.Positions.AddRange(
            Domain.Position.Post(new Domain.PositionDraft("Lab lead", "new materials", "B", "district-01", "Longgang New Materials Ltd",
                Domain.TalentChannel.JointBuilding), TierCodes, Employer, now),
            Domain.Position.Post(new Domain.PositionDraft("Press manager", "printing", "D", "district-02", "Longgang Printing Group",
                Domain.TalentChannel.InternalCultivation), TierCodes, Employer, now.AddMinutes(1)));
        await db.SaveChangesAsync(Ct);
    }

    private Domain.Certification Certified(Domain.TalentChannel channel, string citizen)
    {
        var appliedAt = _clock.GetUtcNow().AddDays(-30);
        var certification = Domain.Certification.Apply(TalentFixtures.TierC, new Domain.CertificationDraft("C", "Li Wei", "Longgang Robotics Ltd",
            "manufacturing", "district-03", [], Channel: channel), Platform.Testing.Callers.Citizen(citizen), appliedAt);
        certification.ReviewAsEmployer(Domain.ReviewDecision.Approve, null, TalentClerk);
        certification.ReviewPreliminarily(Domain.ReviewDecision.Approve, null, TalentClerk);
        certification.ReviewFinally(Domain.ReviewDecision.Approve, null, TalentClerk, appliedAt, Platform.Calendar.WorkingDayCalendar.Official);
        certification.Certify(TalentClerk, _clock.GetUtcNow().AddDays(-1));
        return certification;
    }

    public ValueTask DisposeAsync()
    {
        _database.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<T> CallAsync<T>(Func<TalentApi, Task<T>> call)
    {
        await using var db = _database.NewContext();
        return await call(new TalentApi(db, _clock));
    }

    [Fact]
    public async Task Each_list_filters_by_channel()
    {
        var external = await CallAsync(api => api.Certifications.ListAsync(
            new ListCertificationsRequest { Channel = TalentChannel.ExternalRecruitment }, TalentClerk, Ct));
        var joint = await CallAsync(api => api.Programmes.ListAsync(new ListProgrammesRequest { Channel = TalentChannel.JointBuilding }, Ct));
        var internalPositions = await CallAsync(api => api.Positions.ListAsync(
            new ListPositionsRequest { Channel = TalentChannel.InternalCultivation }, Ct));

        Assert.Equal(2, external.TotalSize);
        Assert.All(external.Certifications, c => Assert.Equal(TalentChannel.ExternalRecruitment, c.Channel));
        Assert.Equal(["JOINT-2026"], joint.Programmes.Select(p => p.Code));
        Assert.Equal(["Press manager"], internalPositions.Positions.Select(p => p.Title));
    }

    [Fact]
    public async Task An_unknown_channel_filter_is_a_bad_request()
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => CallAsync(api => api.Programmes.ListAsync(
            new ListProgrammesRequest { Channel = (TalentChannel)9 }, Ct)));

        Assert.Equal(["channel"], error.FieldErrors.Keys);
    }

    [Fact]
    public async Task The_talent_report_splits_its_figures_by_channel_listing_every_channel()
    {
        var report = await CallAsync(api => api.Reports.GetTalentReportAsync(TalentClerk, Ct));

        Assert.Equal(
        [
            (TalentChannel.InternalCultivation, 2, 1, 300_000L, 1, 0),
            (TalentChannel.ExternalRecruitment, 1, 0, 0L, 0, 0),
            (TalentChannel.JointBuilding, 0, 1, 900_000L, 1, 0),
        ], report.ByChannel.Select(l => (l.Channel, l.Certified, l.Programmes, l.Budget, l.PositionsOpen, l.PositionsFilled)));
        Assert.Equal(report.CertifiedTotal, report.ByChannel.Sum(l => l.Certified));
        Assert.Equal([TalentChannel.InternalCultivation, TalentChannel.JointBuilding], report.Programmes.Select(p => p.Channel));
    }
}
