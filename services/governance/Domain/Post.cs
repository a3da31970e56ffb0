using System.Linq.Expressions;
using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Domain;
using Longgang.Platform.Errors;
using Longgang.Platform.Security;

namespace Longgang.Governance.Domain;

/// <summary>The kinds of post a person holds in a district (the proto's numbers).</summary>
public enum PostKind
{
    /// <summary>A seat on a grid's all-round team (全科网格): today's grid rights on that grid.</summary>
    GridTeam = 1,
    /// <summary>A seat in one of the district's five work modules: works the cases dispatched to that module.</summary>
    Module = 2,
    /// <summary>
    /// The lead of a community or village (社区/村): the community level cases escalate to. The flat model has no
    /// township tier, so this level is a post held by district staff, not a token role of its own.
    /// </summary>
    Community = 3,
    /// <summary>The district office (一委一办): the district level cases escalate to.</summary>
    DistrictOffice = 4,
}

/// <summary>
/// A post a person holds in a district (一人多岗: one person may hold several). Access follows the posts held on the day.
/// A post is never deleted: deactivating it sets its last day, and it stays in the history.
/// </summary>
public sealed class Post
{
    public const int MaxNameLength = 100;

    public Guid Id { get; private set; }
    /// <summary>The holder's token subject.</summary>
    public string PersonId { get; private set; } = "";
    public string Name { get; private set; } = "";
    public PostKind Kind { get; private set; }
    public string DistrictCode { get; private set; } = "";
    /// <summary>The grid of a grid-team post; null otherwise.</summary>
    public string? GridCode { get; private set; }
    /// <summary>The community of a community post, or the community of a grid-team post's grid; null otherwise.</summary>
    public string? CommunityCode { get; private set; }
    /// <summary>The work module of a module post; null otherwise.</summary>
    public string? ModuleCode { get; private set; }
    /// <summary>The secondment a module post is held through; null for a post given by the district itself.</summary>
    public Guid? SecondmentId { get; private set; }
    public DateOnly HeldFrom { get; private set; }
    /// <summary>The last day it was held (inclusive); null while it runs.</summary>
    public DateOnly? HeldUntil { get; private set; }

    private Post() { }

    public bool IsActiveOn(DateOnly day) => HeldFrom <= day && (HeldUntil is null || HeldUntil >= day);

    /// <summary><see cref="IsActiveOn"/> as a query.</summary>
    public static Expression<Func<Post, bool>> ActiveOn(DateOnly day) =>
        p => p.HeldFrom <= day && (p.HeldUntil == null || p.HeldUntil >= day);

    /// <summary>
    /// Checks that the caller runs the district, then validates the draft (all bad fields at once): a grid-team post
    /// names a grid, a community post a community, a module post a district and one of its modules, an office post a
    /// district. Then that the person does not hold that post already (409). <paramref name="place"/> is where the
    /// handler found the draft's grid, community or district in the directory (null district when it found nothing).
    /// </summary>
    public static Post Add(PostDraft draft, PostPlace place, bool alreadyHeld, Caller caller)
    {
        EnsureMayChangePosts(caller, place.DistrictCode);
        var (field, code) = draft.Kind switch
        {
            PostKind.GridTeam => ("gridCode", draft.GridCode),
            PostKind.Community => ("communityCode", draft.CommunityCode),
            _ => ("districtCode", draft.DistrictCode),
        };
        new Validator()
            .Require(draft.Kind is not null, "kind", "is required (one of {0})", string.Join(", ", Enum.GetValues<PostKind>().Select(v => EnumNames.Wire(v))))
            .Require(draft.Kind is null || place.DistrictCode is not null, field, "no grid, community or district '{0}'", code)
            .Require(draft.Kind != PostKind.Module || WorkModule.All.Any(m => m.Code == draft.ModuleCode), "moduleCode", "no work module '{0}'", draft.ModuleCode)
            .RequireText(draft.PersonId, "personId", CallerExtensions.MaxSubjectLength)
            .RequireText(draft.Name, "name", MaxNameLength)
            .ThrowIfInvalid();
        if (alreadyHeld)
            throw new ConflictException("'{0}' already holds this post.", draft.PersonId);
        var kind = draft.Kind!.Value;
        return new Post
        {
            Id = Guid.CreateVersion7(),
            PersonId = draft.PersonId!.Trim(),
            Name = TextRules.Normalize(draft.Name!).Trim(), // full-width and half-width forms alike, so searches find it
            Kind = kind,
            DistrictCode = place.DistrictCode!,
            GridCode = kind == PostKind.GridTeam ? draft.GridCode : null,
            CommunityCode = place.CommunityCode,
            ModuleCode = kind == PostKind.Module ? draft.ModuleCode : null,
            HeldFrom = draft.From,
        };
    }

    /// <summary>The module post a running secondment gives, for as long as it runs.</summary>
    public static Post OfSecondment(Secondment s) => new()
    {
        Id = Guid.CreateVersion7(),
        PersonId = s.PersonId,
        Name = s.Name,
        Kind = PostKind.Module,
        DistrictCode = s.DistrictCode,
        ModuleCode = s.ModuleCode,
        SecondmentId = s.Id,
        HeldFrom = s.From,
        HeldUntil = s.Until,
    };

    /// <summary>Sets the last day the post is held; it stays in the history. A second deactivation is 409.</summary>
    public void Deactivate(Caller caller, DateOnly? lastDay)
    {
        EnsureMayChangePosts(caller, DistrictCode);
        new Validator()
            .Require(lastDay is not null, "lastDay", "is required (yyyy-MM-dd)")
            .Require(lastDay is null || lastDay >= HeldFrom.AddDays(-1), "lastDay", "must not be before the post was first held ({0})", RequestParsing.Text(HeldFrom))
            .ThrowIfInvalid();
        if (SecondmentId is not null)
            throw new ConflictException("This post is held through a secondment; end the secondment instead.");
        if (HeldUntil is not null)
            throw new ConflictException("This post was deactivated already (last day {0}).", RequestParsing.Text(HeldUntil.Value));
        HeldUntil = lastDay;
    }

    internal void EndOn(DateOnly lastDay) => HeldUntil = lastDay;

    /// <summary>
    /// The district admin of the district, or a city admin. An unknown place (null district) names no district: then
    /// only the role is checked, and validation reports the place.
    /// </summary>
    public static void EnsureMayChangePosts(Caller caller, string? districtCode)
    {
        if (caller.IsCityAdmin || (caller.Is(PlatformRoles.DistrictAdmin) && (districtCode is null || caller.WorksIn(districtCode)))) return;
        throw new ForbiddenException("Only the district admin or a city admin changes a district's posts.");
    }

}

/// <summary>What a caller hands in to give someone a post (already parsed, not yet validated).</summary>
public sealed record PostDraft(PostKind? Kind, string? DistrictCode, string? GridCode, string? CommunityCode, string? ModuleCode,
    string? PersonId, string? Name, DateOnly From);

/// <summary>Where a post's place lies, as the directory says: null district when the place is unknown.</summary>
public sealed record PostPlace(string? DistrictCode, string? CommunityCode);
