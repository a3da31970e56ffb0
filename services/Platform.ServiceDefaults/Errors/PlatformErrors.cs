namespace Longgang.Platform.Errors;

/// <summary>
/// Errors the domain raises. They carry no framework type: the gRPC layer maps them to status codes
/// (InvalidArgument, NotFound, FailedPrecondition, PermissionDenied) and the REST layer to problem details.
/// </summary>
public abstract class PlatformException(string message) : Exception(message);

/// <summary>Bad input: one entry per offending field, named as in the JSON API (lowerCamelCase).</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string> fieldErrors)
    : PlatformException("Validation failed: " + string.Join("; ", fieldErrors.Select(e => $"{e.Key}: {e.Value}")))
{
    public IReadOnlyDictionary<string, string> FieldErrors { get; } = fieldErrors;

    public ValidationFailedException(string field, string error)
        : this(new Dictionary<string, string> { [field] = error }) { }
}

public sealed class NotFoundException(string what, string id) : PlatformException($"{what} '{id}' was not found.");

/// <summary>An illegal state change, or a duplicate: HTTP 409.</summary>
public sealed class ConflictException(string message) : PlatformException(message);

/// <summary>The caller is known but may not see or change this (a foreign district or department): HTTP 403.</summary>
public sealed class ForbiddenException(string message) : PlatformException(message);

/// <summary>Collects field errors so a request reports all of its bad fields at once.</summary>
public sealed class Validator
{
    private readonly Dictionary<string, string> _errors = new();

    public Validator Require(bool condition, string field, string error)
    {
        if (!condition) _errors.TryAdd(field, error);
        return this;
    }

    public Validator RequireText(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) return Require(false, field, "is required");
        return Require(value.Length <= maxLength, field, $"must be at most {maxLength} characters");
    }

    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0) throw new ValidationFailedException(_errors);
    }
}
