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
    /// <summary>A channel's binding: <c>Notifications:Channels:SMS=sms-binding</c>.</summary>
    public const string ChannelsSection = "Notifications:Channels";

    /// <summary>
    /// Citizen notifications for a service whose database is <typeparamref name="TContext"/> (call it after
    /// <see cref="DatabaseExtensions.AddServiceDatabase{TContext}"/>): its consumers record them with
    /// <see cref="PlatformDbContext.AddCitizenNotification"/>, and a <see cref="NotificationDispatcher{TContext}"/> hands
    /// them to the process's one <see cref="ICitizenNotifier"/>: the Dapr output binding named by
    /// <c>Dapr:NotificationBinding</c> when it is set, otherwise the <see cref="LocalNotifier"/> (the stored row is all
    /// the citizen gets). Building the Dapr client opens no connection, so a missing or late sidecar never stops a
    /// start-up; it shows as failed (and retried) deliveries instead. A recipient's channel (SMS, EMAIL) goes to the
    /// binding named under <c>Notifications:Channels</c>; <c>Notifications:MaxAttempts</c> and
    /// <c>Notifications:DigestHour</c> tune the dispatcher (<see cref="NotificationOptions"/>).
    /// Safe to call from several services in one process (the embedded host): one notifier, one dispatcher per
    /// context type.
    /// </summary>
    public static IHostApplicationBuilder AddCitizenNotifications<TContext>(this IHostApplicationBuilder builder)
        where TContext : PlatformDbContext
    {
        AddNotifier(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(builder.Configuration.GetSection(NotificationOptions.Section).Get<NotificationOptions>() ?? new NotificationOptions());
        // a migration run must not send anything; the rows wait for the service itself
        if (!builder.IsMigrationRun())
            builder.Services.AddHostedService<NotificationDispatcher<TContext>>(); // registers each type once
        return builder;
    }

    private static void AddNotifier(IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(ICitizenNotifier))) return;

        var binding = builder.Configuration[BindingKey];
        var channels = new Dictionary<NotificationChannel, string>();
        foreach (var entry in builder.Configuration.GetSection(ChannelsSection).GetChildren())
        {
            var channel = DeliveryRules.ParseChannel(entry.Key);
            if (channel != NotificationChannel.InApp && !string.IsNullOrWhiteSpace(entry.Value)) channels[channel] = entry.Value;
        }
        if (string.IsNullOrWhiteSpace(binding) && channels.Count == 0)
        {
            builder.Services.AddSingleton<ICitizenNotifier, LocalNotifier>();
            return;
        }

        builder.Services.AddDaprClient();
        builder.Services.AddSingleton<ICitizenNotifier>(sp => new DaprBindingNotifier(sp.GetRequiredService<DaprClient>(), binding, channels));
    }
}
