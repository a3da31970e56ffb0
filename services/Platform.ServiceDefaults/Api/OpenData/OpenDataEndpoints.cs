using System.Security.Cryptography;
using Longgang.Platform.Errors;
using Longgang.Platform.Files;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace Longgang.Platform.Api.OpenData;

/// <summary>
/// The file names of the open data under <c>/api/{service}/v1/public/open-data/</c>: <c>{dataset}-{year}.csv</c>,
/// <c>{dataset}-{year}.json</c> and <c>{dataset}.dictionary.json</c>.
/// </summary>
public static class OpenDataFiles
{
    public const int MinYear = 2020;
    public const int MaxYear = 2100;

    public static string Route(string service) => $"/api/{service}/v1/public/open-data/{{file}}";

    public static string DictionaryFile(string dataset) => $"{dataset}.dictionary.json";

    public static string YearFile(string dataset, int year, string extension) => $"{dataset}-{year}.{extension}";
}

/// <summary>
/// Serves a service's open datasets anonymously: each file computed once per minute at most (HybridCache: concurrent
/// requests for a file that is not cached wait for the one computation), with a strong ETag and
/// <c>Cache-Control: public</c>, so a client or proxy that has the file gets a 304.
/// </summary>
public static class OpenDataEndpoints
{
    private static readonly HybridCacheEntryOptions CacheFor = new() { Expiration = TimeSpan.FromMinutes(1), LocalCacheExpiration = TimeSpan.FromMinutes(1) };
    private const string CacheControl = "public, max-age=300";

    /// <summary>
    /// Registers a dataset of <paramref name="service"/> (scoped: it reads the service's database), keyed by the service:
    /// the embedded host runs every service in one process, each serving its own datasets.
    /// </summary>
    public static IServiceCollection AddOpenDataset<TDataset>(this IServiceCollection services, string service) where TDataset : class, IOpenDataset =>
        services.AddKeyedScoped<IOpenDataset, TDataset>(service);

    public static WebApplication MapOpenData(this WebApplication app, string service)
    {
        app.MapGet(OpenDataFiles.Route(service), (HttpContext http, string file, HybridCache cache) =>
            AnswerAsync(http, service, file, http.RequestServices.GetKeyedServices<IOpenDataset>(service), cache)).AllowAnonymous();
        return app;
    }

    private static Task<IResult> AnswerAsync(HttpContext http, string service, string file, IEnumerable<IOpenDataset> datasets, HybridCache cache) =>
        FileExtensions.AnswerAsync(http, () => FileAsync(http, service, file, datasets, cache));

    private static async Task<IResult> FileAsync(HttpContext http, string service, string file, IEnumerable<IOpenDataset> datasets, HybridCache cache)
    {
        FileExtensions.RequireOnlyParameters(http.Request);
        var (dataset, year, extension) = Resolve(file, datasets);
        var contentType = extension == "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
        var content = await cache.GetOrCreateAsync($"{service}:open-data:{file}", async ct => year is { } y
                ? extension == "csv"
                    ? OpenDataWriters.Csv(dataset.Dictionary, await dataset.RowsAsync(y, ct))
                    : OpenDataWriters.Rows(dataset.Dictionary, y, await dataset.RowsAsync(y, ct))
                : OpenDataWriters.Dictionary(dataset.Dictionary),
            CacheFor, cancellationToken: http.RequestAborted);

        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..32]}\"";
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = CacheControl;
        if (http.Request.Headers.IfNoneMatch.Any(value => value is not null && value.Split(',').Any(tag => tag.Trim() == etag || tag.Trim() == "*")))
            return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(content, contentType, fileDownloadName: null);
    }

    /// <summary>The dataset a file name names, with its year (none for the dictionary) and extension; 404 for no such file, 400 for a bad year.</summary>
    private static (IOpenDataset Dataset, int? Year, string Extension) Resolve(string file, IEnumerable<IOpenDataset> datasets)
    {
        foreach (var dataset in datasets)
        {
            var name = dataset.Dictionary.Name;
            if (file == OpenDataFiles.DictionaryFile(name)) return (dataset, null, "json");
            if (!file.StartsWith(name + "-", StringComparison.Ordinal)) continue;
            var dot = file.LastIndexOf('.');
            var extension = dot < 0 ? "" : file[(dot + 1)..];
            if (extension is not ("csv" or "json")) break;
            var yearText = file[(name.Length + 1)..dot];
            var isYear = int.TryParse(yearText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year);
            if (!isYear || year is < OpenDataFiles.MinYear or > OpenDataFiles.MaxYear)
            {
                throw new ValidationFailedException("year", "must be between {0} and {1}", OpenDataFiles.MinYear, OpenDataFiles.MaxYear);
            }
            return (dataset, year, extension);
        }
        throw new NotFoundException("Open data file", file);
    }
}
