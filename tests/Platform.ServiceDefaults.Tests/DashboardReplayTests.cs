using System.Text.Json;
using Longgang.Platform.Events.V1;
using Longgang.Platform.Messaging;

namespace Longgang.Platform.Tests;

public sealed class DashboardReplayTests
{
    private static readonly Guid Replay = Guid.Parse("0193f0c2-7a00-7000-8000-000000000017");

    private static async IAsyncEnumerable<object> Events(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return new ServiceHeartbeat($"s{i}", DateTimeOffset.UnixEpoch.AddMinutes(i));
        }
    }

    private static async Task<List<DashboardReplayBatch>> BatchesAsync(int events, int batchSize = DashboardReplay.BatchSize)
    {
        var batches = new List<DashboardReplayBatch>();
        await foreach (var batch in DashboardReplay.BatchesAsync(Replay, "talent", Events(events), batchSize)) batches.Add(batch);
        return batches;
    }

    [Fact]
    public async Task A_service_with_no_records_answers_with_one_empty_last_batch()
    {
        var batch = Assert.Single(await BatchesAsync(0));

        Assert.Equal((Replay, "talent", 1, true), (batch.ReplayId, batch.Service, batch.Sequence, batch.Last));
        Assert.Empty(batch.Events);
    }

    [Theory]
    [InlineData(1, new[] { 1 })]
    [InlineData(200, new[] { 200 })]
    [InlineData(201, new[] { 200, 1 })]
    [InlineData(450, new[] { 200, 200, 50 })]
    public async Task Events_go_in_batches_of_200_numbered_from_1_and_only_the_final_one_is_last(int events, int[] sizes)
    {
        var batches = await BatchesAsync(events);

        Assert.Equal(sizes, batches.Select(b => b.Events.Count));
        Assert.Equal(Enumerable.Range(1, sizes.Length), batches.Select(b => b.Sequence));
        Assert.Equal(Enumerable.Range(0, sizes.Length).Select(i => i == sizes.Length - 1), batches.Select(b => b.Last));
        Assert.Equal(Enumerable.Range(0, events).Select(i => $"s{i}"),
            batches.SelectMany(b => b.Events).Select(e => JsonSerializer.Deserialize<ServiceHeartbeat>(e.Payload)!.Service));
    }

    [Fact]
    public void An_event_is_wrapped_with_the_type_and_payload_the_outbox_would_store()
    {
        var heartbeat = new ServiceHeartbeat("approvals", DateTimeOffset.UnixEpoch);
        var outbox = OutboxMessage.From(heartbeat, DateTimeOffset.UnixEpoch);

        var wrapped = DashboardReplay.Wrap(heartbeat);

        Assert.Equal((outbox.Type, outbox.Payload), (wrapped.Type, wrapped.Payload));
        Assert.Equal("Longgang.Platform.Events.V1.ServiceHeartbeat, Platform.Contracts", wrapped.Type);
    }
}
