using Longgang.Governance.Contracts.Events.V1;
using Longgang.Governance.Contracts.V1;
using Longgang.Governance.Domain;
using Longgang.Governance.Grpc;
using Longgang.Platform;
using Longgang.Platform.Testing;
using Longgang.Platform.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using CaseSource = Longgang.Governance.Contracts.V1.CaseSource;
using CaseStatus = Longgang.Governance.Contracts.V1.CaseStatus;

namespace Longgang.Governance.Tests;

/// <summary>The gRPC service class called directly, on a seeded SQLite database.</summary>
public sealed class GovernanceGrpcServiceTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 14, 1, 30, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public ValueTask DisposeAsync()
    {
        _database.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<T> CallAsync<T>(Caller caller, Func<GovernanceGrpcService, TestServerCallContext, Task<T>> call)
    {
        await using var db = _database.NewContext();
        return await call(new GovernanceGrpcService(db, _clock), new TestServerCallContext(caller));
    }

    private static ReportCaseRequest Report(string grid = "grid-03-07-2", CaseSource source = CaseSource.GridPatrol) => new()
    {
        GridCode = grid,
        Source = source,
        Category = "blocked drain",
        Description = "Water stands in the lane behind building 12.",
        PhotoRefs = { "photos/a.jpg" },
    };

    [Fact]
    public async Task Reporting_stores_the_case_and_queues_CaseReported_in_the_same_save()
    {
        var reported = await CallAsync(Callers.GridWorker("district-03", "gw-7"), (s, c) => s.ReportCase(Report(), c));

        Assert.Equal("district-03", reported.DistrictCode);
        Assert.Equal("community-03-07", reported.CommunityCode);
        Assert.Equal(CaseStatus.Reported, reported.Status);
        Assert.Equal("gw-7", reported.ReporterId);
        Assert.Equal(_clock.GetUtcNow(), reported.ReportedAt.ToDateTimeOffset());

        await using var db = _database.NewContext();
        Assert.True(await db.Cases.AnyAsync(c => c.Id == Guid.Parse(reported.Id), Ct));
        var outbox = Assert.Single(await db.OutboxMessages.ToListAsync(Ct));
        var published = Assert.IsType<CaseReported>(outbox.Deserialize(outbox.ResolveType()!));
        Assert.Equal(new CaseReported(Guid.Parse(reported.Id), "district-03", "grid-03-07-2", "blocked drain", "GRID_PATROL", _clock.GetUtcNow()), published);
    }

    [Fact]
    public async Task An_unspecified_source_and_an_unknown_grid_are_validation_errors_and_nothing_is_stored()
    {
        var request = Report(grid: "grid-99-01-1", source: CaseSource.Unspecified);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            CallAsync(Callers.CityAdmin(), (s, c) => s.ReportCase(request, c)));

        Assert.Equal(["gridCode", "source"], error.FieldErrors.Keys.Order());
        await using var db = _database.NewContext();
        Assert.False(await db.Cases.AnyAsync(Ct));
        Assert.False(await db.OutboxMessages.AnyAsync(Ct));
    }

    [Fact]
    public async Task A_grid_worker_may_not_report_in_a_foreign_district()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            CallAsync(Callers.GridWorker("district-05"), (s, c) => s.ReportCase(Report(), c)));
    }

    [Fact]
    public async Task The_reporter_sees_their_case_and_another_citizen_does_not()
    {
        var reported = await CallAsync(Callers.Citizen("c-1"), (s, c) => s.ReportCase(Report(source: CaseSource.Citizen), c));
        var request = new GetCaseRequest { Id = reported.Id };

        var seen = await CallAsync(Callers.Citizen("c-1"), (s, c) => s.GetCase(request, c));
        Assert.Equal(reported, seen);
        await Assert.ThrowsAsync<ForbiddenException>(() => CallAsync(Callers.Citizen("c-2"), (s, c) => s.GetCase(request, c)));
    }

    [Fact]
    public async Task A_case_id_that_is_not_a_uuid_is_a_validation_error_on_id_and_an_unknown_one_is_not_found()
    {
        var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            CallAsync(Callers.CityAdmin(), (s, c) => s.GetCase(new GetCaseRequest { Id = "case-1" }, c)));
        Assert.Equal("id", Assert.Single(invalid.FieldErrors).Key);

        await Assert.ThrowsAsync<NotFoundException>(() =>
            CallAsync(Callers.CityAdmin(), (s, c) => s.GetCase(new GetCaseRequest { Id = Guid.NewGuid().ToString() }, c)));
    }

    [Fact]
    public async Task A_district_lists_its_five_modules_its_communities_and_their_grids()
    {
        var district = await CallAsync(Callers.Citizen(), (s, c) => s.GetDistrict(new GetDistrictRequest { Code = "district-03" }, c));

        Assert.Equal("Longgang District 3", district.Name);
        Assert.Equal(Domain.WorkModule.All.Select(m => m.Code), district.Modules.Select(m => m.Code));
        Assert.NotEmpty(district.Communities);
        Assert.All(district.Communities, community =>
        {
            Assert.StartsWith("community-03-", community.Code);
            Assert.InRange(community.Grids.Count, 2, 3);
        });
        Assert.Equal(0, district.ServiceHallSubmissions);
    }

    [Fact]
    public async Task A_district_counts_only_its_own_service_hall_submissions()
    {
        await using (var db = _database.NewContext())
        {
            db.ServiceHallSubmissions.AddRange(
                new ServiceHallSubmission { ApplicationId = Guid.NewGuid(), DistrictCode = "district-03", SubmittedAt = _clock.GetUtcNow() },
                new ServiceHallSubmission { ApplicationId = Guid.NewGuid(), DistrictCode = "district-03", SubmittedAt = _clock.GetUtcNow() },
                new ServiceHallSubmission { ApplicationId = Guid.NewGuid(), DistrictCode = "district-04", SubmittedAt = _clock.GetUtcNow() });
            await db.SaveChangesAsync(Ct);
        }

        var district = await CallAsync(Callers.DistrictAdmin("district-03"), (s, c) => s.GetDistrict(new GetDistrictRequest { Code = "district-03" }, c));

        Assert.Equal(2, district.ServiceHallSubmissions);
    }

    [Fact]
    public async Task An_unknown_district_is_not_found_and_a_foreign_one_is_forbidden_to_its_staff()
    {
        await Assert.ThrowsAsync<NotFoundException>(() =>
            CallAsync(Callers.CityAdmin(), (s, c) => s.GetDistrict(new GetDistrictRequest { Code = "district-99" }, c)));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            CallAsync(Callers.GridWorker("district-05"), (s, c) => s.GetDistrict(new GetDistrictRequest { Code = "district-03" }, c)));
    }
}
