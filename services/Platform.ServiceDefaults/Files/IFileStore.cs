namespace Longgang.Platform.Files;

/// <summary>
/// Where a service keeps the bytes of its files, by id: the data folder in the embedded host
/// (<see cref="FolderFileStore"/>), the service's PostgreSQL database in production (<see cref="DatabaseFileStore{TContext}"/>;
/// docs/decisions.md, "File storage and scanning"). Content is streamed both ways, never held whole in memory.
/// </summary>
public interface IFileStore
{
    /// <summary>Copies <paramref name="content"/> to the store; a failure (a refused read included) leaves nothing behind.</summary>
    Task WriteAsync(Guid id, Stream content, CancellationToken cancellationToken);

    /// <summary>The content, to be read once and disposed; throws <see cref="FileNotFoundException"/> for an unknown id.</summary>
    Task<Stream> OpenReadAsync(Guid id, CancellationToken cancellationToken);

    Task DeleteAsync(Guid id, CancellationToken cancellationToken);
}
