using System.Text;
using System.Text.Json;
using Dapr.Client;

namespace Longgang.Platform.Notifications;

/// <summary>
/// Hands the notification to a Dapr output binding: the one configured for the recipient's channel
/// (<c>Notifications:Channels:SMS</c>, <c>...:EMAIL</c>), or <c>Dapr:NotificationBinding</c> for a recipient who chose
/// nothing; the component in k8s/ decides whether it becomes an SMS, an e-mail or a webhook call. The notification
/// travels as the binding's JSON data. A channel without a binding (IN_APP always) means listed only.
/// </summary>
public sealed class DaprBindingNotifier(DaprClient dapr, string? defaultBinding, IReadOnlyDictionary<NotificationChannel, string>? channelBindings = null)
    : ICitizenNotifier
{
    /// <summary>The operation the SMTP, Twilio, SendGrid and HTTP bindings all understand (HTTP: a POST).</summary>
    public const string Operation = "create";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<string?> NotifyAsync(Guid notificationId, CitizenNotification notification, NotificationChannel? channel, CancellationToken ct)
    {
        var binding = channel is { } chosen ? channelBindings?.GetValueOrDefault(chosen) : defaultBinding;
        if (string.IsNullOrWhiteSpace(binding)) return null;

        var data = new NotificationData(notificationId, notification.CitizenId, notification.Subject, notification.Body,
            notification.Kind, notification.Reference);
        var request = new BindingRequest(binding, Operation) { Data = JsonSerializer.SerializeToUtf8Bytes(data, Json) };
        // e-mail bindings take the subject line from the request's metadata; the HTTP binding sends metadata as
        // headers, so a relay can drop a redelivered notification (delivery is at least once) without parsing the body
        request.Metadata["subject"] = notification.Subject;
        request.Metadata["notificationId"] = notificationId.ToString();
        var response = await dapr.InvokeBindingAsync(request, ct);
        return Receipt(response);
    }

    /// <summary>What the binding answered (e.g. an SMS gateway's message id), as JSON; null when it answered nothing.</summary>
    public static string? Receipt(BindingResponse response)
    {
        var metadata = response.Metadata ?? new Dictionary<string, string>();
        if (response.Data.IsEmpty && metadata.Count == 0) return null;
        return JsonSerializer.Serialize(new { metadata, data = Encoding.UTF8.GetString(response.Data.Span) }, Json);
    }

    /// <summary>The binding's data, as camelCase JSON.</summary>
    public sealed record NotificationData(Guid Id, string CitizenId, string Subject, string Body, string? Kind, string? Reference);
}
