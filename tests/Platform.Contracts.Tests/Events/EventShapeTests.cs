using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Longgang.Platform.Tests.Events;

/// <summary>
/// The event gate (docs/decisions.md, "Integration events: what may change within V1"): every integration event's
/// released JSON shape is committed under contracts/snapshots/events/, and the current types must keep what an older
/// consumer reads. Update mode, when a contracts project is released (tools/contracts-snapshot.sh does this):
/// <c>EVENT_SNAPSHOT_UPDATE=Approvals.Contracts dotnet test tests/Platform.Contracts.Tests --filter EventShapeTests.Update_the_snapshots_when_asked</c>
/// (a comma-separated list of projects, or <c>all</c>) writes their shapes and a sample of the current version, and
/// refuses a breaking change as the gate does.
/// </summary>
public sealed class EventShapeTests
{
    private const string UpdateVariable = "EVENT_SNAPSHOT_UPDATE";

    public static TheoryData<string> ShapeFiles() => new(EventCatalogue.ShapeFiles().Select(EventCatalogue.Relative));

    public static TheoryData<string> EventTypeNames() => new(EventCatalogue.EventTypes.Select(t => t.FullName!));

    // MassTransit's settings, indented, and Chinese kept readable (escaped or not, a reader gets the same text)
    private static readonly JsonSerializerOptions SampleOptions =
        new(EventCatalogue.SerializerOptions) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Absolute(string relative) =>
        Path.Combine(EventCatalogue.SnapshotRoot, Path.GetRelativePath("contracts/snapshots/events", relative));

    private static Type TypeNamed(string fullName) => EventCatalogue.EventTypes.Single(t => t.FullName == fullName);

    [Fact]
    public void The_catalogue_finds_the_events_of_every_contracts_project()
    {
        var projects = EventCatalogue.EventTypes.Select(EventCatalogue.ProjectOf).Distinct().Order();
        Assert.Equal(["Approvals.Contracts", "Governance.Contracts", "Livelihood.Contracts", "Platform.Contracts", "Talent.Contracts"], projects);
        Assert.Contains(EventCatalogue.EventTypes, t => t.Name == "ApplicationDecided");
    }

    [Theory]
    [MemberData(nameof(ShapeFiles))]
    public void A_released_event_shape_is_kept_by_the_current_type(string shapeFile)
    {
        var released = EventShape.FromJson(File.ReadAllText(Absolute(shapeFile)));
        var current = EventCatalogue.EventTypes.FirstOrDefault(t => t.FullName == released.Type) is { } type ? EventShape.Of(type) : null;

        var breaks = released.BreaksBy(current);

        Assert.True(breaks.Count == 0,
            $"{shapeFile}: an older consumer would misread the current type. Keep V1 compatible (only add nullable or defaulted " +
            $"properties) or publish a V2 type beside it (docs/decisions.md):\n  " + string.Join("\n  ", breaks));
    }

    [Theory]
    [MemberData(nameof(EventTypeNames))]
    public void Every_event_type_has_a_released_shape_and_a_sample(string typeName)
    {
        var type = TypeNamed(typeName);
        Assert.True(File.Exists(EventCatalogue.ShapeFileOf(type)),
            $"{typeName} has no shape snapshot: run tools/contracts-snapshot.sh for its service (docs/releasing.md)");
        Assert.NotEmpty(EventCatalogue.SampleFilesOf(type));
        Assert.True(EventSamples.ByType.ContainsKey(type), $"add a realistic {type.Name} to {nameof(EventSamples)}");
    }

    /// <summary>
    /// Each committed sample, older versions included, reads into the current type with MassTransit's settings, and
    /// carries every property the current type does not declare optional (else a consumer would read a default).
    /// </summary>
    [Theory]
    [MemberData(nameof(EventTypeNames))]
    public void Every_committed_sample_reads_into_the_current_type(string typeName)
    {
        var type = TypeNamed(typeName);
        var shape = EventShape.Of(type);
        foreach (var sample in EventCatalogue.SampleFilesOf(type))
        {
            var json = File.ReadAllText(sample);
            var given = JsonNode.Parse(json)!.AsObject();
            var missing = shape.Properties.Where(p => !p.Value.Optional && !given.ContainsKey(p.Key)).Select(p => p.Key).ToList();
            Assert.True(missing.Count == 0, $"{EventCatalogue.Relative(sample)} lacks {string.Join(", ", missing)}, which {type.Name} requires");
            Assert.NotNull(JsonSerializer.Deserialize(json, type, EventCatalogue.SerializerOptions));
        }
    }

    /// <summary>Does nothing unless EVENT_SNAPSHOT_UPDATE names projects: then writes their shapes and current samples.</summary>
    [Fact]
    public void Update_the_snapshots_when_asked()
    {
        var asked = Environment.GetEnvironmentVariable(UpdateVariable);
        if (string.IsNullOrWhiteSpace(asked)) return;
        var projects = asked.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
        var types = EventCatalogue.EventTypes.Where(t => projects.Contains("all") || projects.Contains(EventCatalogue.ProjectOf(t))).ToList();
        Assert.True(types.Count > 0, $"{UpdateVariable}={asked} names no contracts project with events");

        var breaks = types
            .Where(t => File.Exists(EventCatalogue.ShapeFileOf(t)))
            .SelectMany(t => EventShape.FromJson(File.ReadAllText(EventCatalogue.ShapeFileOf(t))).BreaksBy(EventShape.Of(t)))
            .ToList();
        Assert.True(breaks.Count == 0, "not written: a breaking change is a V2 type beside V1, not a new snapshot:\n  " + string.Join("\n  ", breaks));

        foreach (var type in types)
        {
            Directory.CreateDirectory(EventCatalogue.FolderOf(type));
            File.WriteAllText(EventCatalogue.ShapeFileOf(type), EventShape.Of(type).ToJson());
            var sample = EventSamples.ByType.TryGetValue(type, out var message)
                ? message
                : throw new InvalidOperationException($"add a realistic {type.Name} to {nameof(EventSamples)}");
            var json = JsonSerializer.Serialize(sample, type, SampleOptions);
            File.WriteAllText(EventCatalogue.SampleFileOf(type), json + "\n");
        }
    }
}
