using System.Security.Cryptography;
using Longgang.Platform.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Longgang.Platform.Files;

/// <summary>The upload limit: <c>Files:MaxBytes</c>, 10 MiB by default.</summary>
public sealed record FileLimits(long MaxBytes)
{
    public const string ConfigurationKey = "Files:MaxBytes";
    public const long DefaultMaxBytes = 10 * 1024 * 1024;
}

/// <summary>
/// The one way a file comes in: its type recognised from the first bytes, then streamed into the store while its size
/// is counted and its SHA-256 computed, then scanned when a scanner is configured. Nothing is kept of a refused file.
/// The caller checks the record and the caller's access first, and saves the returned metadata with its own change.
/// </summary>
public sealed class FileIntake(IFileStore store, FileLimits limits, TimeProvider clock, ClamAvScanner? scanner = null)
{
    /// <summary>
    /// Reads an upload from a request: the server's body limit (the JSON limit, in a host that also runs the gateway) is
    /// raised to the file limit for this request, and the intake counts the bytes itself.
    /// </summary>
    public Task<StoredFile> ReceiveAsync(Guid id, HttpRequest request, Guid recordId, string? material, string uploadedBy)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limits.MaxBytes + 1;
        return ReceiveAsync(id, request.Body, request.ContentLength, recordId, material, uploadedBy, request.HttpContext.RequestAborted);
    }

    public async Task<StoredFile> ReceiveAsync(Guid id, Stream body, long? declaredLength, Guid recordId, string? material, string uploadedBy,
        CancellationToken cancellationToken)
    {
        if (declaredLength > limits.MaxBytes) throw TooLarge();
        var header = new byte[FileSniffer.HeaderLength];
        var headerLength = await body.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        if (headerLength == 0) throw new ValidationFailedException("file", "the request body is empty: send the file's bytes");
        var contentType = FileSniffer.Detect(header.AsSpan(0, headerLength))
            ?? throw new FileRefusedException(415, "Unsupported media type", "Only JPEG, PNG and PDF files are accepted; the type is recognised from the content, not the name.");

        using var counted = new CountingStream(header[..headerLength], body, limits.MaxBytes, TooLarge);
        try
        {
            await store.WriteAsync(id, counted, cancellationToken);
        }
        catch (FileRefusedException)
        {
            await store.DeleteAsync(id, CancellationToken.None);
            throw;
        }

        var status = FileScanStatus.Unscanned;
        if (scanner is not null)
        {
            ScanVerdict verdict;
            await using (var stored = await store.OpenReadAsync(id, cancellationToken))
                verdict = await scanner.ScanAsync(stored, cancellationToken);
            if (verdict.Infected)
            {
                await store.DeleteAsync(id, CancellationToken.None);
                throw new FileRefusedException(422, "Unprocessable content", "The file contains malware ({0}) and was not kept.", verdict.Signature);
            }
            status = FileScanStatus.Clean;
        }
        return new StoredFile
        {
            Id = id, RecordId = recordId, Material = material, ContentType = contentType, Size = counted.Length,
            Sha256 = Convert.ToHexStringLower(counted.Hash()), ScanStatus = status, UploadedBy = uploadedBy, UploadedAt = clock.GetUtcNow(),
        };
    }

    private FileRefusedException TooLarge() =>
        new(413, "Request too large", "A file may be at most {0} bytes.", limits.MaxBytes);

    /// <summary>The header already read, then the rest of the body: counted, hashed, and refused as soon as it passes the limit.</summary>
    private sealed class CountingStream(byte[] header, Stream rest, long maxBytes, Func<Exception> tooLarge) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private int _headerOffset;

        public override long Length => _length;
        private long _length;

        public byte[] Hash() => _hash.GetHashAndReset();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int read;
            if (_headerOffset < header.Length)
            {
                read = Math.Min(buffer.Length, header.Length - _headerOffset);
                header.AsMemory(_headerOffset, read).CopyTo(buffer);
                _headerOffset += read;
            }
            else
            {
                read = await rest.ReadAsync(buffer, cancellationToken);
            }
            _length += read;
            // a body without Content-Length (chunked) is counted as it comes: the store's write fails and keeps nothing
            if (_length > maxBytes) throw tooLarge();
            _hash.AppendData(buffer.Span[..read]);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _hash.Dispose();
            base.Dispose(disposing);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
