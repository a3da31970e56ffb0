using Longgang.Platform;
using Longgang.Platform.Domain;
using Longgang.Platform.Errors;

namespace Longgang.Governance.Domain;

/// <summary>The rooms of a district's service complex (片区服务综合体) (the proto's numbers).</summary>
public enum RoomKind
{
    ConvenienceHall = 1,    // 便民服务大厅
    ConsultationCentre = 2, // 网格社情会商中心
    DeliberationHall = 3,   // 协商议事厅
    MediationRoom = 4,      // 矛盾调解室
}

/// <summary>What a resident social organisation of a service complex does (the proto's numbers).</summary>
public enum OrganisationKind
{
    Health = 1,
    Education = 2,
    ElderlyCare = 3,
    DomesticServices = 4,
    Counselling = 5,
    LegalAid = 6,
    SocialAssistance = 7,
}

/// <summary>What a caller hands in to register a room (already parsed, not yet validated).</summary>
public sealed record RoomDraft(string? DistrictCode, RoomKind? Kind, string? Name, string? Location, int Capacity);

/// <summary>What a caller hands in to register a resident organisation (already parsed, not yet validated).</summary>
public sealed record OrganisationDraft(string? DistrictCode, OrganisationKind? Kind, string? Name, string? Contact);

/// <summary>
/// A room of a district's service complex. Names of seeded rooms are stored in English and translated at the boundary;
/// a name typed by a district admin is stored as typed (NFKC).
/// </summary>
public sealed class ComplexRoom
{
    public const int MaxNameLength = 100;
    public const int MaxCapacity = 1000;

    public Guid Id { get; private set; }
    public string DistrictCode { get; private set; } = "";
    public RoomKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    public string Location { get; private set; } = "";
    public int Capacity { get; private set; }
    public DateTimeOffset RegisteredAt { get; private set; }
    /// <summary>Bumped by every booking of the room: the booking transaction's update of it serialises the clash check.</summary>
    public int BookingRevision { get; private set; }

    private ComplexRoom() { }

    /// <summary>Only the deliberation hall and the mediation room are booked for sessions.</summary>
    public bool IsBookable => Kind is RoomKind.DeliberationHall or RoomKind.MediationRoom;

    public static ComplexRoom Register(RoomDraft draft, Caller caller, DateTimeOffset now)
    {
        ServiceComplexAccess.EnsureMayRegister(caller, draft.DistrictCode);
        new Validator()
            .Require(ReferenceData.IsDistrict(draft.DistrictCode), "districtCode", "no district '{0}'", draft.DistrictCode)
            .Require(draft.Kind is not null, "kind", "is required (one of {0})", string.Join(", ", Enum.GetValues<RoomKind>().Select(v => EnumNames.Wire(v))))
            .RequireText(draft.Name, "name", MaxNameLength)
            .RequireText(draft.Location, "location", MaxNameLength)
            .Require(draft.Capacity is > 0 and <= MaxCapacity, "capacity", "must be between 1 and {0}", MaxCapacity)
            .ThrowIfInvalid();
        return new ComplexRoom
        {
            Id = Guid.CreateVersion7(now),
            DistrictCode = draft.DistrictCode!,
            Kind = draft.Kind!.Value,
            Name = TextRules.Normalize(draft.Name!).Trim(),
            Location = TextRules.Normalize(draft.Location!).Trim(),
            Capacity = draft.Capacity,
            RegisteredAt = now,
        };
    }
}

/// <summary>A resident social organisation (居民社会组织) that serves from a district's service complex.</summary>
public sealed class ResidentOrganisation
{
    public const int MaxNameLength = 100;

    public Guid Id { get; private set; }
    public string DistrictCode { get; private set; } = "";
    public OrganisationKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>A telephone number or desk, as the public directory shows it.</summary>
    public string Contact { get; private set; } = "";
    public DateTimeOffset RegisteredAt { get; private set; }

    private ResidentOrganisation() { }

    public static ResidentOrganisation Register(OrganisationDraft draft, Caller caller, DateTimeOffset now)
    {
        ServiceComplexAccess.EnsureMayRegister(caller, draft.DistrictCode);
        new Validator()
            .Require(ReferenceData.IsDistrict(draft.DistrictCode), "districtCode", "no district '{0}'", draft.DistrictCode)
            .Require(draft.Kind is not null, "kind", "is required (one of {0})",
                string.Join(", ", Enum.GetValues<OrganisationKind>().Select(v => EnumNames.Wire(v))))
            .RequireText(draft.Name, "name", MaxNameLength)
            .RequireText(draft.Contact, "contact", MaxNameLength)
            .ThrowIfInvalid();
        return new ResidentOrganisation
        {
            Id = Guid.CreateVersion7(now),
            DistrictCode = draft.DistrictCode!,
            Kind = draft.Kind!.Value,
            Name = TextRules.Normalize(draft.Name!).Trim(),
            Contact = draft.Contact!.Trim(),
            RegisteredAt = now,
        };
    }
}

/// <summary>
/// Who may do what in a district's service complex and with its hotspots.
/// Register rooms and organisations, book and cancel, schedule and conclude consultations: the district admin of the
/// district, city admins. Read rooms, organisations and bookings: as the directory (GovernanceAccess.EnsureMayReadDistrict).
/// Read hotspots and a consultation's review (they count cases): the district's admin and grid workers, city admins.
/// </summary>
public static class ServiceComplexAccess
{
    /// <summary>An unknown district is checked by role only, so that validation reports it.</summary>
    public static void EnsureMayRegister(Caller caller, string? districtCode)
    {
        if (caller.IsCityAdmin || (caller.Is(PlatformRoles.DistrictAdmin) && (!ReferenceData.IsDistrict(districtCode) || caller.WorksIn(districtCode))))
            return;
        throw new ForbiddenException("Only the district admin or a city admin manages a district's service complex.");
    }

    /// <summary>Hotspots and consultation reviews count a district's cases: its staff and city admins.</summary>
    public static void EnsureMayReadCaseFigures(Caller caller, string? districtCode)
    {
        if (caller.IsCityAdmin) return;
        if (caller.Role is PlatformRoles.DistrictAdmin or PlatformRoles.GridWorker && (districtCode is null || caller.WorksIn(districtCode))) return;
        throw new ForbiddenException("Only the district's admin and grid workers or a city admin read its case figures.");
    }

    /// <summary>The district a list of case figures is confined to: district staff their own (another is 403), city admins the filter.</summary>
    public static string? CaseFiguresScope(Caller caller, string? districtFilter)
    {
        EnsureMayReadCaseFigures(caller, districtFilter);
        return caller.IsCityAdmin ? districtFilter : caller.DistrictCode;
    }
}
