using Dapr.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Longgang.Platform.Notifications;

public static class NotificationExtensions
{
    public const string BindingKey = "Dapr:NotificationBinding";

    /// <summary>
    /// <see cref="ICitizenNotifier"/>: the Dapr output binding named by <c>Dapr:NotificationBinding</c> when it is
    /// set, a log line otherwise. Building the Dapr client opens no connection, so a missing or late sidecar never
    /// stops a start-up; it shows as a failed (and retried) notification instead. Safe to call more than once, as
    /// the single-process host composes several services that may each ask for it.
    /// </summary>
    public static IHostApplicationBuilder AddCitizenNotifications(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(ICitizenNotifier))) return builder;

        var binding = builder.Configuration[BindingKey];
        if (string.IsNullOrWhiteSpace(binding))
        {
            builder.Services.AddSingleton<ICitizenNotifier, LoggingNotifier>();
            return builder;
        }

        builder.Services.AddDaprClient();
        builder.Services.AddSingleton<ICitizenNotifier>(sp => new DaprBindingNotifier(sp.GetRequiredService<DaprClient>(), binding));
        return builder;
    }
}
