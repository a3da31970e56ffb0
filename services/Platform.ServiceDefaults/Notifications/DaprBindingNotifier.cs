using Dapr.Client;

namespace Longgang.Platform.Notifications;

/// <summary>
/// Hands the notification to a Dapr output binding (<c>Dapr:NotificationBinding</c>); the component in k8s/ decides
/// whether it becomes an SMS, an e-mail or a webhook call. The notification travels as the binding's JSON data.
/// </summary>
public sealed class DaprBindingNotifier(DaprClient dapr, string bindingName) : ICitizenNotifier
{
    /// <summary>The operation the SMTP, Twilio, SendGrid and HTTP bindings all understand (HTTP: a POST).</summary>
    public const string Operation = "create";

    public Task NotifyAsync(Guid notificationId, CitizenNotification notification, CancellationToken ct)
    {
        var data = new NotificationData(notificationId, notification.CitizenId, notification.Subject, notification.Body,
            notification.Kind, notification.Reference);
        // e-mail bindings take the subject line from the request's metadata; the HTTP binding sends metadata as
        // headers, so a relay can drop a redelivered notification (delivery is at least once) without parsing the body
        var metadata = new Dictionary<string, string>
        {
            ["subject"] = notification.Subject,
            ["notificationId"] = notificationId.ToString(),
        };
        return dapr.InvokeBindingAsync(bindingName, Operation, data, metadata, ct);
    }

    /// <summary>The binding's data, serialised by the Dapr client as camelCase JSON.</summary>
    public sealed record NotificationData(Guid Id, string CitizenId, string Subject, string Body, string? Kind, string? Reference);
}
