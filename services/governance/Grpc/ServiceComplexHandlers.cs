using Longgang.Governance.Contracts.V1;
using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Calendar;
using Longgang.Platform.Data;
using Longgang.Platform.Domain;
using Longgang.Platform.Errors;
using Longgang.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using ProtoBooking = Longgang.Governance.Contracts.V1.RoomBooking;
using ProtoOrganisation = Longgang.Governance.Contracts.V1.ResidentOrganisation;

namespace Longgang.Governance.Grpc;

/// <summary>
/// The district service complex (片区服务综合体): its rooms and resident organisations (names shown in the caller's
/// language), bookings of the deliberation hall and mediation room, and the monthly consultation.
/// </summary>
public sealed class ServiceComplexHandlers(GovernanceDbContext db, TimeProvider clock, PlatformText text, HotspotRule hotspotRule)
{
    public async Task<Room> RegisterRoomAsync(RegisterRoomRequest request, Caller caller, CancellationToken ct)
    {
        var room = ComplexRoom.Register(new RoomDraft(request.DistrictCode, ProtoEnums.ToDomain<Domain.RoomKind>(request.Kind), request.Name,
            request.Location, request.Capacity), caller, clock.GetUtcNow());
        db.Rooms.Add(room);
        await db.SaveChangesAsync(ct);
        return GovernanceMapping.ToProto(room, text.Translate);
    }

    public async Task<ListRoomsResponse> ListRoomsAsync(ListRoomsRequest request, Caller caller, CancellationToken ct)
    {
        var validator = new Validator().RequirePage(request.PageSize, request.PageToken, out var paging);
        var kind = validator.Enum<Domain.RoomKind>(request.HasKind, request.Kind, "kind");
        validator.ThrowIfInvalid();
        var district = GovernanceAccess.DirectoryListScope(caller, request.HasDistrictCode ? request.DistrictCode : null);
        var rooms = db.Rooms.AsNoTracking();
        if (district is not null) rooms = rooms.Where(r => r.DistrictCode == district);
        if (kind is not null) rooms = rooms.Where(r => r.Kind == kind);
        var page = await rooms.OrderBy(r => r.DistrictCode).ThenBy(r => r.Kind).ThenBy(r => r.Id).ToPageAsync(paging, ct);
        return new ListRoomsResponse
        {
            Rooms = { page.Items.Select(r => GovernanceMapping.ToProto(r, text.Translate)) },
            NextPageToken = page.NextPageToken,
            TotalSize = page.TotalSize,
        };
    }

    public async Task<ProtoOrganisation> RegisterOrganisationAsync(RegisterOrganisationRequest request, Caller caller, CancellationToken ct)
    {
        var organisation = Domain.ResidentOrganisation.Register(new OrganisationDraft(request.DistrictCode,
            ProtoEnums.ToDomain<Domain.OrganisationKind>(request.Kind), request.Name, request.Contact), caller, clock.GetUtcNow());
        db.ResidentOrganisations.Add(organisation);
        await db.SaveChangesAsync(ct);
        return GovernanceMapping.ToProto(organisation, text.Translate);
    }

    public async Task<ListOrganisationsResponse> ListOrganisationsAsync(ListOrganisationsRequest request, Caller caller, CancellationToken ct)
    {
        var validator = new Validator().RequirePage(request.PageSize, request.PageToken, out var paging);
        var kind = validator.Enum<Domain.OrganisationKind>(request.HasKind, request.Kind, "kind");
        validator.ThrowIfInvalid();
        var district = GovernanceAccess.DirectoryListScope(caller, request.HasDistrictCode ? request.DistrictCode : null);
        var organisations = db.ResidentOrganisations.AsNoTracking();
        if (district is not null) organisations = organisations.Where(o => o.DistrictCode == district);
        if (kind is not null) organisations = organisations.Where(o => o.Kind == kind);
        var page = await organisations.OrderBy(o => o.DistrictCode).ThenBy(o => o.Kind).ThenBy(o => o.Id).ToPageAsync(paging, ct);
        return new ListOrganisationsResponse
        {
            Organisations = { page.Items.Select(o => GovernanceMapping.ToProto(o, text.Translate)) },
            NextPageToken = page.NextPageToken,
            TotalSize = page.TotalSize,
        };
    }

