using Longgang.Livelihood.Domain;
using Longgang.Platform;
using Longgang.Platform.Errors;

namespace Longgang.Livelihood.Tests;

public sealed class ProjectTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly Caller Citizen = new("citizen-1", PlatformRoles.Citizen, null, null);

    private static ProjectDraft ValidDraft() =>
        new(2026, " Covered walkways to the metro ", ProjectCategory.Transport, ["district-02", "district-05"], 12_000_000, "Commuters walk 800 m unsheltered.");

    [Theory]
    [InlineData(PlatformRoles.Citizen, ProposerKind.Citizen)]
    [InlineData(PlatformRoles.Deputy, ProposerKind.Deputy)]
    [InlineData(PlatformRoles.Clerk, ProposerKind.Department)]
    public void Citizens_deputies_and_clerks_propose_through_their_own_channel(string role, ProposerKind kind)
    {
        var project = Project.Propose(ValidDraft(), new Caller("someone", role, null, "dept-development-reform"), null, Now);

        Assert.Equal(kind, project.ProposerKind);
        Assert.Equal("someone", project.ProposerId);
        Assert.Equal(ProjectStatus.Proposed, project.Status);
        Assert.Equal("Covered walkways to the metro", project.Title);
        Assert.Equal(["district-02", "district-05"], project.DistrictCodes);
        Assert.Equal(Now, project.ProposedAt);
    }

    [Theory]
    [InlineData(PlatformRoles.GridWorker)]
    [InlineData(PlatformRoles.DistrictAdmin)]
    [InlineData(PlatformRoles.CityAdmin)]
    [InlineData("visitor")]
    public void Other_roles_may_not_propose(string role)
    {
        Assert.Throws<ForbiddenException>(() => Project.Propose(ValidDraft(), new Caller("someone", role, "district-02", null), null, Now));
    }

    [Fact]
    public void Every_bad_field_is_named_at_once()
    {
        var draft = new ProjectDraft(2019, "", null, [], 0, " ");

        var error = Assert.Throws<ValidationFailedException>(() => Project.Propose(draft, Citizen, null, Now));

        Assert.Equal(["category", "districtCodes", "estimatedCostYuan", "rationale", "title", "year"], error.FieldErrors.Keys.Order());
    }

    public static TheoryData<string, ProjectDraft> BadDrafts => new()
    {
        { "year", ValidDraft() with { Year = 2019 } },
        { "year", ValidDraft() with { Year = 2101 } },
        { "title", ValidDraft() with { Title = new string('t', 201) } },
        { "category", ValidDraft() with { Category = null } },
        { "districtCodes", ValidDraft() with { DistrictCodes = [] } },
        { "districtCodes", ValidDraft() with { DistrictCodes = ["district-10"] } },
        { "districtCodes", ValidDraft() with { DistrictCodes = ["district-02", "district-02"] } },
        { "districtCodes", ValidDraft() with { DistrictCodes = [.. ReferenceData.DistrictCodes, "district-01"] } },
        { "estimatedCostYuan", ValidDraft() with { EstimatedCostYuan = -1 } },
        { "estimatedCostYuan", ValidDraft() with { EstimatedCostYuan = Project.MaxEstimatedCostYuan + 1 } },
        { "rationale", ValidDraft() with { Rationale = new string('r', 4001) } },
    };

    [Theory]
    [MemberData(nameof(BadDrafts))]
    public void A_bad_field_is_named(string field, ProjectDraft draft)
    {
        var error = Assert.Throws<ValidationFailedException>(() => Project.Propose(draft, Citizen, null, Now));

        Assert.Equal([field], error.FieldErrors.Keys);
    }

    [Fact]
    public void The_limits_themselves_are_accepted()
    {
        var draft = ValidDraft() with
        {
            Year = Project.MaxYear,
            Title = new string('t', 200),
            DistrictCodes = [.. ReferenceData.DistrictCodes],
            EstimatedCostYuan = Project.MaxEstimatedCostYuan,
            Rationale = new string('r', 4000),
        };

        var project = Project.Propose(draft, Citizen, null, Now);

        Assert.Equal(ReferenceData.DistrictCount, project.DistrictCodes.Count);
        Assert.Equal(Project.MinYear, Project.Propose(ValidDraft() with { Year = Project.MinYear }, Citizen, null, Now).Year);
    }
}
