using System.Collections;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Longgang.Platform.Errors;

/// <summary>
/// Refuses a request with the NUL character (U+0000) in any text field, naming the field (400 / InvalidArgument).
/// JSON and protobuf carry it, SQLite stores it, but PostgreSQL can neither store nor compare it in a text column: the
/// write or the query would fail with a 500 after validation had passed. No field of the API has a use for it.
/// </summary>
public sealed class NulCharacterInterceptor : Interceptor
{
    public const string Error = "must not contain the NUL character (U+0000)";

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (request is IMessage message && FindNul(message, "") is { } field)
            throw new ValidationFailedException(field, Error);
        return continuation(request, context);
    }

    /// <summary>The JSON path of the first text holding a NUL ("applicantName", "materials[2]"), or null.</summary>
    public static string? FindNul(IMessage message, string prefix)
    {
        foreach (var field in message.Descriptor.Fields.InDeclarationOrder())
        {
            var path = prefix + field.JsonName;
            switch (field.Accessor.GetValue(message))
            {
                case string text when text.Contains('\0'):
                    return path;
                case IMessage nested when FindNul(nested, path + ".") is { } inner:
                    return inner;
                case IDictionary map:
                    foreach (DictionaryEntry entry in map)
                    {
                        if (entry.Key is string key && key.Contains('\0') || entry.Value is string value && value.Contains('\0'))
                            return $"{path}.{entry.Key}";
                    }

                    break;
                case IList list:
                    for (var i = 0; i < list.Count; i++)
                    {
                        if (list[i] is string item && item.Contains('\0')) return $"{path}[{i}]";
                        if (list[i] is IMessage element && FindNul(element, $"{path}[{i}].") is { } inner) return inner;
                    }
                    break;
            }
        }
        return null;
    }
}
