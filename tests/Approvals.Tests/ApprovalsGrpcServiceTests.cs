using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Approvals.Contracts.V1;
using Longgang.Platform;
using Longgang.Platform.Errors;
using Microsoft.EntityFrameworkCore;
using static Longgang.Approvals.Tests.Callers;

namespace Longgang.Approvals.Tests;

/// <summary>The gRPC service class on a real SQLite database: what is stored, what is published, who sees what.</summary>
public sealed class ApprovalsGrpcServiceTests : IAsyncLifetime
{
    private ApprovalsTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await ApprovalsTestHost.CreateAsync(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private Task<Application> SubmitAsync(Caller caller, string district = "district-03", Channel channel = Channel.ServiceHall) =>
        _host.CallAsync(caller, (service, context) => service.SubmitApplication(new SubmitApplicationRequest
        {
            MatterCode = "MS-002", ApplicantName = "Wang Fang", Channel = channel, DistrictCode = district,
            ApplicantId = caller.Role == PlatformRoles.Citizen ? "" : "citizen-7",
            Materials = { "application form", "identity card" },
        }, context));

    [Fact]
    public async Task A_submission_stores_the_application_and_queues_its_event_in_the_same_database()
    {
        var application = await SubmitAsync(Citizen);

        var stored = await _host.WithDbAsync(db => db.Applications.SingleAsync());
        Assert.Equal(application.Id, stored.Id.ToString());
        Assert.Empty(stored.MissingMaterials);
        var outbox = await _host.WithDbAsync(db => db.OutboxMessages.SingleAsync());
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

        Assert.Equal(0, await _host.WithDbAsync(db => db.Applications.CountAsync()));
        Assert.Equal(0, await _host.WithDbAsync(db => db.OutboxMessages.CountAsync()));
    }

    [Fact]
    public async Task The_applicant_sees_their_application_and_another_citizen_gets_forbidden()
    {
        var application = await SubmitAsync(Citizen);

        var found = await _host.CallAsync(Citizen, (s, c) => s.GetApplication(new() { Id = application.Id }, c));
        Assert.Equal("Wang Fang", found.ApplicantName);
        await Assert.ThrowsAsync<ForbiddenException>(() => _host.CallAsync(OtherCitizen, (s, c) =>
            s.GetApplication(new() { Id = application.Id }, c)));
    }

    [Fact]
    public async Task Unknown_and_malformed_ids_are_told_apart()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => _host.CallAsync(Citizen, (s, c) =>
            s.GetApplication(new() { Id = Guid.NewGuid().ToString() }, c)));
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => _host.CallAsync(Citizen, (s, c) =>
            s.GetApplication(new() { Id = "not-an-id" }, c)));
        Assert.Equal(["id"], error.FieldErrors.Keys);
    }

    [Fact]
    public async Task Listing_pages_newest_first_within_the_callers_scope()
    {
        var first = await SubmitAsync(Citizen);
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await SubmitAsync(Citizen);
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        await SubmitAsync(new Caller("gw-4", PlatformRoles.GridWorker, "district-04", null), "district-04", Channel.GridWorker);
        var districtAdmin = new Caller("da-3", PlatformRoles.DistrictAdmin, "district-03", null);

        var page1 = await _host.CallAsync(districtAdmin, (s, c) => s.ListApplications(new() { PageSize = 1 }, c));
        Assert.Equal([second.Id], page1.Applications.Select(a => a.Id));
        var page2 = await _host.CallAsync(districtAdmin, (s, c) => s.ListApplications(new() { PageSize = 1, PageToken = page1.NextPageToken }, c));
        Assert.Equal([first.Id], page2.Applications.Select(a => a.Id));
        Assert.Equal("", page2.NextPageToken);
    }

    [Fact]
    public async Task A_bad_page_request_names_its_fields()
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => _host.CallAsync(Citizen, (s, c) =>
            s.ListApplications(new() { PageSize = -1, PageToken = "garbage!" }, c)));
        Assert.Equal(["pageSize", "pageToken"], error.FieldErrors.Keys.Order());
    }
}
