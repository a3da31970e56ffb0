using System.Text.RegularExpressions;
using Mono.Cecil;

namespace Longgang.Platform.ArchitectureTests;

/// <summary>
/// The domain (each service's Domain/ folder, namespace Longgang.&lt;Service&gt;.Domain, and the part the services share
/// in Platform.ServiceDefaults/Domain) holds the rules and state machines and knows no framework: no ASP.NET Core, EF Core (nor its database providers), MassTransit or gRPC (nor
/// protobuf) type in a signature, an attribute or a method body, directly or through a type of ours built on one.
/// </summary>
public sealed partial class DomainIndependenceTests
{
    /// <summary>Folders under services/: the four services, and the service defaults, whose domain part is optional.</summary>
    public static TheoryData<string> Projects => new(Repository.Services.Append(SharedDefaults));

    private const string SharedDefaults = "Platform.ServiceDefaults";

    [Theory]
    [MemberData(nameof(Projects))]
    public void The_domain_uses_no_framework_type(string project)
    {
        using var module = BuiltAssemblies.Read(AssemblyOf(project));
        var frameworks = new Frameworks(Repository.Projects.Values.Select(p => p.AssemblyName));
        var domainTypes = module.GetTypes().Where(IsDomain).ToList();
        if (project != SharedDefaults) Assert.NotEmpty(domainTypes);

        var violations = domainTypes
            .SelectMany(TypeUses.Of)
            .Select(use => (use, framework: frameworks.Of(use.Type)))
            .Where(x => x.framework is not null)
            .Select(x => $"{x.use.Where} uses {x.use.Type.FullName} ({x.framework})");
        Violations.AssertNone(violations, "the domain uses no framework type");
    }

    /// <summary>The reflection test above finds the domain by namespace; this keeps every file in Domain/ inside it.</summary>
    [Theory]
    [MemberData(nameof(Projects))]
    public void Every_file_in_the_domain_folder_declares_the_domain_namespace(string project)
    {
        var folder = Path.Combine(Repository.Root, "services", project, "Domain");
        if (project == SharedDefaults && !Directory.Exists(folder)) return;
        var files = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);

        var strays = files
            .Select(file => (file: Repository.PathOf(file), namespaces: NamespaceDeclaration().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value).ToList()))
            .Where(x => x.namespaces.Count == 0 || !x.namespaces.All(IsDomainNamespace))
            .Select(x => $"{x.file} declares [{string.Join(", ", x.namespaces)}]");
        Violations.AssertNone(strays, "every file in Domain/ declares a Domain namespace");
    }

    private static string AssemblyOf(string project) =>
        Repository.Projects.Values.Single(p => p.Path.StartsWith($"services/{project}/", StringComparison.Ordinal)).AssemblyName;

    private static bool IsDomain(TypeDefinition type) => IsDomainNamespace(Frameworks.OutermostNamespace(type));

    private static bool IsDomainNamespace(string ns) => ns.Split('.').Contains("Domain");

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();
}
