using Longgang.Platform.Api;

namespace Longgang.Platform.Testing;

/// <summary>The check every service's enum mapping test makes (see <see cref="ProtoEnums.Mismatches"/>).</summary>
public static class EnumPairs
{
    /// <summary>
    /// Everything wrong with a service's enums: a pair that does not map both ways (by number and by name), or an enum
    /// of the domain (the namespace of <paramref name="domainType"/>) that has no pair and is not one of
    /// <paramref name="domainOnly"/>. Empty when every domain enum maps to its proto enum both ways.
    /// </summary>
    public static IReadOnlyList<string> Problems(Type domainType, IReadOnlyList<(Type Domain, Type Proto)> pairs, params Type[] domainOnly) =>
        pairs.SelectMany(p => ProtoEnums.Mismatches(p.Domain, p.Proto))
            .Concat(domainType.Assembly.GetTypes()
                .Where(t => t.IsEnum && t.Namespace == domainType.Namespace)
                .Except(pairs.Select(p => p.Domain)).Except(domainOnly)
                .Select(t => $"{t.Name} has no proto enum paired with it"))
            .ToList();
}
