using Grpc.Core;
using Longgang.Governance.Contracts.V1;
using Longgang.Governance.Data;
using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Calendar;
using Longgang.Platform.Errors;
using Longgang.Platform.Events.V1;
using Longgang.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using DomainYear = Longgang.Platform.Calendar.CalendarYear;
using ProtoYear = Longgang.Governance.Contracts.V1.CalendarYear;

namespace Longgang.Governance.Grpc;

/// <summary>
/// Reading a year of the working-day calendar, and publishing an official one. A publication is an event to every
/// service (governance included, through its own consumer), written with nothing else: each service then stores the
/// year and re-projects its clocks in its own transaction.
/// </summary>
public sealed class CalendarGrpcService(GovernanceDbContext db, TimeProvider clock, WorkingDayCalendar calendar)
    : CalendarService.CalendarServiceBase
{
    [AllowAnonymous]
    public override Task<ProtoYear> GetCalendarYear(GetCalendarYearRequest request, ServerCallContext context)
    {
        if (request.Year is < WorkingDayCalendar.MinYear or > WorkingDayCalendar.MaxYear)
            throw new ValidationFailedException("year", "must be between {0} and {1}", WorkingDayCalendar.MinYear, WorkingDayCalendar.MaxYear);
        return Task.FromResult(ToProto(calendar.Year(request.Year)));
    }

    public override async Task<ProtoYear> PublishCalendarYear(PublishCalendarYearRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        if (!caller.IsCityAdmin) throw new ForbiddenException("Only city administrators may publish a calendar year.");
        var year = Parse(request);
        db.AddIntegrationEvent(new CalendarYearPublished(year.Year, year.ToJson(), caller.Subject, clock.GetUtcNow()));
        await db.SaveChangesAsync(context.CancellationToken);
        return ToProto(year);
    }

    private static DomainYear Parse(PublishCalendarYearRequest request)
    {
        var errors = new Dictionary<string, LocalText>();
        var holidays = request.Holidays.Select((h, i) => new HolidayBlock(h.Name,
            ParseDate(h.First, $"holidays[{i}].first", errors), ParseDate(h.Last, $"holidays[{i}].last", errors))).ToList();
        var makeUps = request.MakeUpWorkdays.Select((m, i) => new MakeUpWorkday(
            ParseDate(m.Date, $"makeUpWorkdays[{i}].date", errors), m.For)).ToList();
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        try
        {
            return DomainYear.Official(request.Year, request.Source, holidays, makeUps);
        }
        catch (CalendarYearInvalidException ex)
        {
            throw new ValidationFailedException(ex.Field, ex.Message);
        }
    }

    private static DateOnly ParseDate(string value, string field, Dictionary<string, LocalText> errors)
    {
        if (RequestParsing.TryDate(value, out var date)) return date;
        errors.TryAdd(field, string.IsNullOrEmpty(value) ? "is required" : "must be a date, YYYY-MM-DD");
        return default;
    }

    private static ProtoYear ToProto(DomainYear year)
    {
        var proto = new ProtoYear
        {
            Year = year.Year,
            Basis = GovernanceMapping.ToProto(year.Basis),
        };
        if (!string.IsNullOrEmpty(year.Source)) proto.Source = year.Source;
        foreach (var h in year.Holidays)
        {
            proto.Holidays.Add(new CalendarHoliday { Name = h.Name, First = RequestParsing.Text(h.First), Last = RequestParsing.Text(h.Last) });
            for (var day = h.First; day <= h.Last; day = day.AddDays(1))
                proto.DaysOff.Add(new CalendarDayOff { Date = RequestParsing.Text(day), Holiday = h.Name });
        }
        proto.MakeUpWorkdays.AddRange(year.MakeUpWorkdays.Select(m => new CalendarMakeUpWorkday { Date = RequestParsing.Text(m.Date), For = m.For }));
        return proto;
    }
}
