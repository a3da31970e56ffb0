using Longgang.Livelihood.Contracts.Events.V1;
using Longgang.Livelihood.Contracts.V1;
using Longgang.Livelihood.Grpc;
using Longgang.Platform;
using Longgang.Platform.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Longgang.Livelihood.Tests;

public sealed class ProposalRequestsTests : IDisposable
{
    private static readonly Caller Deputy = new("deputy-1", PlatformRoles.Deputy, null, null);
    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _database.Dispose();

    private static ProposeProjectRequest ValidRequest(int year = 2026, string title = "Covered walkways to the metro") => new()
    {
        Year = year,
        Title = title,
        Category = ProjectCategory.Transport,
        DistrictCodes = { "district-02", "district-05" },
        EstimatedCostYuan = 12_000_000,
        Rationale = "Commuters walk 800 m unsheltered.",
    };

    private async Task<Project> ProposeAsync(ProposeProjectRequest request, Caller? caller = null)
    {
        await using var db = _database.NewContext();
        return await new ProposalRequests(db, _clock).ProposeAsync(request, caller ?? Deputy, Ct);
    }

    private async Task<ListProjectsResponse> ListAsync(int year, int pageSize = 0, string pageToken = "")
    {
        await using var db = _database.NewContext();
        var request = new ListProjectsRequest { Year = year, PageSize = pageSize, PageToken = pageToken };
        return await new ProjectLists(db, _clock).ListAsync(request, Deputy, Ct);
    }

    private async Task<Project> GetAsync(string id, Caller caller)
    {
        await using var db = _database.NewContext();
        return await new ProposalRequests(db, _clock).GetAsync(new GetProjectRequest { Id = id }, caller, Ct);
    }

    [Fact]
    public async Task A_proposal_is_stored_with_its_ProjectProposed_event_in_the_outbox()
    {
        var project = await ProposeAsync(ValidRequest());

        await using var db = _database.NewContext();
        var stored = await db.Projects.SingleAsync(Ct);
        Assert.Equal(project.Id, stored.Id.ToString());
        Assert.Equal(Domain.ProposerKind.Deputy, stored.ProposerKind);
        var message = await db.OutboxMessages.SingleAsync(Ct);
        Assert.Equal(typeof(ProjectProposed), message.ResolveType());
        var proposed = (ProjectProposed)message.Deserialize(typeof(ProjectProposed));
        Assert.Equal((stored.Id, 2026, "TRANSPORT", 12_000_000L), (proposed.ProjectId, proposed.Year, proposed.Category, proposed.EstimatedCostYuan));
        Assert.Equal(["district-02", "district-05"], proposed.DistrictCodes);
    }

    [Fact]
    public async Task A_refused_proposal_stores_nothing()
    {
        var request = ValidRequest();
        request.Category = (ProjectCategory)99;

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => ProposeAsync(request));
        await Assert.ThrowsAsync<ForbiddenException>(() => ProposeAsync(ValidRequest(), new Caller("grid-1", PlatformRoles.GridWorker, "district-02", null)));

        Assert.Equal(["category"], error.FieldErrors.Keys);
        await using var db = _database.NewContext();
        Assert.False(await db.Projects.AnyAsync(Ct));
        Assert.False(await db.OutboxMessages.AnyAsync(Ct));
    }

    [Fact]
    public async Task Any_caller_reads_a_proposal_by_id()
    {
        var id = (await ProposeAsync(ValidRequest())).Id;

        var project = await GetAsync(id, new Caller("grid-1", PlatformRoles.GridWorker, "district-07", null));

        Assert.Equal("Covered walkways to the metro", project.Title);
        Assert.Equal(Contracts.V1.ProposerKind.Deputy, project.ProposerKind);
    }

    [Fact]
    public async Task A_malformed_id_is_a_bad_id_field_and_an_unknown_one_is_not_found()
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => GetAsync("42", Deputy));
        Assert.Equal(["id"], error.FieldErrors.Keys);

        await Assert.ThrowsAsync<NotFoundException>(() => GetAsync(Guid.NewGuid().ToString(), Deputy));
    }

    [Fact]
    public async Task A_years_projects_are_paged_oldest_proposal_first()
    {
        foreach (var title in new[] { "first", "second", "third" })
        {
            await ProposeAsync(ValidRequest(title: title));
            _clock.Advance(TimeSpan.FromMinutes(1));
        }
        await ProposeAsync(ValidRequest(year: 2027, title: "next year"));

        var first = await ListAsync(2026, pageSize: 2);
        var second = await ListAsync(2026, pageSize: 2, first.NextPageToken);

        Assert.Equal(["first", "second"], first.Projects.Select(p => p.Title));
        Assert.Equal(["third"], second.Projects.Select(p => p.Title));
        Assert.Equal("", second.NextPageToken);
    }

    [Fact]
    public async Task A_missing_page_size_means_the_default_page()
    {
        for (var i = 0; i < PageToken.DefaultPageSize + 1; i++) await ProposeAsync(ValidRequest(title: $"project {i}"));

        var page = await ListAsync(2026);

        Assert.Equal(PageToken.DefaultPageSize, page.Projects.Count);
        Assert.NotEqual("", page.NextPageToken);
    }

    [Theory]
    [InlineData(2019, 0, "", "year")]
    [InlineData(2026, -1, "", "pageSize")]
    [InlineData(2026, 0, "not a token", "pageToken")]
    public async Task Bad_listing_parameters_are_named(int year, int pageSize, string pageToken, string field)
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => ListAsync(year, pageSize, pageToken));

        Assert.Equal([field], error.FieldErrors.Keys);
    }
}
