namespace Longgang.Platform;

/// <summary>Readiness checks (database, broker, cache, downstream services) carry this tag; liveness checks none.</summary>
public static class HealthTags
{
    public const string Ready = "ready";
}
