using System.Text.RegularExpressions;
using Google.Protobuf.Reflection;

namespace Longgang.Gateway;

/// <summary>
/// The comments above each rpc in a proto file: who may call it, what they see and from which states. Generated
/// descriptors carry no comments, so the contracts projects embed their .proto files (contracts/Directory.Build.targets,
/// resource "protos/&lt;file&gt;") and this reads them from there.
/// </summary>
public static partial class ProtoComments
{
    /// <summary>"Service.Method" → the rpc's comment (its lines joined by newlines); nothing when the source is not embedded.</summary>
    public static IReadOnlyDictionary<string, string> Of(FileDescriptor file)
    {
        var assembly = file.MessageTypes.FirstOrDefault()?.ClrType?.Assembly;
        using var stream = assembly?.GetManifestResourceStream("protos/" + Path.GetFileName(file.Name));
        if (stream is null) return new Dictionary<string, string>();
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    public static IReadOnlyDictionary<string, string> Parse(string proto)
    {
        var comments = new Dictionary<string, string>(StringComparer.Ordinal);
        var pending = new List<string>();
        string? service = null;
        foreach (var raw in proto.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("//", StringComparison.Ordinal))
            {
                pending.Add(line[2..].Trim());
                continue;
            }
            if (ServiceLine().Match(line) is { Success: true } s) service = s.Groups[1].Value;
            else if (service is not null && RpcLine().Match(line) is { Success: true } rpc && pending.Count > 0)
                comments[$"{service}.{rpc.Groups[1].Value}"] = string.Join('\n', pending);
            pending.Clear();
        }
        return comments;
    }

    [GeneratedRegex(@"^service\s+(\w+)")]
    private static partial Regex ServiceLine();

    [GeneratedRegex(@"^rpc\s+(\w+)\s*\(")]
    private static partial Regex RpcLine();
}
