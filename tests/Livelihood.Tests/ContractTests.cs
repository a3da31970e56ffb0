using Longgang.Livelihood.Contracts.V1;
using Longgang.Livelihood.Grpc;
using Longgang.Platform;
using Longgang.Platform.Errors;
using Longgang.Platform.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Longgang.Livelihood.Tests;

/// <summary>The API contract (issue 16): unset values left out, China dates beside instants, one enum spelling.</summary>
public sealed class ContractTests : IDisposable
{
    private static readonly Caller Citizen = new("citizen-1", PlatformRoles.Citizen, null, null);
    private static readonly Caller Deputy = new("deputy-1", PlatformRoles.Deputy, null, null);

    private readonly TestDatabase _database = new();
    // 17:30 UTC is already the next day in China
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 4, 17, 30, 0, TimeSpan.Zero));

    public void Dispose() => _database.Dispose();

    private async Task<T> Call<T>(Caller caller, Func<LivelihoodGrpcService, TestServerCallContext, Task<T>> call)
    {
        await using var db = _database.NewContext();
        return await call(LivelihoodApi.Over(db, _clock), new TestServerCallContext(caller));
    }

    [Fact]
    public async Task A_new_proposal_leaves_out_what_it_does_not_have_yet_and_carries_its_China_date()
    {
        var proposed = await Call(Citizen, (s, c) => s.ProposeProject(new ProposeProjectRequest
        {
            Year = 2026, Title = "Night buses", Category = ProjectCategory.Transport, DistrictCodes = { "district-01" },
            EstimatedCostYuan = 1_000_000, Rationale = "Shift workers.",
        }, c));

        var seenByDeputy = await Call(Deputy, (s, c) => s.GetProject(new GetProjectRequest { Id = proposed.Id }, c));

        Assert.Equal("2026-01-05", proposed.ProposedOn);
        Assert.True(proposed.HasProposerId);
        Assert.False(seenByDeputy.HasProposerId);
        Assert.False(seenByDeputy.HasCandidateNumber);
        Assert.False(seenByDeputy.HasOwningDepartmentCode);
        Assert.False(seenByDeputy.HasCompletionDate);
        Assert.False(seenByDeputy.HasCompletedOn);
    }

    [Fact]
    public async Task Category_envelopes_are_keyed_by_the_categorys_one_spelling()
    {
        var office = CycleWorld.Office;
        var opened = await Call(office, (s, c) => s.OpenCycle(new OpenCycleRequest
        {
            Year = 2026, BallotKind = BallotKind.Approval, Slots = 2,
            CategoryEnvelopes = { new Envelope { Key = "PROJECT_CATEGORY_TRANSPORT", LimitYuan = 5_000_000 } },
        }, c));
        var bareName = await Assert.ThrowsAsync<ValidationFailedException>(() => Call(office, (s, c) => s.OpenCycle(new OpenCycleRequest
        {
            Year = 2027, BallotKind = BallotKind.Approval, Slots = 2,
            CategoryEnvelopes = { new Envelope { Key = "TRANSPORT", LimitYuan = 5_000_000 } },
        }, c)));

        Assert.Equal("PROJECT_CATEGORY_TRANSPORT", Assert.Single(opened.CategoryEnvelopes).Key);
        Assert.Equal("2026-01-05", Assert.Single(opened.PhaseHistory).StartedOn);
        Assert.Equal(["categoryEnvelopes"], bareName.FieldErrors.Keys);
    }
}
