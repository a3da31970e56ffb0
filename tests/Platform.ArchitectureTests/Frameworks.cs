using Mono.Cecil;

namespace Longgang.Platform.ArchitectureTests;

/// <summary>
/// The frameworks the domain must not know (the generated protobuf messages count as gRPC), recognised by namespace
/// or by the assembly a type comes from (EF Core and ASP.NET Core also put extension methods in Microsoft.Extensions.*
/// namespaces). A type of the repository's own is framework-bound when its base types or interfaces are: a domain
/// field of a DbContext subclass leaks EF all the same.
/// </summary>
public sealed class Frameworks
{
    private static readonly (string Framework, string[] Prefixes)[] Forbidden =
    [
        ("ASP.NET Core", ["Microsoft.AspNetCore"]),
        ("EF Core", ["Microsoft.EntityFrameworkCore", "Npgsql", "Microsoft.Data.Sqlite"]),
        ("MassTransit", ["MassTransit"]),
        ("gRPC", ["Grpc", "Google.Protobuf"]), // protobuf: the generated messages belong to the Grpc/ layer
    ];

    private readonly HashSet<string> _repositoryAssemblies;
    private readonly Dictionary<string, Finding?> _ownTypes = new();

    public Frameworks(IEnumerable<string> repositoryAssemblies) => _repositoryAssemblies = repositoryAssemblies.ToHashSet();

    /// <summary>
    /// "EF Core", "gRPC", ... when <paramref name="type"/> belongs to a forbidden framework; "EF Core, through A : B"
    /// when it is a type of ours built on one; else null.
    /// </summary>
    public string? Of(TypeReference type) => Find(type)?.ToString();

    private sealed record Finding(string Framework, IReadOnlyList<string> Through)
    {
        public override string ToString() => Through.Count == 0 ? Framework : $"{Framework}, through {string.Join(" : ", Through)}";
    }

    private Finding? Find(TypeReference type)
    {
        var direct = Direct(type);
        if (direct is not null) return new Finding(direct, []);
        return _repositoryAssemblies.Contains(AssemblyOf(type)) ? Inherited(type) : null;
    }

    private static string? Direct(TypeReference type)
    {
        var ns = OutermostNamespace(type);
        var assembly = AssemblyOf(type);
        return Forbidden
            .Where(f => f.Prefixes.Any(p => Within(ns, p) || Within(assembly, p)))
            .Select(f => f.Framework)
            .FirstOrDefault();
    }

    private Finding? Inherited(TypeReference type)
    {
        var key = type.FullName + ", " + AssemblyOf(type);
        if (_ownTypes.TryGetValue(key, out var known)) return known;
        _ownTypes[key] = null; // a type cycle (through generic arguments) ends here
        var definition = type.Resolve()
                         ?? throw new InvalidOperationException($"{key} cannot be resolved from the test output");
        var bases = definition.Interfaces.Select(i => i.InterfaceType).Prepend(definition.BaseType).OfType<TypeReference>();
        Finding? found = null;
        foreach (var @base in bases)
        {
            var inner = Find(@base is GenericInstanceType generic ? generic.ElementType : @base);
            if (inner is null) continue;
            found = inner with { Through = [@base.FullName, .. inner.Through] };
            break;
        }
        return _ownTypes[key] = found;
    }

    public static string AssemblyOf(TypeReference type) => type.Scope switch
    {
        AssemblyNameReference reference => reference.Name,
        ModuleDefinition module => module.Assembly.Name.Name,
        var other => other.Name,
    };

    public static string OutermostNamespace(TypeReference type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type.Namespace;
    }

    private static bool Within(string name, string prefix) => name == prefix || name.StartsWith(prefix + ".", StringComparison.Ordinal);
}
