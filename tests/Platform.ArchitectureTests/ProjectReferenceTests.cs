using Mono.Cecil;

namespace Longgang.Platform.ArchitectureTests;

/// <summary>
/// Services know each other only through contracts, and contracts know no service: read from the .csproj files
/// (a reference nothing uses yet still counts) and from the built assemblies (a reference that bypasses the project
/// graph, such as a DLL path, still counts).
/// </summary>
public sealed class ProjectReferenceTests
{
    private static readonly IReadOnlyDictionary<string, Project> Projects = Repository.Projects;

    [Fact]
    public void The_rules_see_four_services_and_their_contracts()
    {
        Assert.Equal(Repository.Services.Length, Of(ProjectKind.Service).Count());
        Assert.True(Of(ProjectKind.Contracts).Count() > Repository.Services.Length, "each service's contracts and Platform.Contracts");
    }

    [Fact]
    public void A_service_project_references_only_contracts_and_the_service_defaults()
    {
        var violations = Of(ProjectKind.Service)
            .SelectMany(service => service.References
                .Where(r => Projects[r].Kind is not (ProjectKind.Contracts or ProjectKind.ServiceDefaults))
                .Select(r => $"{service} references {r} ({Projects[r].Kind})"));
        Violations.AssertNone(violations, "a service project references only contracts and Platform.ServiceDefaults");
    }

    [Fact]
    public void No_service_reaches_another_service_through_any_chain_of_references()
    {
        var violations = Of(ProjectKind.Service)
            .SelectMany(service => Reachable(service)
                .Where(r => r != service.Path && Projects[r].Kind == ProjectKind.Service)
                .Select(r => $"{service} reaches {r}"));
        Violations.AssertNone(violations, "no service reaches another service");
    }

    [Fact]
    public void Only_the_host_and_tests_reference_a_service_project()
    {
        var violations = Projects.Values
            .Where(p => p.Kind is not (ProjectKind.Host or ProjectKind.TestOrBench))
            .SelectMany(p => p.References
                .Where(r => Projects[r].Kind == ProjectKind.Service)
                .Select(r => $"{p} ({p.Kind}) references {r}"));
        Violations.AssertNone(violations, "only the host and tests reference a service project");
    }

    [Fact]
    public void Contracts_reach_only_other_contracts()
    {
        var violations = Of(ProjectKind.Contracts)
            .SelectMany(contracts => Reachable(contracts)
                .Where(r => Projects[r].Kind != ProjectKind.Contracts)
                .Select(r => $"{contracts} reaches {r} ({Projects[r].Kind})"));
        Violations.AssertNone(violations, "contracts reach only other contracts");
    }

    [Fact]
    public void A_built_service_references_no_other_service_assembly()
    {
        var services = AssemblyNames(ProjectKind.Service);
        var violations = Of(ProjectKind.Service)
            .SelectMany(service => ReferencedAssemblies(service)
                .Where(name => name != service.AssemblyName && services.Contains(name))
                .Select(name => $"{service.AssemblyName} references {name}"));
        Violations.AssertNone(violations, "a built service references no other service");
    }

    [Fact]
    public void A_built_contracts_assembly_references_no_service_host_or_gateway_assembly()
    {
        var forbidden = AssemblyNames(ProjectKind.Service, ProjectKind.ServiceDefaults, ProjectKind.Host, ProjectKind.Gateway);
        var violations = Of(ProjectKind.Contracts)
            .SelectMany(contracts => ReferencedAssemblies(contracts)
                .Where(forbidden.Contains)
                .Select(name => $"{contracts.AssemblyName} references {name}"));
        Violations.AssertNone(violations, "a built contracts assembly references no service, host or gateway");
    }

    private static IEnumerable<Project> Of(ProjectKind kind) => Projects.Values.Where(p => p.Kind == kind);

    private static HashSet<string> AssemblyNames(params ProjectKind[] kinds) =>
        Projects.Values.Where(p => kinds.Contains(p.Kind)).Select(p => p.AssemblyName).ToHashSet();

    /// <summary>Every project reachable from <paramref name="start"/> through project references, itself included.</summary>
    private static HashSet<string> Reachable(Project start)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<string>([start.Path]);
        while (pending.TryPop(out var path))
        {
            if (!seen.Add(path)) continue;
            foreach (var reference in Projects[path].References) pending.Push(reference);
        }
        return seen;
    }

    private static IEnumerable<string> ReferencedAssemblies(Project project)
    {
        using var module = ModuleDefinition.ReadModule(BuiltAssemblies.PathOf(project.AssemblyName));
        return module.AssemblyReferences.Select(a => a.Name).ToList();
    }
}
