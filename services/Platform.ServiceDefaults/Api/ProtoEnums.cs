using System.Reflection;
using Google.Protobuf.Reflection;
using Longgang.Platform.Domain;

namespace Longgang.Platform.Api;

/// <summary>
/// Between a domain enum and its proto enum. Proto values carry the domain's numbers (UNSPECIFIED = 0 has no domain
/// value) and its names (<see cref="EnumNames"/>); <see cref="Mismatches"/> checks both against the generated code,
/// and every service's enum mapping test runs it over every pair.
/// </summary>
public static class ProtoEnums
{
    /// <summary>Domain → wire. A domain value the proto lacks is a programming error the mapping test catches.</summary>
    public static TProto ToProto<TProto>(Enum domain) where TProto : struct, Enum
    {
        var number = Convert.ToInt32(domain, System.Globalization.CultureInfo.InvariantCulture);
        return Enum.IsDefined(typeof(TProto), number) && number != 0 ? (TProto)Enum.ToObject(typeof(TProto), number)
            : throw new InvalidOperationException($"{domain.GetType().Name}.{domain} has no {typeof(TProto).Name} value");
    }

    /// <summary>Wire → domain: null for UNSPECIFIED and for numbers the domain does not know, so validation names the field (a 400, not a 500).</summary>
    public static TDomain? ToDomain<TDomain>(Enum proto) where TDomain : struct, Enum
    {
        var number = Convert.ToInt32(proto, System.Globalization.CultureInfo.InvariantCulture);
        return number != 0 && Enum.IsDefined(typeof(TDomain), number) ? (TDomain)Enum.ToObject(typeof(TDomain), number) : null;
    }

    /// <summary>Wire → domain for an optional filter: null when unset (UNSPECIFIED); false when the number is unknown.</summary>
    public static bool TryFilter<TDomain>(Enum proto, out TDomain? filter) where TDomain : struct, Enum
    {
        filter = ToDomain<TDomain>(proto);
        return filter is not null || Convert.ToInt32(proto, System.Globalization.CultureInfo.InvariantCulture) == 0;
    }

    /// <summary>The value's name as the proto file spells it (CHANNEL_SERVICE_HALL), from the generated descriptor attribute.</summary>
    public static string WireName(Enum proto) =>
        proto.GetType().GetField(proto.ToString())?.GetCustomAttribute<OriginalNameAttribute>()?.Name
        ?? throw new ArgumentOutOfRangeException(nameof(proto), proto, $"not a {proto.GetType().Name} value");

    /// <summary>
    /// Everything that breaks the one-to-one mapping between <paramref name="domain"/> and <paramref name="proto"/>:
    /// a domain value without a proto value of the same number and name, or a proto value (other than UNSPECIFIED)
    /// without a domain value. Empty when they map both ways.
    /// </summary>
    public static IReadOnlyList<string> Mismatches(Type domain, Type proto)
    {
        var prefix = EnumNames.UpperSnake(proto.Name) + "_";
        var problems = new List<string>();
        // EnumNames.Wire spells a domain value from its type's name: the two types must share it
        if (domain.Name != proto.Name) problems.Add($"{domain.Name} is named {proto.Name} on the wire; give both one name");
        foreach (Enum value in Enum.GetValues(domain))
        {
            var number = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
            if (number == 0 || !Enum.IsDefined(proto, number))
            {
                problems.Add($"{domain.Name}.{value} ({number}) has no {proto.Name} value");
                continue;
            }
            var wire = WireName((Enum)Enum.ToObject(proto, number));
            var expected = prefix + EnumNames.UpperSnake(value.ToString());
            if (wire != expected) problems.Add($"{domain.Name}.{value} ({number}) is {wire} on the wire, expected {expected}");
        }
        foreach (Enum value in Enum.GetValues(proto))
        {
            var number = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
            if (number != 0 && !Enum.IsDefined(domain, number)) problems.Add($"{proto.Name}.{value} ({number}) has no {domain.Name} value");
        }
        return problems;
    }
}
