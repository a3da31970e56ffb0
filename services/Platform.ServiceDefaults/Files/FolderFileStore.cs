namespace Longgang.Platform.Files;

/// <summary>The embedded host's store: one file per id under <c>{Storage:DataDirectory}/files/{area}/</c>.</summary>
public sealed class FolderFileStore(string folder) : IFileStore
{
    private const int BufferSize = 81920;

    public async Task WriteAsync(Guid id, Stream content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        // written beside and renamed, so a reader never sees half a file
        var partial = PathOf(id) + ".part";
        try
        {
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
                await content.CopyToAsync(file, BufferSize, cancellationToken);
            File.Move(partial, PathOf(id), overwrite: true);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    public Task<Stream> OpenReadAsync(Guid id, CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(new FileStream(PathOf(id), FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true));

    public Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(id));
        return Task.CompletedTask;
    }

    private string PathOf(Guid id) => Path.Combine(folder, id.ToString("N"));
}
