namespace Longgang.Platform.Testing;

/// <summary>
/// Waits for what an event or a background job brings about: polls the condition until it holds or the deadline (60 s
/// unless given) passes, then throws naming what did not happen. A deadline, not a duration the test asserts.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(60);

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? deadline = null)
    {
        var limit = deadline ?? DefaultDeadline;
        var until = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow >= until) throw new TimeoutException($"waited {limit.TotalSeconds} s for {what}");
            await Task.Delay(200);
        }
    }
}
