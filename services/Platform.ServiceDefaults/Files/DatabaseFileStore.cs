using Longgang.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Longgang.Platform.Files;

/// <summary>
/// The production store: the content in the service's own database, in chunks of <see cref="ChunkSize"/> bytes
/// (<c>stored_file_chunks</c>), so that both directions stream a chunk at a time and the files are in the database's
/// backups with the records they belong to. Each call works in a DbContext of its own, apart from the request's.
/// </summary>
public sealed class DatabaseFileStore<TContext>(IServiceScopeFactory scopes) : IFileStore where TContext : PlatformDbContext
{
    public const int ChunkSize = 256 * 1024;

    public async Task WriteAsync(Guid id, Stream content, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var buffer = new byte[ChunkSize];
        for (var sequence = 0; ; sequence++)
        {
            var read = await content.ReadAtLeastAsync(buffer, ChunkSize, throwOnEndOfStream: false, cancellationToken);
            if (read == 0) break;
            var chunk = new StoredFileChunk { FileId = id, Sequence = sequence, Data = buffer[..read] };
            db.Add(chunk);
            await db.SaveChangesAsync(cancellationToken);
            // only the chunk being written is held, whatever the file's size
            db.Entry(chunk).State = EntityState.Detached;
            if (read < ChunkSize) break;
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<Stream> OpenReadAsync(Guid id, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        if (!await db.Set<StoredFileChunk>().AnyAsync(c => c.FileId == id, cancellationToken))
        {
            await scope.DisposeAsync();
            throw new FileNotFoundException($"No stored file {id}.");
        }
        return new ChunkStream(scope, db, id);
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await db.Set<StoredFileChunk>().Where(c => c.FileId == id).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Reads the chunks in order, one query per chunk.</summary>
    private sealed class ChunkStream(AsyncServiceScope scope, TContext db, Guid id) : Stream
    {
        private byte[] _chunk = [];
        private int _offset;
        private int _sequence;
        private bool _ended;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_offset == _chunk.Length && !_ended)
            {
                var sequence = _sequence++;
                _chunk = await db.Set<StoredFileChunk>().AsNoTracking()
                    .Where(c => c.FileId == id && c.Sequence == sequence).Select(c => c.Data)
                    .FirstOrDefaultAsync(cancellationToken) ?? [];
                _offset = 0;
                _ended = _chunk.Length == 0;
            }
            var count = Math.Min(buffer.Length, _chunk.Length - _offset);
            _chunk.AsMemory(_offset, count).CopyTo(buffer);
            _offset += count;
            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override async ValueTask DisposeAsync()
        {
            await scope.DisposeAsync();
            await base.DisposeAsync();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) scope.Dispose();
            base.Dispose(disposing);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
