using Longgang.Governance.Contracts.V1;
using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Data;
using Longgang.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Governance.Grpc;

/// <summary>Mediations of disputes: opened, read, extended once, concluded and followed up.</summary>
public sealed class MediationHandlers(GovernanceDbContext db, TimeProvider clock)
{
    public async Task<Mediation> OpenAsync(OpenMediationRequest request, Caller caller, CancellationToken ct)
    {
        var bookingId = request.HasBookingId ? RequestParsing.Id(request.BookingId, "bookingId", "a booking id") : (Guid?)null;
        var mediation = MediationCase.Open(new MediationDraft(request.DistrictCode, request.Parties, request.Facts, request.MediatorId, bookingId),
            caller, clock.GetUtcNow(), await db.BookingAsync(bookingId, ct));
        db.Mediations.Add(mediation);
        await db.SaveOrConflictAsync("The booking is used by another meeting or mediation.", ct);
        return GovernanceMapping.ToProto(mediation);
    }

    public async Task<Mediation> GetAsync(GetMediationRequest request, Caller caller, CancellationToken ct)
    {
        var id = ParseId(request.Id);
        var mediation = await db.Mediations.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct)
            ?? throw new NotFoundException("Mediation", request.Id);
        mediation.EnsureMaySee(caller);
        return GovernanceMapping.ToProto(mediation);
    }

    public async Task<ListMediationsResponse> ListAsync(ListMediationsRequest request, Caller caller, CancellationToken ct)
    {
        var validator = new Validator().RequirePage(request.PageSize, request.PageToken, out var paging);
        var status = validator.Enum<Domain.MediationStatus>(request.HasStatus, request.Status, "status");
        var from = validator.Date(request.HasFromDate, request.FromDate, "fromDate");
        var to = validator.Date(request.HasToDate, request.ToDate, "toDate");
        validator.Require(from is null || to is null || from <= to, "toDate", "must not be before fromDate").ThrowIfInvalid();
        var district = request.HasDistrictCode ? request.DistrictCode : null;
        GovernanceAccess.EnsureMayFilterDistrict(caller, district);

        var mediations = VisibleMediations(caller);
        if (district is not null) mediations = mediations.Where(m => m.DistrictCode == district);
        if (status is not null) mediations = mediations.Where(m => m.Status == status);
        if (request.HasMediatorId) mediations = mediations.Where(m => m.MediatorId == request.MediatorId);
        if (from is { } first) mediations = mediations.Where(m => m.OpenedAt >= ListFilters.StartOf(first));
        if (to is { } last) mediations = mediations.Where(m => m.OpenedAt < ListFilters.StartOf(last.AddDays(1)));
        if (ListFilters.Query(request.HasQuery, request.Query) is { } text) mediations = mediations.Where(m => m.Facts.ToLower().Contains(text));

        var page = await mediations.OrderByDescending(m => m.OpenedAt).ThenByDescending(m => m.Id).ToPageAsync(paging, ct);
        return new ListMediationsResponse
        {
            Mediations = { page.Items.Select(GovernanceMapping.ToProto) },
            NextPageToken = page.NextPageToken,
            TotalSize = page.TotalSize,
        };
    }

    /// <summary>The mediations <see cref="MediationCase.EnsureMaySee"/> lets the caller see, as a query.</summary>
    private IQueryable<MediationCase> VisibleMediations(Caller caller)
    {
        var mediations = db.Mediations.AsNoTracking();
        var subject = caller.Subject;
        if (caller.IsCityAdmin) return mediations;
        if (caller.Is(PlatformRoles.DistrictAdmin) && caller.DistrictCode is { } district)
            return mediations.Where(m => m.DistrictCode == district || m.MediatorId == subject);
        return mediations.Where(m => m.MediatorId == subject);
    }

    public Task<Mediation> ExtendAsync(ExtendMediationRequest request, Caller caller, CancellationToken ct) =>
        ChangeAsync(request.Id, caller, (m, now) =>
            m.Extend(caller, request.BothPartiesAgree, RequestParsing.Date(request.NewDueOn, "newDueOn"), now), ct);

    public Task<Mediation> ConcludeAsync(ConcludeMediationRequest request, Caller caller, CancellationToken ct) =>
        ChangeAsync(request.Id, caller, (m, now) =>
            m.Conclude(caller, request.Agreed, RequestParsing.NullIfEmpty(request.AgreementTerms), RequestParsing.NullIfEmpty(request.Note), now), ct);

    public Task<Mediation> RecordFollowUpAsync(RecordMediationFollowUpRequest request, Caller caller, CancellationToken ct) =>
        ChangeAsync(request.Id, caller, (m, now) => m.RecordFollowUp(caller, request.Honoured, RequestParsing.NullIfEmpty(request.Note), now), ct);

    /// <summary>Load (404), check the caller may see it (403), let the domain change it (400, 409), save it with its events.</summary>
    private async Task<Mediation> ChangeAsync(string id, Caller caller, Action<MediationCase, DateTimeOffset> change, CancellationToken ct)
    {
        var mediationId = ParseId(id);
        var mediation = await db.Mediations.FirstOrDefaultAsync(m => m.Id == mediationId, ct) ?? throw new NotFoundException("Mediation", id);
        mediation.EnsureMaySee(caller);
        change(mediation, clock.GetUtcNow());
        await db.SaveOrConflictAsync("The mediation was changed by someone else at the same moment; read it again and retry.", ct);
        return GovernanceMapping.ToProto(mediation);
    }

    private static Guid ParseId(string id) => RequestParsing.Id(id, "id", "a mediation id");
}
