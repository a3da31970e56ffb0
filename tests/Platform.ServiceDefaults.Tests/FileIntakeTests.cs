using System.Security.Cryptography;
using Longgang.Platform.Errors;
using Longgang.Platform.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Longgang.Platform.Tests;

/// <summary>Uploads: the type from the content, the size limit however the body comes, and both stores streaming.</summary>
public sealed class FileIntakeTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const long Limit = 2 * 1024 * 1024;
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2027, 3, 1, 1, 30, 0, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    private string Folder => Path.Combine(_dir.Path, "files");

    private FileIntake Intake(IFileStore store) => new(store, new FileLimits(Limit), _clock);

    /// <summary>A PDF header, then <paramref name="size"/> bytes in all: far more than any buffer on the way.</summary>
    private static byte[] PdfOf(int size)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        "%PDF-1.7\n"u8.CopyTo(bytes);
        return bytes;
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, FileSniffer.Jpeg)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, FileSniffer.Png)]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, FileSniffer.Pdf)]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 }, null)] // GIF
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0 }, null)]                 // a Windows executable
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46 }, null)]              // "%PDF" cut short
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, null)]              // half a PNG signature
    [InlineData(new byte[0], null)]
    public void The_type_is_recognised_from_the_leading_bytes_only(byte[] header, string? expected) =>
        Assert.Equal(expected, FileSniffer.Detect(header));

    [Fact]
    public async Task A_file_larger_than_any_buffer_is_streamed_into_the_folder_with_its_size_and_hash()
    {
        var content = PdfOf(1_500_000);
        var id = Guid.NewGuid();
        var store = new FolderFileStore(Folder);

        var stored = await Intake(store).ReceiveAsync(id, new TrickleStream(content), null, Guid.NewGuid(), "identity card", "citizen-7", Ct);

        Assert.Equal((FileSniffer.Pdf, content.LongLength, FileScanStatus.Unscanned), (stored.ContentType, stored.Size, stored.ScanStatus));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), stored.Sha256);
        Assert.Equal(_clock.GetUtcNow(), stored.UploadedAt);
        await using var read = await store.OpenReadAsync(id, Ct);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy, Ct);
        Assert.Equal(content, copy.ToArray());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_as_it_comes_and_nothing_is_kept()
    {
        var store = new FolderFileStore(Folder);

        // chunked: no length declared, so the bytes are counted
        var error = await Assert.ThrowsAsync<FileRefusedException>(() =>
            Intake(store).ReceiveAsync(Guid.NewGuid(), new TrickleStream(PdfOf((int)Limit + 1)), null, Guid.NewGuid(), null, "gw-1", Ct));

        Assert.Equal(413, error.Status);
        Assert.Empty(Directory.EnumerateFiles(Folder));
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_refused_before_a_byte_is_read()
    {
        var error = await Assert.ThrowsAsync<FileRefusedException>(() =>
            Intake(new FolderFileStore(Folder)).ReceiveAsync(Guid.NewGuid(), new UnreadableStream(), Limit + 1, Guid.NewGuid(), null, "gw-1", Ct));

        Assert.Equal(413, error.Status);
    }

    [Fact]
    public async Task A_file_exactly_at_the_limit_is_accepted()
    {
        var stored = await Intake(new FolderFileStore(Folder)).ReceiveAsync(Guid.NewGuid(), new TrickleStream(PdfOf((int)Limit)), Limit,
            Guid.NewGuid(), null, "gw-1", Ct);

        Assert.Equal(Limit, stored.Size);
    }

    [Fact]
    public async Task Content_of_another_type_is_refused_whatever_it_is_called_and_an_empty_body_names_the_file()
    {
        var store = new FolderFileStore(Folder);
        var script = "#!/bin/sh\necho pdf\n"u8.ToArray();

        var refused = await Assert.ThrowsAsync<FileRefusedException>(() =>
            Intake(store).ReceiveAsync(Guid.NewGuid(), new MemoryStream(script), script.Length, Guid.NewGuid(), null, "gw-1", Ct));
        var empty = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Intake(store).ReceiveAsync(Guid.NewGuid(), new MemoryStream(), 0, Guid.NewGuid(), null, "gw-1", Ct));

        Assert.Equal(415, refused.Status);
        Assert.Equal(["file"], empty.FieldErrors.Keys);
        Assert.False(Directory.Exists(Folder) && Directory.EnumerateFiles(Folder).Any());
    }

    [Fact]
    public async Task The_database_store_streams_a_file_in_chunks_and_refuses_nothing_half_written()
    {
        var services = new ServiceCollection();
        services.AddDbContext<TallyDbContext>(o => o.UseSqlite(_dir.SqliteConnectionString("files")));
        await using var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<TallyDbContext>().Database.EnsureCreatedAsync(Ct);
        var store = new DatabaseFileStore<TallyDbContext>(provider.GetRequiredService<IServiceScopeFactory>());
        var content = PdfOf(DatabaseFileStore<TallyDbContext>.ChunkSize * 3 + 1234);
        var id = Guid.NewGuid();

        await Intake(store).ReceiveAsync(id, new TrickleStream(content), null, Guid.NewGuid(), null, "gw-1", Ct);
        await Assert.ThrowsAsync<FileRefusedException>(() =>
            Intake(store).ReceiveAsync(Guid.NewGuid(), new TrickleStream(PdfOf((int)Limit + 1)), null, Guid.NewGuid(), null, "gw-1", Ct));

        await using (var scope = provider.CreateAsyncScope())
        {
            var chunks = scope.ServiceProvider.GetRequiredService<TallyDbContext>().Set<StoredFileChunk>();
            Assert.Equal(4, await chunks.CountAsync(Ct)); // the refused file left none
        }
        await using var read = await store.OpenReadAsync(id, Ct);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy, 4096, Ct);
        Assert.Equal(content, copy.ToArray());
        await store.DeleteAsync(id, Ct);
        await Assert.ThrowsAsync<FileNotFoundException>(() => store.OpenReadAsync(id, Ct));
    }

    /// <summary>A request body as the network hands it over: a few KB per read, never the whole at once.</summary>
    private sealed class TrickleStream(byte[] content) : MemoryStream(content)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 4096));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 4096)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, 4096), cancellationToken);
    }

    private sealed class UnreadableStream : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("the body was read");

        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("the body was read");
    }
}
