using Longgang.Approvals.Data;
using Longgang.Platform.Data;
using Longgang.Platform.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Longgang.Approvals.Tests;

/// <summary>
/// Dapr is used only when a binding is configured; without one the service needs no sidecar. The embedded host
/// composes several services in one process: one notifier, one dispatcher per service database.
/// </summary>
public sealed class NotificationRegistrationTests
{
    private static HostApplicationBuilder Builder(string? binding = null, bool migrateOnly = false)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        if (binding is not null) builder.Configuration[NotificationExtensions.BindingKey] = binding;
        if (migrateOnly) builder.Configuration[DatabaseExtensions.MigrateOnlyKey] = "true";
        return builder;
    }

    private static Type NotifierFor(string? binding)
    {
        var builder = Builder(binding);
        builder.AddCitizenNotifications<ApprovalsDbContext>();
        using var host = builder.Build();
        return host.Services.GetRequiredService<ICitizenNotifier>().GetType();
    }

    private static Type[] Dispatchers(IHost host) =>
        host.Services.GetServices<IHostedService>().Select(s => s.GetType()).Where(t => t.Name.StartsWith("NotificationDispatcher")).ToArray();

    [Fact]
    public void Without_a_configured_binding_the_stored_notification_is_the_delivery() =>
        Assert.Equal(typeof(LocalNotifier), NotifierFor(null));

    [Fact]
    public void A_blank_binding_counts_as_not_configured() =>
        Assert.Equal(typeof(LocalNotifier), NotifierFor(" "));

    [Fact]
    public void A_configured_binding_sends_through_dapr_without_a_sidecar_running() =>
        Assert.Equal(typeof(DaprBindingNotifier), NotifierFor("citizen-sms"));

    [Fact]
    public void Several_services_in_one_process_share_one_notifier_and_get_one_dispatcher_each()
    {
        var builder = Builder();
        builder.AddCitizenNotifications<ApprovalsDbContext>();
        builder.AddCitizenNotifications<AnotherServiceDbContext>();
        builder.AddCitizenNotifications<ApprovalsDbContext>();

        Assert.Single(builder.Services, d => d.ServiceType == typeof(ICitizenNotifier));
        using var host = builder.Build();
        Assert.Equal([typeof(NotificationDispatcher<ApprovalsDbContext>), typeof(NotificationDispatcher<AnotherServiceDbContext>)],
            Dispatchers(host));
    }

    [Fact]
    public void A_migration_run_sends_nothing()
    {
        var builder = Builder(migrateOnly: true);
        builder.AddCitizenNotifications<ApprovalsDbContext>();

        using var host = builder.Build();
        Assert.Empty(Dispatchers(host));
    }

    private sealed class AnotherServiceDbContext(DbContextOptions<AnotherServiceDbContext> options) : PlatformDbContext(options);
}
