using Longgang.Platform.Calendar;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Longgang.Platform;

public static class CalendarExtensions
{
    /// <summary>
    /// The working-day calendar every time limit is counted in: the official years shipped with the platform, every
    /// other year provisional. One per process; the services add the official years published since, which they store
    /// in their own databases (<see cref="CalendarYearsExtensions.AddCalendarYears{TContext,TConsumer}"/>).
    /// </summary>
    public static WebApplicationBuilder AddWorkingDayCalendar(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(_ => WorkingDayCalendar.Official);
        return builder;
    }
}
