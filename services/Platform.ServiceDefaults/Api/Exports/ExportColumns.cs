using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace Longgang.Platform.Api.Exports;

/// <summary>
/// The columns of an export: the row message's fields flattened (a nested message's fields as <c>a.b</c>, by JSON
/// name), each cell as text the way the API means it: enums by their one wire name, instants in RFC 3339 at
/// +08:00 (the day a person in Longgang saw), dates as the API writes them, a repeated field joined with "; ", a
/// field with no value empty.
/// </summary>
internal sealed class ExportColumns
{
    private const int MaxDepth = 4;
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private readonly IReadOnlyList<FieldDescriptor[]> _paths;

    private ExportColumns(IReadOnlyList<FieldDescriptor[]> paths) => _paths = paths;

    /// <summary>Each column's JSON name (<c>applicant.name</c>), the key of its title's translation.</summary>
    public IReadOnlyList<string> Names => _paths.Select(path => string.Join('.', path.Select(f => f.JsonName))).ToArray();

    public static ExportColumns Of(MessageDescriptor row)
    {
        var paths = new List<FieldDescriptor[]>();
        Flatten(row, [], paths);
        return new ExportColumns(paths);
    }

    public string[] Cells(IMessage row) => _paths.Select(path => Cell(row, path)).ToArray();

    private static void Flatten(MessageDescriptor message, FieldDescriptor[] prefix, List<FieldDescriptor[]> paths)
    {
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            FieldDescriptor[] path = [.. prefix, field];
            if (field.FieldType == FieldType.Message && !field.IsRepeated && !field.IsMap && !IsValue(field.MessageType) && path.Length < MaxDepth)
                Flatten(field.MessageType, path, paths);
            else
                paths.Add(path);
        }
    }

    /// <summary>Well-known types that are one value, not a group of columns.</summary>
    private static bool IsValue(MessageDescriptor message) =>
        message.FullName is "google.protobuf.Timestamp" or "google.protobuf.Duration" or "google.protobuf.Struct" or "google.protobuf.Value"
        || message.FullName.EndsWith("Value", StringComparison.Ordinal) && message.File.Package == "google.protobuf";

    private static string Cell(IMessage row, FieldDescriptor[] path)
    {
        var message = row;
        for (var i = 0; i < path.Length - 1; i++)
        {
            if (path[i].Accessor.GetValue(message) is not IMessage nested) return "";
            message = nested;
        }
        var field = path[^1];
        if (field.HasPresence && !field.Accessor.HasValue(message)) return "";
        var value = field.Accessor.GetValue(message);
        return value switch
        {
            System.Collections.IDictionary map when field.IsMap =>
                string.Join("; ", map.Keys.Cast<object>().Select(key => $"{key}={Text(field.MessageType.FindFieldByNumber(2), map[key])}")),
            System.Collections.IEnumerable items when field.IsRepeated => string.Join("; ", items.Cast<object>().Select(item => Text(field, item))),
            _ => Text(field, value),
        };
    }

    private static string Text(FieldDescriptor field, object? value) => value switch
    {
        null => "",
        Timestamp instant => instant.ToDateTimeOffset().ToOffset(ChinaOffset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        IMessage message when field.FieldType == FieldType.Message && IsWrapper(field.MessageType) =>
            Text(field.MessageType.FindFieldByNumber(1), field.MessageType.FindFieldByNumber(1).Accessor.GetValue(message)),
        IMessage message => JsonFormatter.Default.Format(message),
        bool flag => flag ? "true" : "false",
        ByteString bytes => bytes.ToBase64(),
        _ when field.FieldType == FieldType.Enum => field.EnumType.FindValueByNumber(Convert.ToInt32(value, CultureInfo.InvariantCulture))?.Name
                                                    ?? Convert.ToString(value, CultureInfo.InvariantCulture)!,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static bool IsWrapper(MessageDescriptor message) =>
        message.File.Package == "google.protobuf" && message.FullName.EndsWith("Value", StringComparison.Ordinal) && message.Fields.InFieldNumberOrder().Count == 1;
}
