using Google.Protobuf.WellKnownTypes;
using Longgang.Governance.Contracts.V1;
using Longgang.Governance.Data;
using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Calendar;
using Longgang.Platform.Errors;
using Longgang.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using ProtoGrant = Longgang.Governance.Contracts.V1.StatisticsGrant;

namespace Longgang.Governance.Indicators;

/// <summary>The statistics role's grants (city admins) and the city indicators its holders enter and read.</summary>
public sealed class CityIndicatorHandlers(GovernanceDbContext db, TimeProvider clock, PlatformText text)
{
    public async Task<ProtoGrant> GrantAsync(GrantStatisticsRoleRequest request, Caller caller, CancellationToken ct)
    {
        StatisticsAccess.EnsureCityAdmin(caller);
        var subject = request.Subject.Trim();
        var alreadyLive = await db.StatisticsGrants.AnyAsync(g => g.Subject == subject && g.RevokedAt == null, ct);
        var grant = StatisticsGrant.Grant(request.Subject, alreadyLive, caller, clock.GetUtcNow());
        db.StatisticsGrants.Add(grant);
        await db.SaveChangesAsync(ct);
        return ToProto(grant);
    }

    public async Task<ListStatisticsGrantsResponse> ListGrantsAsync(ListStatisticsGrantsRequest request, Caller caller, CancellationToken ct)
    {
        StatisticsAccess.EnsureCityAdmin(caller);
        new Validator().RequirePage(request.PageSize, request.PageToken, out var paging).ThrowIfInvalid();
        var grants = db.StatisticsGrants.AsNoTracking();
        if (request.HasSubject) grants = grants.Where(g => g.Subject == request.Subject.Trim());
        var page = await grants.OrderByDescending(g => g.GrantedAt).ThenBy(g => g.Id).ToPageAsync(paging, ct);
        return new ListStatisticsGrantsResponse
        {
            Grants = { page.Items.Select(ToProto) },
            NextPageToken = page.NextPageToken,
            TotalSize = page.TotalSize,
        };
    }

    public async Task<ProtoGrant> RevokeAsync(RevokeStatisticsGrantRequest request, Caller caller, CancellationToken ct)
    {
        StatisticsAccess.EnsureCityAdmin(caller);
        var id = RequestParsing.Id(request.Id, "id", "a statistics grant id");
        var grant = await db.StatisticsGrants.FirstOrDefaultAsync(g => g.Id == id, ct) ?? throw new NotFoundException("Statistics grant", request.Id);
        grant.Revoke(caller, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return ToProto(grant);
    }

    public async Task<Contracts.V1.CityIndicatorActual> RecordAsync(RecordCityIndicatorRequest request, Caller caller, CancellationToken ct)
    {
        StatisticsAccess.EnsureMayUseIndicators(caller, await HoldsGrantAsync(caller, ct));
        var indicator = CityIndicator.Find(request.IndicatorCode) ?? throw new NotFoundException("City indicator", request.IndicatorCode);
        var now = clock.GetUtcNow();
        var actual = await db.CityIndicatorActuals.FirstOrDefaultAsync(a => a.IndicatorCode == indicator.Code && a.Year == request.Year, ct);
        if (actual is null)
        {
            actual = CityIndicatorActual.Record(indicator, request.Year, request.AmountYuan, request.Source, caller, now);
            db.CityIndicatorActuals.Add(actual);
        }
        else
        {
            actual.Revise(request.AmountYuan, request.Source, caller, now);
        }
        await db.SaveChangesAsync(ct);
        return new Contracts.V1.CityIndicatorActual
        {
            IndicatorCode = actual.IndicatorCode,
            Year = actual.Year,
            AmountYuan = actual.AmountYuan,
            Source = actual.Source,
            RecordedBy = actual.RecordedBy,
            RecordedAt = Timestamp.FromDateTimeOffset(actual.RecordedAt),
            RecordedOn = ChinaDate(actual.RecordedAt),
        };
    }

    public async Task<CityIndicatorReport> GetReportAsync(GetCityIndicatorReportRequest request, Caller caller, CancellationToken ct)
    {
        StatisticsAccess.EnsureMayUseIndicators(caller, await HoldsGrantAsync(caller, ct));
        new Validator()
            .Require(request.Year is >= CityIndicatorActual.MinYear and <= CityIndicatorActual.MaxYear, "year", "must be between {0} and {1}",
                CityIndicatorActual.MinYear, CityIndicatorActual.MaxYear)
            .ThrowIfInvalid();
        return await CityIndicatorQueries.ReportAsync(db, request.Year, text, ct);
    }

    private Task<bool> HoldsGrantAsync(Caller caller, CancellationToken ct) =>
        caller.IsCityAdmin ? Task.FromResult(false) : db.StatisticsGrants.AnyAsync(g => g.Subject == caller.Subject && g.RevokedAt == null, ct);

    private static ProtoGrant ToProto(StatisticsGrant g)
    {
        var grant = new ProtoGrant
        {
            Id = g.Id.ToString(),
            Subject = g.Subject,
            GrantedBy = g.GrantedBy,
            GrantedAt = Timestamp.FromDateTimeOffset(g.GrantedAt),
            GrantedOn = ChinaDate(g.GrantedAt),
        };
        if (g.RevokedBy is not null) grant.RevokedBy = g.RevokedBy;
        if (g.RevokedAt is { } at)
        {
            grant.RevokedAt = Timestamp.FromDateTimeOffset(at);
            grant.RevokedOn = ChinaDate(at);
        }
        return grant;
    }

    private static string ChinaDate(DateTimeOffset instant) => RequestParsing.Text(WorkingDayCalendar.ChinaDateOf(instant));
}
