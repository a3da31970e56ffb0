using System.Xml.Linq;

namespace Longgang.Platform.ArchitectureTests;

/// <summary>What a project is for, by where it lives: the rules below are stated in these terms.</summary>
public enum ProjectKind
{
    Contracts,
    ServiceDefaults,
    Service,
    Host,
    Gateway,
    TestOrBench,
}

/// <summary>One .csproj of the repository, with the projects it references directly.</summary>
public sealed record Project(string Path, ProjectKind Kind, string AssemblyName, IReadOnlyList<string> References)
{
    public override string ToString() => Path;
}

/// <summary>The repository the tests read: the checkout this test assembly was built from (found by walking up to platform.sln).</summary>
public static class Repository
{
    /// <summary>The four services, as named by their folders under services/.</summary>
    public static readonly string[] Services = ["approvals", "governance", "talent", "livelihood"];

    public static string Root { get; } = FindRoot();

    /// <summary>Every project under the top-level folders, keyed by its path relative to the root, with '/' separators.</summary>
    public static IReadOnlyDictionary<string, Project> Projects { get; } = ReadProjects();

    public static string PathOf(string absolute) => System.IO.Path.GetRelativePath(Root, absolute).Replace('\\', '/');

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "platform.sln"))) return dir.FullName;
        throw new InvalidOperationException($"platform.sln not found above {AppContext.BaseDirectory}");
    }

    private static Dictionary<string, Project> ReadProjects()
    {
        var projects = new Dictionary<string, Project>();
        foreach (var folder in new[] { "contracts", "services", "gateway", "tests", "bench" })
        {
            foreach (var file in Directory.EnumerateFiles(System.IO.Path.Combine(Root, folder), "*.csproj", SearchOption.AllDirectories))
            {
                var path = PathOf(file);
                if (path.Contains("/bin/") || path.Contains("/obj/")) continue;
                projects.Add(path, Read(file, path));
            }
        }
        return projects;
    }

    private static Project Read(string file, string path)
    {
        var document = XDocument.Load(file);
        var directory = System.IO.Path.GetDirectoryName(file)!;
        var references = document.Descendants("ProjectReference")
            .Select(r => PathOf(System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, r.Attribute("Include")!.Value.Replace('\\', '/')))))
            .ToList();
        var assemblyName = document.Descendants("AssemblyName").Select(a => a.Value).FirstOrDefault()
                           ?? System.IO.Path.GetFileNameWithoutExtension(file);
        return new Project(path, KindOf(path), assemblyName, references);
    }

    private static ProjectKind KindOf(string path)
    {
        var parts = path.Split('/');
        return (parts[0], parts[1]) switch
        {
            ("contracts", _) => ProjectKind.Contracts,
            ("services", "Platform.ServiceDefaults") => ProjectKind.ServiceDefaults,
            ("services", "Platform.Host") => ProjectKind.Host,
            ("services", var folder) when Services.Contains(folder) => ProjectKind.Service,
            ("gateway", _) => ProjectKind.Gateway,
            ("tests", _) or ("bench", _) => ProjectKind.TestOrBench,
            _ => throw new InvalidOperationException($"{path}: a project in a place the architecture does not name; give it a kind here."),
        };
    }
}
