using System.Diagnostics.Metrics;
using Longgang.Platform.Data;
using Longgang.Platform.Messaging;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Longgang.Platform.Calendar;

public static class CalendarYearsExtensions
{
    /// <summary>
    /// Official calendar years for a service: stored in <typeparamref name="TContext"/>'s <c>calendar_years</c>, taken
    /// from <c>CalendarYearPublished</c> by <typeparamref name="TConsumer"/> (the service's subclass of
    /// <see cref="CalendarYearConsumer{TContext}"/>) and from the files in <c>Calendar:Directory</c>, kept in step
    /// across replicas, and the readiness warning and metric for a provisional next year. Call after
    /// <c>AddServiceDatabase</c>: the stored years are read once the schema exists. The service registers its
    /// <see cref="IClockReprojector{TContext}"/>s itself.
    /// </summary>
    public static IHostApplicationBuilder AddCalendarYears<TContext, TConsumer>(this IHostApplicationBuilder builder)
        where TContext : PlatformDbContext
        where TConsumer : class, IConsumer
    {
        builder.Services.AddScoped<CalendarYearApplier<TContext>>();
        builder.AddIntegrationEventConsumer<TConsumer>();
        if (builder.IsMigrationRun()) return builder;
        builder.Services.AddHostedService<CalendarYearSync<TContext>>();
        // once per process, however many services it hosts (the embedded host runs all four on one calendar)
        if (builder.Services.Any(s => s.ServiceType == typeof(CalendarMetrics))) return builder;
        // a mistyped day fails the start, not every readiness probe (2025: no 29 February to hide behind)
        CalendarReadiness.WarnFrom(builder.Configuration[CalendarReadiness.WarnFromKey], 2025);
        builder.Services.AddSingleton<CalendarMetrics>();
        builder.Services.AddHostedService(services => services.GetRequiredService<CalendarMetrics>());
        builder.Services.AddHealthChecks().AddCheck<CalendarReadiness>(CalendarReadiness.Name, tags: [HealthTags.Ready]);
        return builder;
    }
}

/// <summary>Publishes <c>platform_calendar_official_years_ahead</c>; a hosted service only so that it exists from the start.</summary>
internal sealed class CalendarMetrics : IHostedService
{
    public CalendarMetrics(IMeterFactory meters, WorkingDayCalendar calendar, TimeProvider clock) =>
        CalendarReadiness.ObserveYearsAhead(meters.Create(CalendarReadiness.MeterName), calendar, clock);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
