using Dapr.Client;

namespace Longgang.Platform.Notifications;

/// <summary>
/// Hands the notification to a Dapr output binding (<c>Dapr:NotificationBinding</c>), which the cluster wires to
/// the actual delivery channel; the notification travels as the binding's JSON data.
/// </summary>
public sealed class DaprBindingNotifier(DaprClient dapr, string bindingName) : ICitizenNotifier
{
    public const string Operation = "create";

    public Task NotifyAsync(CitizenNotification notification, CancellationToken ct) =>
        dapr.InvokeBindingAsync(bindingName, Operation, notification, metadata: null, ct);
}
