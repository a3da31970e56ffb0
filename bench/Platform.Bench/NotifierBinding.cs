using RabbitMQ.Client;

namespace Longgang.Bench;

/// <summary>
/// The bench's own submissions (suite 3's raw event source) are stored in <c>approvals_bench</c>, not in approvals' database,
/// so approvals' ApplicantNotifier could not find them and would retry each one into its error queue, burning the
/// approvals process's CPU in the middle of the measurement. While the bench publishes, the notifier's exchange is
/// unbound from the event's exchange (governance's stays bound) for suite 3, and bound again after it.
/// </summary>
public sealed class NotifierBinding(string amqpUri)
{
    // MassTransit's names: the message type's exchange fans out to each consumer endpoint's exchange
    private const string EventExchange = "Longgang.Approvals.Contracts.Events.V1:ApplicationSubmitted";
    private const string NotifierExchange = "longgang-approvals-messaging-applicant-notifier";

    public Task DetachAsync() => ChangeAsync(bind: false);
    public Task AttachAsync() => ChangeAsync(bind: true);

    private async Task ChangeAsync(bool bind)
    {
        var factory = new ConnectionFactory { Uri = new Uri(amqpUri) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        if (bind) await channel.ExchangeBindAsync(NotifierExchange, EventExchange, "");
        else await channel.ExchangeUnbindAsync(NotifierExchange, EventExchange, "");
    }
}
