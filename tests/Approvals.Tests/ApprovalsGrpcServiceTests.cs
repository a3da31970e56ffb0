using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Approvals.Contracts.V1;
using Longgang.Approvals.Data;
using Longgang.Approvals.Grpc;
using Longgang.Platform;
using Longgang.Platform.Hosting;
using Longgang.Platform.Calendar;
using Longgang.Platform.Testing;
using Longgang.Platform.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Longgang.Approvals.Tests;

/// <summary>The gRPC service class on a real SQLite database: what is stored, what is published, who sees what.</summary>
public sealed class ApprovalsGrpcServiceTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("approvals-tests-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private ServiceProvider _services = null!;

    private static readonly Caller Citizen = new("citizen-7", PlatformRoles.Citizen, null, null);

    public async ValueTask InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddDbContext<ApprovalsDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(_dir, "approvals.db")};Pooling=false"));
        services.AddHybridCache().AddSerializerFactory(new ProtobufCacheSerializerFactory());
        _services = services.BuildServiceProvider();
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalsDbContext>();
        await db.Database.EnsureCreatedAsync();
        await new MatterCatalogueSeeder().SeedAsync(db, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<T> WithServiceAsync<T>(Func<ApprovalsGrpcService, ApprovalsDbContext, Task<T>> call)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalsDbContext>();
        return await call(new ApprovalsGrpcService(db, scope.ServiceProvider.GetRequiredService<HybridCache>(), _clock,
            WorkingDayCalendar.Official, new SlaWarningQueries(db),
            new PerformanceReports(db, scope.ServiceProvider.GetRequiredService<HybridCache>())), db);
    }

    private Task<Application> SubmitAsync(Caller caller, string district = "district-03", Channel channel = Channel.ServiceHall) =>
        WithServiceAsync((service, _) => service.SubmitApplication(new SubmitApplicationRequest
        {
            MatterCode = "MS-002", ApplicantName = "Wang Fang", Channel = channel, DistrictCode = district,
            ApplicantId = caller.Role == PlatformRoles.Citizen ? "" : "citizen-7",
            Materials = { "application form", "identity card" },
        }, new TestServerCallContext(caller)));

    [Fact]
    public async Task A_submission_stores_the_application_and_queues_its_event_in_the_same_database()
    {
        var application = await SubmitAsync(Citizen);

        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalsDbContext>();
        var stored = await db.Applications.SingleAsync();
        Assert.Equal(application.Id, stored.Id.ToString());
        Assert.Empty(stored.MissingMaterials);
        var outbox = await db.OutboxMessages.SingleAsync();
        Assert.Null(outbox.SentAt);
        var queued = Assert.IsType<ApplicationSubmitted>(outbox.Deserialize(outbox.ResolveType()!));
        Assert.Equal(stored.Id, queued.ApplicationId);
        Assert.Equal("SERVICE_HALL", queued.Channel);
        Assert.Equal("district-03", queued.DistrictCode);
    }

    [Fact]
    public async Task A_refused_submission_writes_nothing()
    {
        var foreign = new Caller("gw-1", PlatformRoles.GridWorker, "district-05", null);

        await Assert.ThrowsAsync<ForbiddenException>(() => SubmitAsync(foreign, "district-03", Channel.GridWorker));

        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalsDbContext>();
        Assert.Equal(0, await db.Applications.CountAsync());
        Assert.Equal(0, await db.OutboxMessages.CountAsync());
    }

    [Fact]
    public async Task The_applicant_sees_their_application_and_another_citizen_gets_forbidden()
    {
        var application = await SubmitAsync(Citizen);

        var found = await WithServiceAsync((s, _) => s.GetApplication(new() { Id = application.Id }, new TestServerCallContext(Citizen)));
        Assert.Equal("Wang Fang", found.ApplicantName);
        await Assert.ThrowsAsync<ForbiddenException>(() => WithServiceAsync((s, _) =>
            s.GetApplication(new() { Id = application.Id }, new TestServerCallContext(new Caller("citizen-8", PlatformRoles.Citizen, null, null)))));
    }

    [Fact]
    public async Task Unknown_and_malformed_ids_are_told_apart()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => WithServiceAsync((s, _) =>
            s.GetApplication(new() { Id = Guid.NewGuid().ToString() }, new TestServerCallContext(Citizen))));
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => WithServiceAsync((s, _) =>
            s.GetApplication(new() { Id = "not-an-id" }, new TestServerCallContext(Citizen))));
        Assert.Equal(["id"], error.FieldErrors.Keys);
    }

    [Fact]
    public async Task Listing_pages_newest_first_within_the_callers_scope()
    {
        var first = await SubmitAsync(Citizen);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var second = await SubmitAsync(Citizen);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await SubmitAsync(new Caller("gw-4", PlatformRoles.GridWorker, "district-04", null), "district-04", Channel.GridWorker);

        var page1 = await WithServiceAsync((s, _) => s.ListApplications(new() { PageSize = 1 },
            new TestServerCallContext(new Caller("da-3", PlatformRoles.DistrictAdmin, "district-03", null))));
        Assert.Equal([second.Id], page1.Applications.Select(a => a.Id));
        var page2 = await WithServiceAsync((s, _) => s.ListApplications(new() { PageSize = 1, PageToken = page1.NextPageToken },
            new TestServerCallContext(new Caller("da-3", PlatformRoles.DistrictAdmin, "district-03", null))));
        Assert.Equal([first.Id], page2.Applications.Select(a => a.Id));
        Assert.Equal("", page2.NextPageToken);
    }

    [Fact]
    public async Task A_bad_page_request_names_its_fields()
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => WithServiceAsync((s, _) =>
            s.ListApplications(new() { PageSize = -1, PageToken = "garbage!" }, new TestServerCallContext(Citizen))));
        Assert.Equal(["pageSize", "pageToken"], error.FieldErrors.Keys.Order());
    }
}
