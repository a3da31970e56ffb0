using Longgang.Platform.Audit;
using Longgang.Platform.Data;
using Longgang.Platform.Errors;
using Longgang.Platform.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Longgang.Platform.Files;

/// <summary>A service's files: where they are stored and how they come in. One per DbContext (the embedded host runs several services).</summary>
public sealed class FileAttachments<TContext>(IFileStore store, FileIntake intake) where TContext : PlatformDbContext
{
    public IFileStore Store { get; } = store;
    public FileIntake Intake { get; } = intake;

    /// <summary>
    /// Streams a file the caller may read (the record's access was checked) to the response.
    /// </summary>
    public async Task<IResult> DownloadAsync(HttpContext http, StoredFile file)
    {
        var content = await Store.OpenReadAsync(file.Id, http.RequestAborted);
        http.Response.ContentLength = file.Size;
        // the type was recognised from the content at upload; the browser must not guess another
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Stream(content, file.ContentType, $"{file.Id}{FileSniffer.ExtensionOf(file.ContentType)}");
    }
}

public static class FileExtensions
{
    /// <summary>
    /// Files for <typeparamref name="TContext"/>'s records: stored in its PostgreSQL database when
    /// <c>ConnectionStrings:{database}</c> is set, otherwise under <c>{Storage:DataDirectory}/files/{database}/</c>;
    /// scanned by clamd when <c>Scanning:ClamAv</c> is set (else marked unscanned); at most <c>Files:MaxBytes</c>.
    /// </summary>
    public static IHostApplicationBuilder AddFileAttachments<TContext>(this IHostApplicationBuilder builder, string database)
        where TContext : PlatformDbContext
    {
        var configuration = builder.Configuration;
        var inDatabase = !string.IsNullOrWhiteSpace(configuration.GetConnectionString(database));
        var folder = Path.GetFullPath(Path.Combine(configuration[SqliteSchema.DataDirectoryKey] ?? "data", "files", database));
        var limits = new FileLimits(configuration.GetValue(FileLimits.ConfigurationKey, FileLimits.DefaultMaxBytes));
        var scanner = string.IsNullOrWhiteSpace(configuration[ClamAvScanner.ConfigurationKey])
            ? null
            : ClamAvScanner.Parse(configuration[ClamAvScanner.ConfigurationKey]!);
        builder.Services.AddSingleton(services =>
        {
            IFileStore store = inDatabase
                ? new DatabaseFileStore<TContext>(services.GetRequiredService<IServiceScopeFactory>())
                : new FolderFileStore(folder);
            return new FileAttachments<TContext>(store, new FileIntake(store, limits, services.GetRequiredService<TimeProvider>(), scanner));
        });
        return builder;
    }

    /// <summary>A 400 naming every query parameter the route does not read, as the transcoded routes answer.</summary>
    public static void RequireOnlyParameters(HttpRequest request, params string[] known)
    {
        var unknown = request.Query.Keys.Where(k => !known.Contains(k, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
            throw new ValidationFailedException(unknown.ToDictionary(k => k, _ => new LocalText(RequestShape.NotAParameter)));
    }

    /// <summary>The <c>stored_files</c> and <c>stored_file_chunks</c> tables, for a service's OnModelCreating.</summary>
    public static ModelBuilder AddStoredFiles(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<StoredFile>(e =>
        {
            e.ToTable("stored_files");
            e.HasKey(f => f.Id);
            e.Property(f => f.Material).HasMaxLength(200);
            e.Property(f => f.ContentType).HasMaxLength(64);
            e.Property(f => f.Sha256).HasMaxLength(64);
            e.Property(f => f.UploadedBy).HasMaxLength(64);
            e.HasIndex(f => new { f.RecordId, f.UploadedAt });
        });
        modelBuilder.Entity<StoredFileChunk>(e =>
        {
            e.ToTable("stored_file_chunks");
            e.HasKey(c => new { c.FileId, c.Sequence });
        });
        return modelBuilder;
    }

    /// <summary>
    /// Runs a file endpoint's work and answers its refusals as problems, as the gRPC routes do: these plain HTTP
    /// endpoints are outside the gRPC error mapping.
    /// </summary>
    public static async Task<IResult> AnswerAsync(HttpContext http, Func<Task<IResult>> work)
    {
        try
        {
            return await work();
        }
        catch (PlatformException ex)
        {
            var problem = ex switch
            {
                FileRefusedException refused => new PlatformProblem(refused.Status, refused.Title, ex.Text, null),
                ValidationFailedException invalid => new PlatformProblem(StatusCodes.Status400BadRequest, "Invalid request", ex.Text, invalid.FieldTexts),
                NotFoundException => new PlatformProblem(StatusCodes.Status404NotFound, "Not found", ex.Text, null),
                ForbiddenException => new PlatformProblem(StatusCodes.Status403Forbidden, "Forbidden", ex.Text, null),
                ConflictException => new PlatformProblem(StatusCodes.Status409Conflict, "Conflict", ex.Text, null),
                _ => new PlatformProblem(StatusCodes.Status500InternalServerError, "Internal error", ex.Text, null),
            };
            if (problem.Status == StatusCodes.Status413PayloadTooLarge) http.Response.Headers.Connection = "close";
            await ProblemDetailsMiddleware.WriteAsync(http, http.RequestServices.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>(), problem);
            return Results.Empty;
        }
    }
}

/// <summary>Uploads and downloads (refused ones too) in the service's audit log, beside the gRPC calls the interceptor records.</summary>
public static class FileAudit
{
    /// <summary>
    /// In a DbContext of its own: the request's may hold a change that is being refused, which must not be saved with
    /// the entry.
    /// </summary>
    public static async Task RecordAsync<TContext>(HttpContext http, string method, string? resourceId, string outcome) where TContext : PlatformDbContext
    {
        await using var scope = http.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var user = http.User;
        db.AuditLog.Add(new AuditEntry
        {
            At = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow(),
            Subject = AuditInterceptor<TContext>.Truncate(user.FindFirst(PlatformClaims.Subject)?.Value, 64) ?? "anonymous",
            Role = AuditInterceptor<TContext>.Truncate(user.FindFirst(PlatformClaims.Role)?.Value, 32) ?? "",
            Method = method,
            ResourceId = AuditInterceptor<TContext>.Truncate(resourceId, 100),
            Outcome = outcome,
            ClientAddress = AuditInterceptor<TContext>.Truncate(AuditInterceptor<TContext>.ClientAddressOf(http), 100),
            CorrelationId = AuditInterceptor<TContext>.Truncate(http.Items[CorrelationIdMiddleware.HeaderName] as string, 100),
        });
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>Records the outcome of a file request (a refusal as its gRPC status name) and passes the refusal on.</summary>
    public static async Task<IResult> AuditedAsync<TContext>(HttpContext http, string method, string? resourceId, Func<Task<IResult>> work)
        where TContext : PlatformDbContext
    {
        IResult result;
        try
        {
            result = await work();
        }
        catch (Exception ex) when (ex is PlatformException)
        {
            await RecordAsync<TContext>(http, method, resourceId, ex is FileRefusedException ? "Refused" : AuditInterceptor<TContext>.OutcomeOf(ex));
            throw;
        }
        await RecordAsync<TContext>(http, method, resourceId, "OK");
        return result;
    }
}
