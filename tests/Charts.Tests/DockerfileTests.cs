using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Longgang.Charts.Tests;

/// <summary>
/// The images' Dockerfiles, read as text (building them needs Docker and minutes; see docs/operations.md): each copies
/// exactly the projects its service needs, so a new project reference cannot break the image build unnoticed.
/// </summary>
public sealed partial class DockerfileTests
{
    public static readonly TheoryData<string> Projects =
    [
        "gateway/Platform.Gateway/Platform.Gateway.csproj",
        "services/approvals/Approvals.csproj",
        "services/governance/Governance.csproj",
        "services/talent/Talent.csproj",
        "services/livelihood/Livelihood.csproj",
    ];

    [Theory]
    [MemberData(nameof(Projects))]
    public void Copies_every_project_the_service_references_and_restores_before_copying_sources(string project)
    {
        var dockerfile = File.ReadAllText(Path.Combine(Repo.Root, Path.GetDirectoryName(project)!, "Dockerfile"));

        foreach (var folder in ProjectClosure(project))
        {
            var csproj = dockerfile.IndexOf($"COPY {folder}/*.csproj {folder}/", StringComparison.Ordinal);
            var sources = dockerfile.IndexOf($"COPY {folder}/ {folder}/", StringComparison.Ordinal);
            var restore = dockerfile.IndexOf("RUN dotnet restore", StringComparison.Ordinal);
            Assert.True(csproj >= 0 && csproj < restore, $"{folder}: project file copied before the restore");
            Assert.True(sources > restore, $"{folder}: sources copied after the restore");
        }
        Assert.Equal(ProjectClosure(project).Count, CopiedSources().Matches(dockerfile).Count);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Builds_on_overridable_official_images_and_runs_non_root_on_both_ports(string project)
    {
        var dockerfile = File.ReadAllText(Path.Combine(Repo.Root, Path.GetDirectoryName(project)!, "Dockerfile"));

        Assert.Contains("ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0", dockerfile);
        Assert.Contains("ARG ASPNET_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0", dockerfile);
        Assert.Contains("FROM ${SDK_IMAGE} AS build", dockerfile);
        Assert.Contains("FROM ${ASPNET_IMAGE}", dockerfile);
        Assert.Matches(@"(?m)^USER [1-9][0-9]*$", dockerfile); // numeric, so Kubernetes can check runAsNonRoot
        Assert.Contains("EXPOSE 8080 8081", dockerfile);
        Assert.DoesNotMatch(@"(?im)^(ENV|ARG)\b.*(ConnectionStrings|SigningKey|password)", dockerfile);
        var assembly = XDocument.Load(Path.Combine(Repo.Root, project)).Descendants("AssemblyName").Single().Value;
        Assert.Contains($"ENTRYPOINT [\"dotnet\", \"{assembly}.dll\"]", dockerfile);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Runs_with_the_memory_settings_that_only_the_environment_can_carry(string project)
    {
        // bench/README.md, "Memory": the runtime ignores GCgen0size in runtimeconfig.json and MALLOC_ARENA_MAX is the C
        // library's, so the image carries both, in the stage that runs (a build stage's ENV never reaches the container)
        var dockerfile = File.ReadAllText(Path.Combine(Repo.Root, Path.GetDirectoryName(project)!, "Dockerfile"));

        var runtimeStage = dockerfile.IndexOf("FROM ${ASPNET_IMAGE}", StringComparison.Ordinal);
        var settings = Regex.Match(dockerfile, @"(?m)^ENV DOTNET_GCgen0size=0x400000 \\\n    MALLOC_ARENA_MAX=2$");
        Assert.True(settings.Success && settings.Index > runtimeStage, "ENV DOTNET_GCgen0size and MALLOC_ARENA_MAX in the runtime stage");
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Ships_the_service_migrations_its_migration_Job_applies(string project)
    {
        var folder = Path.GetDirectoryName(project)!.Replace('\\', '/');
        if (!Directory.Exists(Path.Combine(Repo.Root, folder, "Data", "Migrations"))) return; // the gateway has no database
        var dockerfile = File.ReadAllText(Path.Combine(Repo.Root, folder, "Dockerfile"));

        Assert.Contains($"COPY {folder}/ {folder}/", dockerfile); // the whole folder, Data/Migrations included
        var ignored = File.ReadAllLines(Path.Combine(Repo.Root, ".dockerignore"));
        Assert.DoesNotContain(ignored, line => line.Contains("Migrations", StringComparison.OrdinalIgnoreCase) || line.Trim() is "**/*.cs" or "*.cs");
    }

    /// <summary>The folders of the project and of every project it references, directly or not, relative to the root.</summary>
    private static HashSet<string> ProjectClosure(string project)
    {
        var folders = new HashSet<string>();
        var pending = new Stack<string>([Path.Combine(Repo.Root, project)]);
        while (pending.TryPop(out var path))
        {
            if (!folders.Add(Path.GetRelativePath(Repo.Root, Path.GetDirectoryName(path)!).Replace('\\', '/'))) continue;
            foreach (var reference in XDocument.Load(path).Descendants("ProjectReference"))
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, reference.Attribute("Include")!.Value)));
        }
        return folders;
    }

    [GeneratedRegex(@"(?m)^COPY (\S+)/ \1/$")]
    private static partial Regex CopiedSources();
}
