using System.Runtime.CompilerServices;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Longgang.Platform.Errors;
using Longgang.Platform.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Longgang.Platform.Api.Exports;

/// <summary>
/// One export route: binds the list request, calls the list's rpc page after page with the largest page size, and
/// streams the rows of the response's first repeated message field (a report's too: it has one page). Everything that
/// can be refused is refused before the first byte, as a problem body: bad parameters, the caller's access (the rpc's
/// own checks, on the first page), and an export over <c>Exports:MaxRows</c> rows (default 50,000). A failure after
/// the first byte aborts the response, so a client never takes a cut-off file for a whole one.
/// </summary>
internal sealed class ExportHandler
{
    public const int DefaultMaxRows = 50_000;

    private readonly MethodDescriptor _method;
    private readonly IReadOnlyDictionary<string, string> _routeFields;
    private readonly UnaryMethodInvoker _invoker;
    private readonly FieldDescriptor? _rows;
    private readonly FieldDescriptor? _pageSize;
    private readonly FieldDescriptor? _pageToken;
    private readonly FieldDescriptor? _nextPageToken;
    private readonly FieldDescriptor? _totalSize;
    private readonly ExportColumns? _columns;

    public ExportHandler(MethodDescriptor method, IReadOnlyDictionary<string, string> routeFields, UnaryMethodInvoker invoker)
    {
        _method = method;
        _routeFields = routeFields;
        _invoker = invoker;
        var output = method.OutputType.Fields;
        _rows = output.InDeclarationOrder().FirstOrDefault(f => f.IsRepeated && !f.IsMap && f.FieldType == FieldType.Message);
        _pageSize = method.InputType.FindFieldByName("page_size") is { FieldType: FieldType.Int32 } size ? size : null;
        _pageToken = method.InputType.FindFieldByName("page_token") is { FieldType: FieldType.String } token ? token : null;
        _nextPageToken = method.OutputType.FindFieldByName("next_page_token") is { FieldType: FieldType.String } next ? next : null;
        _totalSize = method.OutputType.FindFieldByName("total_size") is { FieldType: FieldType.Int32 or FieldType.Int64 } total ? total : null;
        _columns = _rows is null ? null : ExportColumns.Of(_rows.MessageType);
    }

    public async Task HandleAsync(HttpContext http)
    {
        IMessage request;
        IMessage first;
        var writer = ExportWriter.For(http.Request.Query[ExportRequestBinder.FormatParameter]);
        var maxRows = http.RequestServices.GetRequiredService<IConfiguration>().GetValue("Exports:MaxRows", DefaultMaxRows);
        try
        {
            if (writer is null) throw new ValidationFailedException(ExportRequestBinder.FormatParameter, "must be csv or xlsx");
            if (_columns is null) throw new ValidationFailedException(ExportRequestBinder.FormatParameter, "this route has no rows to export");
            var routeValues = _routeFields.ToDictionary(f => f.Value, f => http.Request.RouteValues[f.Key]?.ToString() ?? "");
            request = ExportRequestBinder.Bind(_method.InputType, routeValues, http.Request);
            _pageSize?.Accessor.SetValue(request, PageToken.MaxPageSize);
            first = await _invoker.InvokeAsync(request, http, $"/{_method.Service.FullName}/{_method.Name}");
            var total = _totalSize is null ? RowsOf(first).Count : Convert.ToInt64(_totalSize.Accessor.GetValue(first));
            if (total > maxRows)
                throw new ValidationFailedException("query", "matches {0} rows, more than an export may hold ({1}); narrow the filters", total, maxRows);
        }
        catch (PlatformException ex)
        {
            await WriteProblemAsync(http, Problem(ex));
            return;
        }
        catch (RpcException ex)
        {
            await WriteProblemAsync(http, http.Items[GrpcErrorInterceptor.ProblemItemKey] as PlatformProblem
                ?? new PlatformProblem(ProblemDetailsMiddleware.HttpStatusFor(ex.StatusCode), ProblemDetailsMiddleware.TitleFor(ProblemDetailsMiddleware.HttpStatusFor(ex.StatusCode)), ex.Status.Detail, null));
            return;
        }

        var text = http.RequestServices.GetRequiredService<PlatformText>();
        http.Response.ContentType = writer.ContentType;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(_method)}.{writer.Extension}\"";
        http.Response.Headers.CacheControl = "no-store";
        // nothing buffers the body: each page goes out as it is written
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        // MiniExcel finishes the zip (its central directory) with synchronous writes
        if (http.Features.Get<IHttpBodyControlFeature>() is { } bodyControl) bodyControl.AllowSynchronousIO = true;
        try
        {
            await writer.WriteAsync(http.Response.Body, _columns.Names.Select(text.Translate).ToArray(), Rows(request, first, http, maxRows), http.RequestAborted);
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested)
        {
            http.RequestServices.GetRequiredService<ILogger<ExportHandler>>().LogError(ex, "Export of {Method} failed after it started", _method.FullName);
            http.Abort();
        }
    }

    /// <summary>The rows of every page, each page requested only when the previous one has been written.</summary>
    private async IAsyncEnumerable<IReadOnlyList<string[]>> Rows(IMessage request, IMessage page, HttpContext http, int maxRows,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var rows = 0;
        while (true)
        {
            var cells = RowsOf(page).Select(_columns!.Cells).ToArray();
            // a list without totalSize could not be refused before the first byte: past the bound it fails instead
            if ((rows += cells.Length) > maxRows)
                throw new InvalidOperationException($"{_method.FullName} has more than {maxRows} rows and no totalSize to refuse the export up front.");
            yield return cells;
            var next = _nextPageToken?.Accessor.GetValue(page) as string;
            if (string.IsNullOrEmpty(next) || _pageToken is null) yield break;
            ct.ThrowIfCancellationRequested();
            _pageToken.Accessor.SetValue(request, next);
            page = await _invoker.InvokeAsync(request, http, $"/{_method.Service.FullName}/{_method.Name}");
        }
    }

    private IReadOnlyList<IMessage> RowsOf(IMessage response) =>
        ((System.Collections.IEnumerable)_rows!.Accessor.GetValue(response)).Cast<IMessage>().ToList();

    /// <summary>An ASCII file name from the rpc: ListCases → cases, GetDistrictReport → district-report.</summary>
    private static string FileName(MethodDescriptor method)
    {
        var name = method.Name.StartsWith("List", StringComparison.Ordinal) ? method.Name[4..] : method.Name[3..];
        return string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
    }

    private static PlatformProblem Problem(PlatformException ex) => ex switch
    {
        ValidationFailedException v => new PlatformProblem(StatusCodes.Status400BadRequest, "Invalid request", ex.Text, v.FieldTexts),
        NotFoundException => new PlatformProblem(StatusCodes.Status404NotFound, "Not found", ex.Text, null),
        ForbiddenException => new PlatformProblem(StatusCodes.Status403Forbidden, "Forbidden", ex.Text, null),
        _ => new PlatformProblem(StatusCodes.Status409Conflict, "Conflict", ex.Text, null),
    };

    private static Task WriteProblemAsync(HttpContext http, PlatformProblem problem) =>
        ProblemDetailsMiddleware.WriteAsync(http, http.RequestServices.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>(), problem);
}
