using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Longgang.Governance.Contracts.V1;
using Longgang.Governance.Grpc;
using Longgang.Platform;
using Longgang.Platform.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Longgang.Governance.Tests;

/// <summary>The service complex's routes on a real SQLite database: bookings that cannot clash, and the consultation's review.</summary>
public sealed class ServiceComplexHandlerTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 1, 30, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public ValueTask DisposeAsync()
    {
        _database.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<T> CallAsync<T>(Func<ServiceComplexHandlers, Task<T>> call)
    {
        await using var db = _database.NewContext();
        return await call(new ServiceComplexHandlers(db, _clock, TestText.Create(), new Domain.HotspotRule()));
    }

    private static readonly Caller Admin = Callers.DistrictAdmin("district-03");

    private Task<Room> HallAsync(string district = "district-03") => CallAsync(h => h.RegisterRoomAsync(new RegisterRoomRequest
    {
        DistrictCode = district, Kind = RoomKind.DeliberationHall, Name = "Deliberation hall", Location = "Service complex, second floor", Capacity = 40,
    }, Callers.CityAdmin(), Ct));

    private static Timestamp At(int day, int hour) => Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, day, hour, 0, 0, TimeSpan.FromHours(8)));

    private Task<Contracts.V1.RoomBooking> BookAsync(Room room, int day, int from, int to) => CallAsync(h => h.BookRoomAsync(new BookRoomRequest
    {
        RoomId = room.Id, StartsAt = At(day, from), EndsAt = At(day, to), Purpose = "residents' meeting",
    }, Admin, Ct));

    [Fact]
    public async Task A_booking_overlapping_a_live_one_of_the_same_room_is_a_conflict_until_that_one_is_cancelled()
    {
        var hall = await HallAsync();
        var otherHall = await HallAsync();
        var first = await BookAsync(hall, 10, 9, 11);

        await Assert.ThrowsAsync<ConflictException>(() => BookAsync(hall, 10, 10, 12));
        Assert.False((await BookAsync(hall, 10, 11, 12)).Cancelled); // starts as the first ends
        Assert.False((await BookAsync(otherHall, 10, 10, 12)).Cancelled);
        await CallAsync(h => h.CancelBookingAsync(new CancelBookingRequest { Id = first.Id }, Admin, Ct));
        Assert.False((await BookAsync(hall, 10, 10, 11)).Cancelled);

        var listed = await CallAsync(h => h.ListBookingsAsync(new ListBookingsRequest { PageSize = 10, RoomId = hall.Id, Cancelled = false }, Callers.Citizen(), Ct));
        Assert.Equal([At(10, 10), At(10, 11)], listed.Bookings.Select(b => b.StartsAt));
    }

    [Fact]
    public async Task Rooms_are_listed_with_their_names_translated_and_district_staff_see_only_their_district()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        await HallAsync();
        await HallAsync("district-05");

        var all = await CallAsync(h => h.ListRoomsAsync(new ListRoomsRequest { PageSize = 10 }, Callers.Citizen(), Ct));
        var own = await CallAsync(h => h.ListRoomsAsync(new ListRoomsRequest { PageSize = 10 }, Callers.GridWorker("district-05"), Ct));

        Assert.Equal((2, "协商议事厅"), (all.TotalSize, all.Rooms[0].Name));
        Assert.Equal("district-05", Assert.Single(own.Rooms).DistrictCode);
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            CallAsync(h => h.ListRoomsAsync(new ListRoomsRequest { PageSize = 10, DistrictCode = "district-03" }, Callers.GridWorker("district-05"), Ct)));
    }

    [Fact]
    public async Task The_consultation_reviews_the_districts_open_cases_by_grid_and_category_and_keeps_what_it_saw()
    {
        await using (var db = _database.NewContext())
        {
            var grids = await db.Grids.AsNoTracking().Where(g => g.DistrictCode == "district-03").OrderBy(g => g.Code).Take(2).ToListAsync(Ct);
            Domain.Case Report(Domain.Grid grid, string category) => Domain.Case.Report(grid,
                new Domain.CaseDraft(grid.Code, Domain.CaseSource.GridPatrol, category, "seen on patrol", []), Admin, _clock.GetUtcNow().AddDays(-1));
            var voided = Report(grids[1], "noise");
            voided.BeginVerification(new Domain.CaseActor(Admin, false), _clock.GetUtcNow());
            voided.Void(new Domain.CaseActor(Admin, false), "not a public matter", _clock.GetUtcNow());
            db.Cases.AddRange(Report(grids[0], "litter"), Report(grids[0], "litter"), Report(grids[0], "noise"), Report(grids[1], "litter"), voided);
            await db.SaveChangesAsync(Ct);
        }
        var consultation = await CallAsync(h => h.ScheduleConsultationAsync(new ScheduleConsultationRequest
        {
            DistrictCode = "district-03", Title = "December consultation", HeldOn = "2026-12-05",
        }, Admin, Ct));

        var report = await CallAsync(h => h.GetConsultationReportAsync(new GetConsultationReportRequest { Id = consultation.Id }, Callers.GridWorker("district-03"), Ct));
        Assert.Equal(4, report.OpenCases);
        Assert.Equal([("litter", 2), ("noise", 1), ("litter", 1)], report.Lines.Select(l => (l.Category, l.OpenCases)));

        await CallAsync(h => h.RecordConclusionsAsync(new RecordConsultationConclusionsRequest { Id = consultation.Id, Conclusions = { "clear the drains" } }, Admin, Ct));
        await using (var db = _database.NewContext())
        {
            await db.Cases.ExecuteDeleteAsync(Ct);
        }
        var kept = await CallAsync(h => h.GetConsultationReportAsync(new GetConsultationReportRequest { Id = consultation.Id }, Admin, Ct));
        Assert.Equal((4, ConsultationStatus.Concluded), (kept.OpenCases, kept.Consultation.Status));
        await Assert.ThrowsAsync<ConflictException>(() => CallAsync(h => h.ScheduleConsultationAsync(new ScheduleConsultationRequest
        {
            DistrictCode = "district-03", Title = "Second in December", HeldOn = "2026-12-20",
        }, Admin, Ct)));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            CallAsync(h => h.GetConsultationReportAsync(new GetConsultationReportRequest { Id = consultation.Id }, Callers.Citizen(), Ct)));
    }
}
