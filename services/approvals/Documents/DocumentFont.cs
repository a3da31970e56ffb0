using System.Buffers.Binary;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PdfSharp.Fonts;

namespace Longgang.Approvals.Documents;

/// <summary>
/// The CJK font every printed document is set in, read from <c>Documents:FontPath</c>: WenQuanYi Zen Hei from Debian's
/// fonts-wqy-zenhei, installed in the service images, so a PDF comes out the same in every container. It has TrueType
/// outlines, which PDFsharp embeds (as a subset); PDFsharp reads the first face of a .ttc collection, the proportional
/// one here. CFF-outline fonts such as fonts-noto-cjk embed whole, not as a subset (docs/decisions.md).
/// </summary>
public sealed class DocumentFont
{
    public const string PathKey = "Documents:FontPath";
    /// <summary>Where Debian's fonts-wqy-zenhei puts it; the images set the same path explicitly.</summary>
    public const string DefaultPath = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";
    public const string FamilyName = "WenQuanYi Zen Hei";

    public DocumentFont(IConfiguration configuration) : this(configuration[PathKey] is { Length: > 0 } path ? path : DefaultPath) { }

    public DocumentFont(string path)
    {
        Path = path;
        Resolver.Use(path);
    }

    public string Path { get; }

    public bool IsInstalled => File.Exists(Path);

    /// <summary>What an operator reads when the font is missing (health, logs, the 503 of a download).</summary>
    public string MissingMessage =>
        $"The CJK font for printed documents is missing at {Path} ({PathKey}): install Debian's fonts-wqy-zenhei or point {PathKey} at a TrueType CJK font.";

    private static readonly FileFontResolver Resolver = new();

    /// <summary>
    /// PDFsharp takes one process-wide resolver; every host in a process (tests start several) reads the same font, so the
    /// first configured path is the one loaded, once.
    /// </summary>
    private sealed class FileFontResolver : IFontResolver
    {
        private string? _path;
        private readonly Lazy<byte[]> _bytes;

        public FileFontResolver()
        {
            _bytes = new Lazy<byte[]>(() => TrueTypeCollection.FirstFace(File.ReadAllBytes(_path!)));
        }

        public void Use(string path)
        {
            lock (this)
            {
                if (_path is not null) return;
                _path = path;
                GlobalFontSettings.FontResolver = this;
            }
        }

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(FamilyName);

        public byte[]? GetFont(string faceName) => _bytes.Value;
    }
}

/// <summary>
/// PDFsharp 6.2 fails on a TrueType collection (.ttc) with a NullReferenceException while reading it, so the first face
/// is cut out into a font file of its own: the same tables, their offsets counted from the new file's start.
/// </summary>
public static class TrueTypeCollection
{
    public static byte[] FirstFace(byte[] file)
    {
        if (file.Length < 16 || file[0] != 't' || file[1] != 't' || file[2] != 'c' || file[3] != 'f') return file;
        var face = (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(12));
        var tables = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(face + 4));
        var directoryLength = 12 + 16 * tables;
        var records = Enumerable.Range(0, tables).Select(i => face + 12 + 16 * i)
            .Select(at => (At: at, Offset: (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at + 8)), Length: (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at + 12))))
            .ToList();
        var output = new byte[directoryLength + records.Sum(r => (r.Length + 3) & ~3)];
        file.AsSpan(face, directoryLength).CopyTo(output);
        var position = directoryLength;
        for (var i = 0; i < records.Count; i++)
        {
            file.AsSpan(records[i].Offset, records[i].Length).CopyTo(output.AsSpan(position));
            BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(12 + 16 * i + 8), (uint)position);
            position += (records[i].Length + 3) & ~3; // tables start on four-byte boundaries
        }
        return output;
    }
}

/// <summary>Readiness says when documents cannot be printed; Degraded, so the rest of the service stays in service.</summary>
public sealed class DocumentFontCheck(DocumentFont font) : IHealthCheck
{
    public const string Name = "document-font";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(font.IsInstalled ? HealthCheckResult.Healthy(font.Path) : HealthCheckResult.Degraded(font.MissingMessage));
}
