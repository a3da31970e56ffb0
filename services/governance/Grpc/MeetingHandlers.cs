using Longgang.Governance.Contracts.V1;
using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Calendar;
using Longgang.Platform.Data;
using Longgang.Platform.Errors;
using Microsoft.EntityFrameworkCore;
using DeliberationMeeting = Longgang.Governance.Domain.DeliberationMeeting;
using ProtoMeeting = Longgang.Governance.Contracts.V1.DeliberationMeeting;

namespace Longgang.Governance.Grpc;

/// <summary>Deliberation meetings: scheduled, read, and their outcome recorded once.</summary>
public sealed class MeetingHandlers(GovernanceDbContext db, TimeProvider clock)
{
    /// <summary>The livelihood service's project categories without their prefix: what a proposal's category must be.</summary>
    private static readonly IReadOnlySet<string> LivelihoodCategories = Longgang.Livelihood.Contracts.V1.LivelihoodReflection.Descriptor
        .FindTypeByName<Google.Protobuf.Reflection.EnumDescriptor>("ProjectCategory").Values
        .Where(v => v.Number != 0).Select(v => v.Name["PROJECT_CATEGORY_".Length..]).ToHashSet();

    public async Task<ProtoMeeting> ScheduleAsync(ScheduleMeetingRequest request, Caller caller, CancellationToken ct)
    {
        DeliberationMeeting.EnsureMayRun(caller, request.DistrictCode); // who before parsing the date
        var bookingId = request.HasBookingId ? RequestParsing.Id(request.BookingId, "bookingId", "a booking id") : (Guid?)null;
        var draft = new MeetingDraft(request.DistrictCode, request.Title, RequestParsing.Date(request.HeldOn, "heldOn"), request.Agenda, bookingId);
        var now = clock.GetUtcNow();
        var meeting = DeliberationMeeting.Schedule(draft, caller, now, await db.BookingAsync(bookingId, ct));
        db.DeliberationMeetings.Add(meeting);
        // the hotspots detected since the district's last meeting become this one's candidate items
        var pending = await db.Hotspots.Where(h => h.DistrictCode == meeting.DistrictCode && h.MeetingId == null).ToListAsync(ct);
        pending.ForEach(h => h.ProposeFor(meeting, WorkingDayCalendar.ChinaDateOf(now)));
        await db.SaveOrConflictAsync("The booking is used by another meeting or mediation.", ct);
        return GovernanceMapping.ToProto(meeting, pending.Where(h => h.MeetingId == meeting.Id));
    }

    public async Task<ProtoMeeting> GetAsync(GetMeetingRequest request, Caller caller, CancellationToken ct)
    {
        var id = ParseId(request.Id);
        var meeting = await db.DeliberationMeetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct)
            ?? throw new NotFoundException("Meeting", request.Id);
        DeliberationMeeting.EnsureMayRead(caller, meeting.DistrictCode);
        return GovernanceMapping.ToProto(meeting, await db.Hotspots.AsNoTracking().Where(h => h.MeetingId == id).ToListAsync(ct));
    }

    public async Task<ListMeetingsResponse> ListAsync(ListMeetingsRequest request, Caller caller, CancellationToken ct)
    {
        var validator = new Validator().RequirePage(request.PageSize, request.PageToken, out var paging);
        var status = validator.Enum<Domain.MeetingStatus>(request.HasStatus, request.Status, "status");
        var from = validator.Date(request.HasFromDate, request.FromDate, "fromDate");
        var to = validator.Date(request.HasToDate, request.ToDate, "toDate");
        validator.Require(from is null || to is null || from <= to, "toDate", "must not be before fromDate").ThrowIfInvalid();

        var district = GovernanceAccess.DirectoryListScope(caller, request.HasDistrictCode ? request.DistrictCode : null);
        var meetings = db.DeliberationMeetings.AsNoTracking();
        if (district is not null) meetings = meetings.Where(m => m.DistrictCode == district);
        if (status is not null) meetings = meetings.Where(m => m.Status == status);
        if (from is not null) meetings = meetings.Where(m => m.HeldOn >= from);
        if (to is not null) meetings = meetings.Where(m => m.HeldOn <= to);
        if (ListFilters.Query(request.HasQuery, request.Query) is { } text) meetings = meetings.Where(m => m.Title.ToLower().Contains(text));

        var page = await meetings.OrderByDescending(m => m.HeldOn).ThenByDescending(m => m.Id).ToPageAsync(paging, ct);
        var ids = page.Items.Select(m => (Guid?)m.Id).ToList();
        var candidates = (await db.Hotspots.AsNoTracking().Where(h => ids.Contains(h.MeetingId)).ToListAsync(ct)).ToLookup(h => h.MeetingId);
        return new ListMeetingsResponse
        {
            Meetings = { page.Items.Select(m => GovernanceMapping.ToProto(m, candidates[m.Id])) },
            NextPageToken = page.NextPageToken,
            TotalSize = page.TotalSize,
        };
    }

    public async Task<ProtoMeeting> RecordOutcomeAsync(RecordMeetingOutcomeRequest request, Caller caller, CancellationToken ct)
    {
        var id = ParseId(request.Id);
        var meeting = await db.DeliberationMeetings.FirstOrDefaultAsync(m => m.Id == id, ct) ?? throw new NotFoundException("Meeting", request.Id);
        DeliberationMeeting.EnsureMayRead(caller, meeting.DistrictCode);
        var resolutions = request.Resolutions.Select(r => new ResolutionDraft(r.Text, r.LivelihoodProposal, RequestParsing.NullIfEmpty(r.ProposalTitle),
            RequestParsing.NullIfEmpty(r.Category), RequestParsing.NullIfEmpty(r.Rationale), r.EstimatedCostYuan == 0 ? null : r.EstimatedCostYuan, r.Year)).ToList();
        meeting.RecordOutcome(caller, request.Attendees, request.Minutes, resolutions, LivelihoodCategories, clock.GetUtcNow());
        await db.SaveOrConflictAsync("The meeting's outcome was recorded by someone else at the same moment.", ct);
        return GovernanceMapping.ToProto(meeting, await db.Hotspots.AsNoTracking().Where(h => h.MeetingId == id).ToListAsync(ct));
    }

    private static Guid ParseId(string id) => RequestParsing.Id(id, "id", "a meeting id");
}
