namespace Longgang.Platform.Files;

/// <summary>Whether a stored file went through the malware scanner. An infected file is never stored.</summary>
public enum FileScanStatus
{
    /// <summary>ClamAV found nothing.</summary>
    Clean = 1,
    /// <summary>No scanner is configured (<c>Scanning:ClamAv</c>, e.g. the embedded host).</summary>
    Unscanned = 2,
}

/// <summary>
/// A file attached to a record of the service (an application's material, a case): the metadata, in the service's own
/// <c>stored_files</c> table. The bytes are in the <see cref="IFileStore"/> under the same id.
/// </summary>
public sealed class StoredFile
{
    public Guid Id { get; init; }
    /// <summary>The application, case... the file belongs to; access to the file follows it.</summary>
    public Guid RecordId { get; init; }
    /// <summary>The material (stored English name) for an application's file; null for a case photo.</summary>
    public string? Material { get; init; }
    /// <summary>As recognised from the content (<see cref="FileSniffer"/>), never as the caller claimed.</summary>
    public string ContentType { get; init; } = "";
    public long Size { get; init; }
    /// <summary>Lower-case hex SHA-256 of the content.</summary>
    public string Sha256 { get; init; } = "";
    public FileScanStatus ScanStatus { get; init; }
    public string UploadedBy { get; init; } = "";
    public DateTimeOffset UploadedAt { get; init; }
}

/// <summary>One piece of a file's content in the database store (<see cref="DatabaseFileStore{TContext}"/>).</summary>
public sealed class StoredFileChunk
{
    public Guid FileId { get; init; }
    public int Sequence { get; init; }
    public byte[] Data { get; init; } = [];
}
