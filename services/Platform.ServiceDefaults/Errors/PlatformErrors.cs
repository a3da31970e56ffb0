using System.Globalization;

namespace Longgang.Platform.Errors;

/// <summary>
/// Errors the domain raises. They carry no framework type: the gRPC layer maps them to status codes
/// (InvalidArgument, NotFound, FailedPrecondition, PermissionDenied) and the REST layer to problem details.
/// The message is a <see cref="LocalText"/>: English in logs, translated for the caller at the API boundary.
/// </summary>
public abstract class PlatformException(LocalText text) : Exception(text.ToString())
{
    public LocalText Text { get; } = text;
}

/// <summary>Bad input: one entry per offending field, named as in the JSON API (lowerCamelCase).</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, LocalText> fieldTexts)
    : PlatformException(new LocalText("Validation failed: {0}", fieldTexts.Select(e => new LocalText("{0}: {1}", e.Key, e.Value)).ToArray()))
{
    /// <summary>Each field's error in English, as logged.</summary>
    public IReadOnlyDictionary<string, string> FieldErrors { get; } = fieldTexts.ToDictionary(e => e.Key, e => e.Value.ToString());

    /// <summary>Each field's error, to be translated for the caller.</summary>
    public IReadOnlyDictionary<string, LocalText> FieldTexts { get; } = fieldTexts;

    public ValidationFailedException(string field, string error, params object?[] args)
        : this(new Dictionary<string, LocalText> { [field] = new(error, args) }) { }
}

public sealed class NotFoundException(string what, string id) : PlatformException(new LocalText("{0} '{1}' was not found.", new LocalText(what), id));

/// <summary>An illegal state change, or a duplicate: HTTP 409.</summary>
public sealed class ConflictException(string text, params object?[] args) : PlatformException(new LocalText(text, args));

/// <summary>The caller is known but may not see or change this (a foreign district or department): HTTP 403.</summary>
public sealed class ForbiddenException(string text, params object?[] args) : PlatformException(new LocalText(text, args));

/// <summary>Collects field errors so a request reports all of its bad fields at once.</summary>
public sealed class Validator
{
    private readonly Dictionary<string, LocalText> _errors = new();

    /// <param name="error">English, with <c>{0}</c>-style placeholders for <paramref name="args"/>: the key of its translations.</param>
    public Validator Require(bool condition, string field, string error, params object?[] args)
    {
        if (!condition) _errors.TryAdd(field, new LocalText(error, args));
        return this;
    }

    /// <summary>Required text of at most <paramref name="maxLength"/> characters as a person counts them (text elements).</summary>
    public Validator RequireText(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) return Require(false, field, "is required");
        return Require(Domain.TextRules.Length(value) <= maxLength, field, "must be at most {0} characters", maxLength);
    }

    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0) throw new ValidationFailedException(_errors);
    }
}

/// <summary>
/// Text a person reads, not yet in their language: the English text with <c>{0}</c>-style placeholders (also the key
/// of its translations in the resources) and its arguments. An argument that is itself a <see cref="LocalText"/> is
/// translated too; an enum argument is written with its one API spelling (<see cref="Domain.EnumNames.Wire"/>).
/// Plain C#, so the domain can raise it; the API boundary translates it (PlatformText).
/// </summary>
public readonly record struct LocalText(string Text, params object?[] Args)
{
    public static implicit operator LocalText(string text) => new(text);

    /// <summary>The English text, as logs and exception messages carry it.</summary>
    public override string ToString() => Format(CultureInfo.InvariantCulture, t => t);

    /// <summary>Formats with <paramref name="translate"/> applied to the text and to every nested text.</summary>
    public string Format(IFormatProvider culture, Func<string, string> translate)
    {
        var text = translate(Text);
        if (Args is not { Length: > 0 }) return text;
        var args = Args.Select(a => a switch
        {
            LocalText nested => nested.Format(culture, translate),
            // several texts in one placeholder (each field's error): translated one by one
            IEnumerable<LocalText> list => string.Join("; ", list.Select(t => t.Format(culture, translate))),
            LocalList list => string.Join(translate(LocalList.Separator), list.Items.Select(t => t.Format(culture, translate))),
            Enum value => Domain.EnumNames.Wire(value),
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => a,
        }).ToArray();
        return string.Format(culture, text, args);
    }
}

/// <summary>
/// Names written as a list is in the reader's language ("a, b" in English, "a、b" in Chinese), each translated where a
/// translation exists (a name a person typed stays as typed): an argument of a <see cref="LocalText"/>.
/// </summary>
public sealed record LocalList(IReadOnlyList<LocalText> Items)
{
    public const string Separator = ", ";

    public static LocalList Of(IEnumerable<string> names) => new(names.Select(n => new LocalText(n)).ToList());
}
