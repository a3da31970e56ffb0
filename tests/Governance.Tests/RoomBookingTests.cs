using Longgang.Governance.Domain;
using Longgang.Platform.Errors;

namespace Longgang.Governance.Tests;

/// <summary>The service complex's rooms and the rule that two live bookings of one room never overlap.</summary>
public sealed class RoomBookingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset Nine = new(2026, 12, 10, 9, 0, 0, TimeSpan.FromHours(8));

    private static ComplexRoom Room(RoomKind kind = RoomKind.DeliberationHall) =>
        ComplexRoom.Register(new RoomDraft("district-03", kind, "Deliberation hall", "2F", 40), Callers.CityAdmin(), Now);

    private static RoomBooking Book(ComplexRoom room, DateTimeOffset from, DateTimeOffset to, params RoomBooking[] existing) =>
        RoomBooking.Book(room, new BookingDraft(from, to, "residents' meeting"), existing, Callers.DistrictAdmin("district-03"), Now);

    [Theory]
    [InlineData(9, 11, 10, 12, true)]  // overlapping tail
    [InlineData(9, 11, 8, 10, true)]   // overlapping head
    [InlineData(9, 11, 9, 11, true)]   // the same range
    [InlineData(9, 12, 10, 11, true)]  // inside
    [InlineData(10, 11, 9, 12, true)]  // around
    [InlineData(9, 11, 11, 12, false)] // starts when the other ends
    [InlineData(9, 11, 7, 9, false)]   // ends when the other starts
    [InlineData(9, 10, 14, 15, false)]
    public void Ranges_clash_when_they_share_a_moment(int start, int end, int otherStart, int otherEnd, bool clash)
    {
        var room = Room();
        var first = Book(room, Nine.AddHours(start - 9), Nine.AddHours(end - 9));
        var draft = (Nine.AddHours(otherStart - 9), Nine.AddHours(otherEnd - 9));

        if (clash) Assert.Throws<ConflictException>(() => Book(room, draft.Item1, draft.Item2, first));
        else Assert.Equal(room.Id, Book(room, draft.Item1, draft.Item2, first).RoomId);
    }

    [Fact]
    public void A_cancelled_booking_frees_its_time_and_another_rooms_booking_does_not_count()
    {
        var room = Room();
        var other = Room(RoomKind.MediationRoom);
        var cancelled = Book(room, Nine, Nine.AddHours(2));
        cancelled.Cancel(Callers.CityAdmin(), false, Now);
        var elsewhere = Book(other, Nine, Nine.AddHours(2));

        Assert.False(Book(room, Nine, Nine.AddHours(2), cancelled, elsewhere).IsCancelled);
    }

    [Fact]
    public void Only_the_deliberation_hall_and_the_mediation_room_are_booked_for_a_range_in_the_future()
    {
        var error = Assert.Throws<ValidationFailedException>(() => Book(Room(RoomKind.ConvenienceHall), Now.AddHours(-1), Now.AddHours(-2)));

        Assert.Equal(["endsAt", "roomId", "startsAt"], error.FieldErrors.Keys.Order());
        Assert.Throws<ValidationFailedException>(() => Book(Room(), Nine, Nine.AddHours(13)));
    }

    [Fact]
    public void Another_districts_admin_may_not_book_or_cancel()
    {
        var room = Room();
        Assert.Throws<ForbiddenException>(() =>
            RoomBooking.Book(room, new BookingDraft(Nine, Nine.AddHours(1), "x"), [], Callers.DistrictAdmin("district-05"), Now));
        var booking = Book(room, Nine, Nine.AddHours(1));
        Assert.Throws<ForbiddenException>(() => booking.Cancel(Callers.DistrictAdmin("district-05"), false, Now));
        Assert.Throws<ConflictException>(() => booking.Cancel(Callers.CityAdmin(), inUse: true, Now));
    }

    [Fact]
    public void A_meeting_uses_a_deliberation_hall_booking_of_its_district_on_its_day()
    {
        var hall = Book(Room(), Nine, Nine.AddHours(2));
        var mediationRoom = Book(Room(RoomKind.MediationRoom), Nine, Nine.AddHours(2));
        MeetingDraft Draft(RoomBooking b, int day = 10) => new("district-03", "Meeting", new DateOnly(2026, 12, day), ["item"], b.Id);

        Assert.Equal(hall.Id, DeliberationMeeting.Schedule(Draft(hall), Callers.CityAdmin(), Now, hall).BookingId);
        Assert.Throws<ValidationFailedException>(() => DeliberationMeeting.Schedule(Draft(hall, day: 11), Callers.CityAdmin(), Now, hall));
        Assert.Throws<ValidationFailedException>(() => DeliberationMeeting.Schedule(Draft(mediationRoom), Callers.CityAdmin(), Now, mediationRoom));
        Assert.Throws<ValidationFailedException>(() => DeliberationMeeting.Schedule(Draft(hall), Callers.CityAdmin(), Now, booking: null));
        Assert.Equal(mediationRoom.Id, MediationCase.Open(new MediationDraft("district-03", ["A", "B"], "facts", "m-1", mediationRoom.Id),
            Callers.CityAdmin(), Now, mediationRoom).BookingId);
        hall.Cancel(Callers.CityAdmin(), false, Now);
        Assert.Throws<ConflictException>(() => DeliberationMeeting.Schedule(Draft(hall), Callers.CityAdmin(), Now, hall));
    }

    [Fact]
    public void Rooms_and_organisations_are_registered_by_the_district_admin_or_a_city_admin()
    {
        Assert.Throws<ForbiddenException>(() => ComplexRoom.Register(new RoomDraft("district-03", RoomKind.MediationRoom, "R", "1F", 8),
            Callers.GridWorker("district-03"), Now));
        var error = Assert.Throws<ValidationFailedException>(() => ResidentOrganisation.Register(new OrganisationDraft("district-99", null, " ", null),
            Callers.CityAdmin(), Now));
        Assert.Equal(["contact", "districtCode", "kind", "name"], error.FieldErrors.Keys.Order());
        Assert.Equal(OrganisationKind.LegalAid, ResidentOrganisation.Register(new OrganisationDraft("district-03", OrganisationKind.LegalAid,
            "Legal aid desk", "0755-1234"), Callers.DistrictAdmin("district-03"), Now).Kind);
    }
}
