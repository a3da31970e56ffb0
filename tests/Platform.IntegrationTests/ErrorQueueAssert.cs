namespace Longgang.Platform.IntegrationTests;

internal static class ErrorQueueAssert
{
    /// <summary>
    /// Fails unless <paramref name="queues"/> (<see cref="Testing.ErrorQueues.NonEmptyAsync"/>) is empty, naming every
    /// error queue with its failures in full, which <c>Assert.Empty</c> would cut short.
    /// </summary>
    public static void Empty(IReadOnlyCollection<string> queues) =>
        Assert.True(queues.Count == 0, "messages in error queues:\n" + string.Join("\n", queues));
}
