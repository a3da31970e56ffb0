using System.Text;

namespace Longgang.Platform.Domain;

/// <summary>
/// The one spelling of an enum value outside C#: UPPER_SNAKE_CASE of its name (<c>ServiceHall</c> → <c>SERVICE_HALL</c>),
/// which is the proto enum value's name without its type prefix. Events carry it; the enum mapping tests check it
/// against the generated descriptors, so the domain needs no proto type to spell a value.
/// </summary>
public static class EnumNames
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        Enum.IsDefined(value) ? UpperSnake(value.ToString())
        : throw new ArgumentOutOfRangeException(nameof(value), value, $"not a {typeof(TEnum).Name}");

    /// <summary>The value whose name is <paramref name="name"/> (ignoring case and surrounding blanks), if any.</summary>
    public static bool TryParse<TEnum>(string? name, out TEnum value) where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Of(candidate), name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>
    /// The value as the API spells it everywhere (wire, filters, messages, docs): the proto enum value's name,
    /// i.e. the type's name and the value's, both UPPER_SNAKE (<c>Channel.ServiceHall</c> → <c>CHANNEL_SERVICE_HALL</c>).
    /// It holds because every domain enum has the name of its proto enum (the enum mapping tests check it).
    /// </summary>
    public static string Wire(Enum value) => UpperSnake(value.GetType().Name) + "_" + UpperSnake(value.ToString());

    public static string UpperSnake(string pascalCase)
    {
        var text = new StringBuilder(pascalCase.Length + 8);
        for (var i = 0; i < pascalCase.Length; i++)
        {
            var c = pascalCase[i];
            if (i > 0 && char.IsUpper(c) && (char.IsLower(pascalCase[i - 1]) || char.IsDigit(pascalCase[i - 1])))
                text.Append('_');
            text.Append(char.ToUpperInvariant(c));
        }
        return text.ToString();
    }
}
