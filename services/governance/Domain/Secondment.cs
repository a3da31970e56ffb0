using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Domain;
using Longgang.Platform.Errors;
using Longgang.Platform.Security;

namespace Longgang.Governance.Domain;

/// <summary>
/// A department's staff member sent down (下沉) to serve a work module of a district, from a day to a day. While it runs
/// the person holds that module's post (<see cref="Post.OfSecondment"/>). A person serves one secondment at a time;
/// a transfer ends one and starts the next the following day, the two linked.
/// </summary>
public sealed class Secondment
{
    public Guid Id { get; private set; }
    public string PersonId { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string HomeDepartmentCode { get; private set; } = "";
    public string DistrictCode { get; private set; } = "";
    public string ModuleCode { get; private set; } = "";
    public DateOnly From { get; private set; }
    /// <summary>The last day served (inclusive); null while it runs with no end set.</summary>
    public DateOnly? Until { get; private set; }
    /// <summary>The secondment this one continues after a transfer; null for a fresh start.</summary>
    public Guid? TransferredFromId { get; private set; }
    /// <summary>The secondment this one was transferred into; null unless it ended by a transfer.</summary>
    public Guid? TransferredToId { get; private set; }

    private Secondment() { }

    public bool RunsOn(DateOnly day) => From <= day && (Until is null || Until >= day);

    public bool Overlaps(DateOnly from, DateOnly? until) => (until is null || From <= until) && (Until is null || Until >= from);

    /// <summary>
    /// Validates a start (all bad fields at once), then refuses a period overlapping another secondment of the same
    /// person (409): a person is sent down to one place at a time. <paramref name="districtKnown"/> is whether the
    /// directory has the district.
    /// </summary>
    /// <param name="fromField">The request's name for the first day (the grid-team route calls it secondedFrom).</param>
    public static Secondment Start(SecondmentDraft draft, bool districtKnown, IReadOnlyList<Secondment> personsOthers, Caller caller,
        string fromField = "from", string untilField = "until")
    {
        EnsureMayChange(caller, districtKnown ? draft.DistrictCode : null);
        new Validator()
            .RequireText(draft.PersonId, "personId", CallerExtensions.MaxSubjectLength)
            .RequireText(draft.Name, "name", Post.MaxNameLength)
            .Require(ReferenceData.IsDepartment(draft.HomeDepartmentCode), "homeDepartmentCode", "no department '{0}'", draft.HomeDepartmentCode)
            .Require(districtKnown, "districtCode", "no district '{0}'", draft.DistrictCode)
            .Require(WorkModule.All.Any(m => m.Code == draft.ModuleCode), "moduleCode", "no work module '{0}'", draft.ModuleCode)
            .Require(draft.From is not null, fromField, "is required (yyyy-MM-dd)")
            .Require(draft.From is null || draft.Until is null || draft.Until >= draft.From, untilField, "must not be before {0}", fromField)
            .ThrowIfInvalid();
        EnsureNoOverlap(personsOthers, draft.From!.Value, draft.Until);
        return new Secondment
        {
            Id = Guid.CreateVersion7(),
            PersonId = draft.PersonId!.Trim(),
            Name = TextRules.Normalize(draft.Name!).Trim(),
            HomeDepartmentCode = draft.HomeDepartmentCode!,
            DistrictCode = draft.DistrictCode!,
            ModuleCode = draft.ModuleCode!,
            From = draft.From.Value,
            Until = draft.Until,
        };
    }

    /// <summary>Sets (or moves) the last day served, and of the module post it gave; 409 once it was transferred.</summary>
    public void End(Caller caller, DateOnly? lastDay, Post post)
    {
        EnsureMayChange(caller, DistrictCode);
        new Validator()
            .Require(lastDay is not null, "lastDay", "is required (yyyy-MM-dd)")
            .Require(lastDay is null || lastDay >= From, "lastDay", "must not be before the secondment's first day ({0})", RequestParsing.Text(From))
            .ThrowIfInvalid();
        EnsureRunningOpen();
        Until = lastDay;
        post.EndOn(lastDay!.Value);
    }

    /// <summary>
    /// Moves the person to another district or module from <paramref name="on"/>: this secondment ends the day before,
    /// the next starts that day, each naming the other. The caller must be allowed to change both districts.
    /// </summary>
    public Secondment TransferTo(Caller caller, string? districtCode, bool districtKnown, string? moduleCode, DateOnly? on,
        Post post, IReadOnlyList<Secondment> personsOthers)
    {
        EnsureMayChange(caller, DistrictCode);
        EnsureMayChange(caller, districtKnown ? districtCode : null);
        new Validator()
            .Require(districtKnown, "districtCode", "no district '{0}'", districtCode)
            .Require(WorkModule.All.Any(m => m.Code == moduleCode), "moduleCode", "no work module '{0}'", moduleCode)
            .Require(districtCode != DistrictCode || moduleCode != ModuleCode, "moduleCode", "is where the secondment runs already")
            .Require(on is not null, "startsOn", "is required (yyyy-MM-dd)")
            .Require(on is null || on > From, "startsOn", "must be after the secondment's first day ({0})", RequestParsing.Text(From))
            .ThrowIfInvalid();
        EnsureRunningOpen();
        var next = new Secondment
        {
            Id = Guid.CreateVersion7(),
            PersonId = PersonId,
            Name = Name,
            HomeDepartmentCode = HomeDepartmentCode,
            DistrictCode = districtCode!,
            ModuleCode = moduleCode!,
            From = on!.Value,
            Until = Until is { } planned && planned >= on ? planned : null,
            TransferredFromId = Id,
        };
        EnsureNoOverlap(personsOthers.Where(s => s.Id != Id).ToList(), next.From, next.Until);
        Until = on.Value.AddDays(-1);
        TransferredToId = next.Id;
        post.EndOn(Until.Value);
        return next;
    }

    /// <summary>City admins anywhere; a district admin for their own district (null district: role only).</summary>
    public static void EnsureMayChange(Caller caller, string? districtCode)
    {
        if (caller.IsCityAdmin || (caller.Is(PlatformRoles.DistrictAdmin) && (districtCode is null || caller.WorksIn(districtCode)))) return;
        throw new ForbiddenException("Only a city admin or the receiving district's admin changes a secondment.");
    }

    private void EnsureRunningOpen()
    {
        if (TransferredToId is not null)
            throw new ConflictException("This secondment was transferred already; act on the one it was transferred to.");
    }

    private static void EnsureNoOverlap(IReadOnlyList<Secondment> others, DateOnly from, DateOnly? until)
    {
        if (others.FirstOrDefault(s => s.Overlaps(from, until)) is { } clash)
            throw new ConflictException("The period overlaps the person's secondment to {0} from {1}.", clash.DistrictCode, RequestParsing.Text(clash.From));
    }

}

/// <summary>What a caller hands in to start a secondment (already parsed, not yet validated).</summary>
public sealed record SecondmentDraft(string? PersonId, string? Name, string? HomeDepartmentCode, string? DistrictCode, string? ModuleCode,
    DateOnly? From, DateOnly? Until);
