using MassTransit;

namespace Longgang.Platform.Messaging;

/// <summary>
/// The platform's receive queues on RabbitMQ are quorum queues: replicated over the broker's nodes, so losing one
/// node loses no message (a classic queue lives on one node). Their <c>_error</c> queues follow them.
/// A queue that exists as a classic queue cannot be declared again as a quorum queue (the broker refuses with
/// PRECONDITION_FAILED): an upgrade from classic queues deletes them, once drained, before the new version starts.
/// </summary>
public static class QuorumQueues
{
    public static void Apply(IReceiveEndpointConfigurator endpoint)
    {
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbitMq) rabbitMq.SetQuorumQueue();
    }
}
