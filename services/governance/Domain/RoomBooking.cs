using Longgang.Platform;
using Longgang.Platform.Errors;

namespace Longgang.Governance.Domain;

/// <summary>What a caller hands in to book a room (already parsed, not yet validated).</summary>
public sealed record BookingDraft(DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Purpose);

/// <summary>
/// A time range [StartsAt, EndsAt) for which a deliberation hall or mediation room is taken. Two live bookings of one
/// room never overlap (touching ends do not overlap); a cancelled booking frees its time. A deliberation meeting or
/// a mediation names the booking it uses.
/// </summary>
public sealed class RoomBooking
{
    public const int MaxPurposeLength = 200;
    /// <summary>A session longer than a day is a typing error.</summary>
    public static readonly TimeSpan MaxLength = TimeSpan.FromHours(12);

    public Guid Id { get; private set; }
    public Guid RoomId { get; private set; }
    public string DistrictCode { get; private set; } = "";
    public RoomKind RoomKind { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public string Purpose { get; private set; } = "";
    public string BookedBy { get; private set; } = "";
    public DateTimeOffset BookedAt { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }

    private RoomBooking() { }

    public bool IsCancelled => CancelledAt is not null;

    /// <summary>Half-open ranges: one session may start when the other ends.</summary>
    public static bool Overlap(DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset otherStartsAt, DateTimeOffset otherEndsAt) =>
        startsAt < otherEndsAt && otherStartsAt < endsAt;

    /// <summary>
    /// Checks the caller runs the room's district, validates the range, then refuses a clash with any of
    /// <paramref name="liveBookings"/> (the room's bookings not cancelled) with a 409.
    /// </summary>
    public static RoomBooking Book(ComplexRoom room, BookingDraft draft, IEnumerable<RoomBooking> liveBookings, Caller caller, DateTimeOffset now)
    {
        ServiceComplexAccess.EnsureMayRegister(caller, room.DistrictCode);
        var (start, end) = (draft.StartsAt, draft.EndsAt);
        new Validator()
            .Require(room.IsBookable, "roomId", "only a {0} or a {1} is booked", RoomKind.DeliberationHall, RoomKind.MediationRoom)
            .Require(start is not null, "startsAt", "is required (an instant with its offset)")
            .Require(end is not null, "endsAt", "is required (an instant with its offset)")
            .Require(start is null || start > now, "startsAt", "must be in the future")
            .Require(start is null || end is null || (end > start && end - start <= MaxLength), "endsAt",
                "must be after startsAt and at most {0} hours later", (int)MaxLength.TotalHours)
            .RequireText(draft.Purpose, "purpose", MaxPurposeLength)
            .ThrowIfInvalid();
        if (liveBookings.FirstOrDefault(b => b.RoomId == room.Id && !b.IsCancelled && Overlap(start!.Value, end!.Value, b.StartsAt, b.EndsAt)) is { } clash)
            throw new ConflictException("The room is already booked from {0} to {1}.", clash.StartsAt, clash.EndsAt);
        return new RoomBooking
        {
            Id = Guid.CreateVersion7(now),
            RoomId = room.Id,
            DistrictCode = room.DistrictCode,
            RoomKind = room.Kind,
            StartsAt = start!.Value.ToUniversalTime(),
            EndsAt = end!.Value.ToUniversalTime(),
            Purpose = draft.Purpose!.Trim(),
            BookedBy = caller.Subject,
            BookedAt = now,
        };
    }

    /// <summary>Frees the time; a booking a meeting or mediation uses stays (409), as does one already over.</summary>
    public void Cancel(Caller caller, bool inUse, DateTimeOffset now)
    {
        ServiceComplexAccess.EnsureMayRegister(caller, DistrictCode);
        if (IsCancelled) throw new ConflictException("The booking is cancelled already.");
        if (inUse) throw new ConflictException("A meeting or mediation uses this booking.");
        if (EndsAt <= now) throw new ConflictException("The booking is over.");
        CancelledAt = now;
    }

    /// <summary>For a meeting (a deliberation hall) or a mediation (a mediation room) of <paramref name="districtCode"/>: a 400 on bookingId otherwise.</summary>
    public void EnsureUsableFor(RoomKind kind, string? districtCode)
    {
        new Validator()
            .Require(RoomKind == kind, "bookingId", "must book a {0}", kind)
            .Require(DistrictCode == districtCode, "bookingId", "must book a room of {0}", districtCode)
            .ThrowIfInvalid();
        if (IsCancelled) throw new ConflictException("The booking is cancelled.");
    }
}
