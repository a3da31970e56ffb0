using Dapr.Client;
using Longgang.Platform.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Longgang.Platform.Notifications;

public static class NotificationExtensions
{
    public const string BindingKey = "Dapr:NotificationBinding";

    /// <summary>
    /// Citizen notifications for a service whose database is <typeparamref name="TContext"/> (call it after
    /// <see cref="DatabaseExtensions.AddServiceDatabase{TContext}"/>): its consumers record them with
    /// <see cref="PlatformDbContext.AddCitizenNotification"/>, and a <see cref="NotificationDispatcher{TContext}"/> hands
    /// them to the process's one <see cref="ICitizenNotifier"/>: the Dapr output binding named by
    /// <c>Dapr:NotificationBinding</c> when it is set, otherwise the <see cref="LocalNotifier"/> (the stored row is all
    /// the citizen gets). Building the Dapr client opens no connection, so a missing or late sidecar never stops a
    /// start-up; it shows as failed (and retried) deliveries instead.
    /// Safe to call from several services in one process (the embedded host): one notifier, one dispatcher per
    /// context type.
    /// </summary>
    public static IHostApplicationBuilder AddCitizenNotifications<TContext>(this IHostApplicationBuilder builder)
        where TContext : PlatformDbContext
    {
        AddNotifier(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        // a migration run must not send anything; the rows wait for the service itself
        if (!builder.IsMigrationRun())
            builder.Services.AddHostedService<NotificationDispatcher<TContext>>(); // registers each type once
        return builder;
    }

    private static void AddNotifier(IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(ICitizenNotifier))) return;

        var binding = builder.Configuration[BindingKey];
        if (string.IsNullOrWhiteSpace(binding))
        {
            builder.Services.AddSingleton<ICitizenNotifier, LocalNotifier>();
            return;
        }

        builder.Services.AddDaprClient();
        builder.Services.AddSingleton<ICitizenNotifier>(sp => new DaprBindingNotifier(sp.GetRequiredService<DaprClient>(), binding));
    }
}
