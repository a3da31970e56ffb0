using System.Text.Json;
using Longgang.Platform.Domain;
using Longgang.Platform.Events.V1;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Governance.Dashboards;

/// <summary>A fact as stored: its kind and source id, and the fact itself as JSON (read and written only whole, by key).</summary>
public sealed class DashboardFactRow
{
    public string Kind { get; set; } = "";
    public string SourceId { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Two events of one record merged at once: the second save fails and its message is retried.</summary>
    public Guid Revision { get; set; }

    private static readonly JsonSerializerOptions Json = new();

    public static DashboardFact Read(string body) => JsonSerializer.Deserialize<DashboardFact>(body, Json)
        ?? throw new InvalidOperationException("A dashboard fact is empty.");

    public static string Write(DashboardFact fact) => JsonSerializer.Serialize(fact, Json);
}

/// <summary>One monthly counter (see <see cref="CounterKey"/>); the key is the primary key, so a period is one range scan.</summary>
public sealed class DashboardCounter
{
    public string DistrictCode { get; set; } = "";
    public int Month { get; set; }
    public string Metric { get; set; } = "";
    public string Dimension { get; set; } = "";
    public long Value { get; set; }
}

/// <summary>What the read model knows of one source service: its last heartbeat, and how far its replay got.</summary>
public sealed class DashboardSource
{
    public const string Approvals = "approvals";
    public const string Governance = "governance";
    public const string Talent = "talent";
    public const string Livelihood = "livelihood";
    public static readonly IReadOnlyList<string> All = [Approvals, Governance, Talent, Livelihood];

    public string Service { get; set; } = "";
    public DateTimeOffset? LastHeartbeatAt { get; set; }
    public Guid? ReplayId { get; set; }
    public int ReplayBatches { get; set; }
    public DateTimeOffset? ReplayFinishedAt { get; set; }
}

/// <summary>A rebuild a city admin asked for; the latest is the current one, and only its batches are merged.</summary>
public sealed class DashboardReplay : Aggregate
{
    public Guid ReplayId { get; private set; }
    public string RequestedBy { get; private set; } = "";
    public DateTimeOffset RequestedAt { get; private set; }

    public static DashboardReplay Request(string requestedBy, DateTimeOffset now)
    {
        var replay = new DashboardReplay { ReplayId = Guid.NewGuid(), RequestedBy = requestedBy, RequestedAt = now };
        replay.Record(new DashboardReplayRequested(replay.ReplayId, requestedBy, now));
        return replay;
    }
}

public static class DashboardModel
{
    /// <summary>The read model's tables (prefix dashboard_).</summary>
    public static void AddDashboards(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DashboardFactRow>(e =>
        {
            e.ToTable("dashboard_facts");
            e.HasKey(f => new { f.Kind, f.SourceId });
            e.Property(f => f.Kind).HasMaxLength(32);
            e.Property(f => f.SourceId).HasMaxLength(64);
            e.Property(f => f.Revision).IsConcurrencyToken();
        });
        modelBuilder.Entity<DashboardCounter>(e =>
        {
            e.ToTable("dashboard_counters");
            e.HasKey(c => new { c.DistrictCode, c.Month, c.Metric, c.Dimension });
            e.Property(c => c.DistrictCode).HasMaxLength(32);
            e.Property(c => c.Metric).HasMaxLength(64);
            e.Property(c => c.Dimension).HasMaxLength(80);
        });
        modelBuilder.Entity<DashboardSource>(e =>
        {
            e.ToTable("dashboard_sources");
            e.HasKey(s => s.Service);
            e.Property(s => s.Service).HasMaxLength(32);
        });
        modelBuilder.Entity<DashboardReplay>(e =>
        {
            e.ToTable("dashboard_replays");
            e.HasKey(r => r.ReplayId);
            e.Property(r => r.RequestedBy).HasMaxLength(64);
            e.HasIndex(r => r.RequestedAt);
        });
    }
}
