using Longgang.Platform.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Longgang.Approvals.Tests;

/// <summary>Dapr is used only when a binding is configured; without one the service needs no sidecar.</summary>
public sealed class NotificationRegistrationTests
{
    private static Type NotifierFor(string? binding)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        if (binding is not null) builder.Configuration[NotificationExtensions.BindingKey] = binding;
        builder.AddCitizenNotifications();
        builder.AddCitizenNotifications();
        Assert.Single(builder.Services, d => d.ServiceType == typeof(ICitizenNotifier));
        using var host = builder.Build();
        return host.Services.GetRequiredService<ICitizenNotifier>().GetType();
    }

    [Fact]
    public void Without_a_configured_binding_notifications_are_logged() =>
        Assert.Equal(typeof(LoggingNotifier), NotifierFor(null));

    [Fact]
    public void A_blank_binding_counts_as_not_configured() =>
        Assert.Equal(typeof(LoggingNotifier), NotifierFor(" "));

    [Fact]
    public void A_configured_binding_sends_through_dapr_without_a_sidecar_running() =>
        Assert.Equal(typeof(DaprBindingNotifier), NotifierFor("citizen-sms"));
}
