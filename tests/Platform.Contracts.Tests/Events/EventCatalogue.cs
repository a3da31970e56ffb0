using System.Reflection;
using System.Text.Json;
using MassTransit.Serialization;
using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Governance.Contracts.Events.V1;
using Longgang.Livelihood.Contracts.Events.V1;
using Longgang.Platform.Events.V1;
using Longgang.Talent.Contracts.Events.V1;

namespace Longgang.Platform.Tests.Events;

/// <summary>
/// Every integration event of every contracts project (a public type in an <c>Events.V{n}</c> namespace), and where
/// their released shapes and samples are committed: contracts/snapshots/events/&lt;project&gt;/&lt;V{n}&gt;/
/// (&lt;Name&gt;.json the shape, &lt;Name&gt;@&lt;version&gt;.sample.json one message per released version).
/// </summary>
public static class EventCatalogue
{
    /// <summary>How MassTransit serialises and reads every message on the bus (the platform keeps its default serializer).</summary>
    public static JsonSerializerOptions SerializerOptions => SystemTextJsonMessageSerializer.Options;

    public static IReadOnlyList<Assembly> ContractsAssemblies { get; } =
    [
        typeof(ApplicationSubmitted).Assembly,
        typeof(CaseReported).Assembly,
        typeof(ProjectProposed).Assembly,
        typeof(CalendarYearPublished).Assembly,
        typeof(TalentCertified).Assembly,
    ];

    public static IReadOnlyList<Type> EventTypes { get; } = ContractsAssemblies
        .SelectMany(a => a.GetExportedTypes())
        .Where(t => t is { IsClass: true, IsAbstract: false } && IsEventNamespace(t.Namespace))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToList();

    private static bool IsEventNamespace(string? ns) =>
        ns is not null && ns.Split('.') is [.., "Events", var version] && version.Length > 1 && version[0] == 'V' && version[1..].All(char.IsAsciiDigit);

    /// <summary>The contracts project a type belongs to (its assembly's name, e.g. Approvals.Contracts).</summary>
    public static string ProjectOf(Type type) => type.Assembly.GetName().Name!;

    /// <summary>The project's own version (its csproj &lt;Version&gt;), which samples are labelled with.</summary>
    public static string VersionOf(Type type) =>
        type.Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];

    public static string SnapshotRoot { get; } = Path.Combine(RepositoryRoot(), "contracts", "snapshots", "events");

    /// <summary>The folder of a type's shape and samples: project, then the namespace's version (V1).</summary>
    public static string FolderOf(Type type) => Path.Combine(SnapshotRoot, ProjectOf(type), type.Namespace!.Split('.')[^1]);

    public static string ShapeFileOf(Type type) => Path.Combine(FolderOf(type), type.Name + ".json");

    public static string SampleFileOf(Type type) => Path.Combine(FolderOf(type), $"{type.Name}@{VersionOf(type)}.sample.json");

    /// <summary>Every committed shape file (one per released type, whether or not the type still exists).</summary>
    public static IEnumerable<string> ShapeFiles() =>
        Directory.Exists(SnapshotRoot)
            ? Directory.EnumerateFiles(SnapshotRoot, "*.json", SearchOption.AllDirectories)
                .Where(f => !f.EndsWith(".sample.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            : [];

    /// <summary>Every committed sample of a type's messages, older versions included.</summary>
    public static IEnumerable<string> SampleFilesOf(Type type) =>
        Directory.Exists(FolderOf(type))
            ? Directory.EnumerateFiles(FolderOf(type), type.Name + "@*.sample.json").Order(StringComparer.Ordinal)
            : [];

    /// <summary>A file's path from the repository's root, for test names and messages.</summary>
    public static string Relative(string path) => Path.GetRelativePath(RepositoryRoot(), path).Replace('\\', '/');

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "platform.sln"))) return dir.FullName;
        throw new InvalidOperationException("platform.sln not found above the test's directory");
    }
}