    /// <summary>
    /// Serialised per room: the transaction first bumps the room's booking revision, which on PostgreSQL holds the
    /// room's row lock until commit, so a second booking of the same room waits, then sees the first in its clash
    /// check (409). SQLite has one writer at a time anyway.
    /// </summary>
    public async Task<ProtoBooking> BookRoomAsync(BookRoomRequest request, Caller caller, CancellationToken ct)
    {
        var roomId = RequestParsing.Id(request.RoomId, "roomId", "a room id");
        var room = await db.Rooms.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roomId, ct) ?? throw new NotFoundException("Room", request.RoomId);
        ServiceComplexAccess.EnsureMayRegister(caller, room.DistrictCode);
        var draft = new BookingDraft(request.StartsAt?.ToDateTimeOffset(), request.EndsAt?.ToDateTimeOffset(), request.Purpose);
        var now = clock.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Rooms.Where(r => r.Id == roomId).ExecuteUpdateAsync(s => s.SetProperty(r => r.BookingRevision, r => r.BookingRevision + 1), ct);
        var (start, end) = (draft.StartsAt ?? now, draft.EndsAt ?? now);
        var near = await db.RoomBookings.AsNoTracking()
            .Where(b => b.RoomId == roomId && b.CancelledAt == null && b.StartsAt < end && b.EndsAt > start)
            .ToListAsync(ct);
        var booking = Domain.RoomBooking.Book(room, draft, near, caller, now);
        db.RoomBookings.Add(booking);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return GovernanceMapping.ToProto(booking);
    }

    public async Task<ListBookingsResponse> ListBookingsAsync(ListBookingsRequest request, Caller caller, CancellationToken ct)
    {
        var validator = new Validator().RequirePage(request.PageSize, request.PageToken, out var paging);
        var from = validator.Date(request.HasFromDate, request.FromDate, "fromDate");
        var to = validator.Date(request.HasToDate, request.ToDate, "toDate");
        var roomValid = Guid.TryParse(request.RoomId, out var roomId);
        validator.Require(!request.HasRoomId || roomValid, "roomId", "must be {0} (a UUID)", new LocalText("a room id"))
            .Require(from is null || to is null || from <= to, "toDate", "must not be before fromDate").ThrowIfInvalid();
        var district = GovernanceAccess.DirectoryListScope(caller, request.HasDistrictCode ? request.DistrictCode : null);
        var bookings = db.RoomBookings.AsNoTracking();
        if (district is not null) bookings = bookings.Where(b => b.DistrictCode == district);
        if (request.HasRoomId) bookings = bookings.Where(b => b.RoomId == roomId);
        if (from is { } first) bookings = bookings.Where(b => b.StartsAt >= ListFilters.StartOf(first));
        if (to is { } last) bookings = bookings.Where(b => b.StartsAt < ListFilters.StartOf(last.AddDays(1)));
        if (request.HasCancelled) bookings = request.Cancelled ? bookings.Where(b => b.CancelledAt != null) : bookings.Where(b => b.CancelledAt == null);
        var page = await bookings.OrderBy(b => b.StartsAt).ThenBy(b => b.Id).ToPageAsync(paging, ct);
        return new ListBookingsResponse
        {
            Bookings = { page.Items.Select(GovernanceMapping.ToProto) },
            NextPageToken = page.NextPageToken,
            TotalSize = page.TotalSize,
        };
    }

    public async Task<ProtoBooking> CancelBookingAsync(CancelBookingRequest request, Caller caller, CancellationToken ct)
    {
        var id = RequestParsing.Id(request.Id, "id", "a booking id");
        var booking = await db.RoomBookings.FirstOrDefaultAsync(b => b.Id == id, ct) ?? throw new NotFoundException("Booking", request.Id);
        var inUse = await db.DeliberationMeetings.AnyAsync(m => m.BookingId == id, ct) || await db.Mediations.AnyAsync(m => m.BookingId == id, ct);
        booking.Cancel(caller, inUse, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return GovernanceMapping.ToProto(booking);
    }

    public async Task<Consultation> ScheduleConsultationAsync(ScheduleConsultationRequest request, Caller caller, CancellationToken ct)
    {
        ServiceComplexAccess.EnsureMayRegister(caller, request.DistrictCode); // who before parsing the date
        var consultation = ConsultationMeeting.Schedule(new ConsultationDraft(request.DistrictCode, request.Title,
            RequestParsing.Date(request.HeldOn, "heldOn")), caller, clock.GetUtcNow());
        db.Consultations.Add(consultation);
        await db.SaveOrConflictAsync(new LocalText("The district has a consultation in {0} already.", consultation.Month), ct);
        return GovernanceMapping.ToProto(consultation);
    }

    public async Task<ConsultationReport> GetConsultationReportAsync(GetConsultationReportRequest request, Caller caller, CancellationToken ct)
    {
        var consultation = await ConsultationAsync(request.Id, tracked: false, ct);
        ServiceComplexAccess.EnsureMayReadCaseFigures(caller, consultation.DistrictCode);
        var lines = consultation.Status == Domain.ConsultationStatus.Concluded ? consultation.Reviewed : await OpenCaseLinesAsync(consultation.DistrictCode, ct);
        // the hotspots of the rule's window before the meeting day (China time)
        var until = ListFilters.StartOf(consultation.HeldOn.AddDays(1));
        var since = until - hotspotRule.Window;
        var hotspots = await db.Hotspots.AsNoTracking()
            .Where(h => h.DistrictCode == consultation.DistrictCode && h.DetectedAt >= since && h.DetectedAt < until)
            .OrderByDescending(h => h.DetectedAt).ThenByDescending(h => h.Id).ToListAsync(ct);
        return new ConsultationReport
        {
            Consultation = GovernanceMapping.ToProto(consultation),
            OpenCases = lines.Sum(l => l.OpenCases),
            Lines = { lines.Select(l => new ConsultationReviewLine { GridCode = l.GridCode, Category = l.Category, OpenCases = l.OpenCases }) },
            Hotspots = { hotspots.Select(GovernanceMapping.ToProto) },
        };
    }

    public async Task<Consultation> RecordConclusionsAsync(RecordConsultationConclusionsRequest request, Caller caller, CancellationToken ct)
    {
        var consultation = await ConsultationAsync(request.Id, tracked: true, ct);
        ServiceComplexAccess.EnsureMayReadCaseFigures(caller, consultation.DistrictCode);
        consultation.Conclude(caller, request.Conclusions, await OpenCaseLinesAsync(consultation.DistrictCode, ct), clock.GetUtcNow());
        await db.SaveOrConflictAsync("The consultation's conclusions were recorded by someone else at the same moment.", ct);
        return GovernanceMapping.ToProto(consultation);
    }

    private async Task<ConsultationMeeting> ConsultationAsync(string id, bool tracked, CancellationToken ct)
    {
        var consultationId = RequestParsing.Id(id, "id", "a consultation id");
        var consultations = tracked ? db.Consultations : db.Consultations.AsNoTracking();
        return await consultations.FirstOrDefaultAsync(c => c.Id == consultationId, ct) ?? throw new NotFoundException("Consultation", id);
    }

    /// <summary>The district's open cases counted by grid and category, in the database; by grid, then category.</summary>
    private async Task<IReadOnlyList<ReviewLine>> OpenCaseLinesAsync(string districtCode, CancellationToken ct)
    {
        var counts = await db.Cases.AsNoTracking()
            .Where(c => c.DistrictCode == districtCode && !ClosedStatuses.Contains(c.Status))
            .GroupBy(c => new { c.GridCode, c.Category })
            .Select(g => new { g.Key.GridCode, g.Key.Category, Count = g.Count() })
            .ToListAsync(ct);
        return counts.OrderBy(c => c.GridCode, StringComparer.Ordinal).ThenBy(c => c.Category, StringComparer.Ordinal)
            .Select(c => new ReviewLine(c.GridCode, c.Category, c.Count)).ToList();
    }

    private static readonly Domain.CaseStatus[] ClosedStatuses =
        [Domain.CaseStatus.Voided, Domain.CaseStatus.SelfResolved, Domain.CaseStatus.Closed, Domain.CaseStatus.Evaluated];

    public async Task<ListHotspotsResponse> ListHotspotsAsync(ListHotspotsRequest request, Caller caller, CancellationToken ct)
    {
        new Validator().RequirePage(request.PageSize, request.PageToken, out var paging).ThrowIfInvalid();
        var district = ServiceComplexAccess.CaseFiguresScope(caller, request.HasDistrictCode ? request.DistrictCode : null);
        var hotspots = db.Hotspots.AsNoTracking();
        if (district is not null) hotspots = hotspots.Where(h => h.DistrictCode == district);
        if (request.HasGridCode)
        {
            // a grid of another district is outside district staff's scope: 403, as for cases
            var gridDistrict = await db.Grids.Where(g => g.Code == request.GridCode).Select(g => g.DistrictCode).FirstOrDefaultAsync(ct);
            if (gridDistrict is not null) ServiceComplexAccess.EnsureMayReadCaseFigures(caller, gridDistrict);
            hotspots = hotspots.Where(h => h.GridCode == request.GridCode);
        }

        if (request.HasCategory)
        {
            var category = TextRules.Normalize(request.Category).Trim().ToLowerInvariant();
            hotspots = hotspots.Where(h => h.Category.ToLower() == category);
        }

        var page = await hotspots.OrderByDescending(h => h.DetectedAt).ThenByDescending(h => h.Id).ToPageAsync(paging, ct);
        return new ListHotspotsResponse
        {
            Hotspots = { page.Items.Select(GovernanceMapping.ToProto) },
            NextPageToken = page.NextPageToken,
            TotalSize = page.TotalSize,
        };
    }
}
