using Longgang.Platform.Calendar;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Longgang.Platform;

public static class CalendarExtensions
{
    /// <summary>
    /// The working-day calendar every time limit is counted in: the official years shipped with the platform,
    /// plus any <c>{year}.json</c> in <c>Calendar:Directory</c>, so operations can add next year's holidays the
    /// day the State Council publishes them, without a release. Loaded at start-up: a malformed file stops the service.
    /// </summary>
    public static WebApplicationBuilder AddWorkingDayCalendar(this WebApplicationBuilder builder)
    {
        var directory = builder.Configuration["Calendar:Directory"];
        var files = string.IsNullOrWhiteSpace(directory)
            ? []
            : Directory.EnumerateFiles(directory, "*.json").Order().Select(File.ReadAllText).ToList();
        builder.Services.AddSingleton(files.Count == 0 ? WorkingDayCalendar.Official : WorkingDayCalendar.OfficialWith(files));
        return builder;
    }
}
