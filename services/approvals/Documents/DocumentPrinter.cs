using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Longgang.Approvals.Data;
using Longgang.Approvals.Domain;
using Longgang.Platform;
using Longgang.Platform.Calendar;
using Longgang.Platform.Errors;
using Longgang.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Approvals.Documents;

/// <summary>Prints an application's documents, and checks the verification codes printed on them.</summary>
public sealed class DocumentPrinter(ApprovalsDbContext db, PdfRenderer renderer, DocumentFont font, PlatformText text,
    WorkingDayCalendar calendar, TimeProvider clock, ILogger<DocumentPrinter> logger)
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>The document as a PDF; 403 for a caller who may not print it, 409 while it does not exist.</summary>
    public async Task<byte[]> PrintAsync(Application application, DocumentKind kind, Caller caller, CancellationToken cancellationToken)
    {
        ApplicationAccess.EnsureMayPrint(caller, application);
        var issuedBy = ApplicationDocuments.IssuedBy(application, kind)
            ?? throw new ConflictException("Application {0} has no {1} yet: it is {2}.", application.Id, kind, application.Status);
        if (!font.IsInstalled)
        {
            logger.LogError("{Message}", font.MissingMessage);
            throw new RpcException(new Status(StatusCode.Unavailable,
                text[new LocalText("Printed documents are unavailable: the document font is not installed.")]));
        }

        var code = await CodeOfAsync(application.Id, kind, issuedBy.Sequence, cancellationToken);
        var matter = await db.MatterVersionAsync(application.MatterCode, application.MatterVersion, cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var document = InChinese(() => DocumentComposer.Compose(application, kind, issuedBy, text.Translate(matter?.Name ?? application.MatterCode),
            text.Translate, calendar, code));
        var pdf = renderer.Render(document);
        logger.LogInformation("Printed {Kind} of {ApplicationId}: {Bytes} bytes in {Milliseconds} ms", kind, application.Id, pdf.Length,
            Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return pdf;
    }

    /// <summary>
    /// What the public may learn from a code: whether it is a document that still stands (not superseded by a later one
    /// of its kind, such as a second correction notice), its kind and the matter. Nothing about the applicant.
    /// </summary>
    public async Task<(bool Valid, DocumentKind? Kind, string? MatterCode, string? MatterName)> VerifyAsync(string code, CancellationToken cancellationToken)
    {
        var known = await db.DocumentCodes.AsNoTracking().FirstOrDefaultAsync(c => c.Code == code, cancellationToken);
        if (known is null) return (false, null, null, null);
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == known.ApplicationId, cancellationToken);
        if (application is null) return (false, null, null, null);
        var matter = await db.MatterVersionAsync(application.MatterCode, application.MatterVersion, cancellationToken);
        var valid = ApplicationDocuments.IssuedBy(application, known.Kind)?.Sequence == known.LedgerSequence;
        return (valid, known.Kind, application.MatterCode, text.Translate(matter?.Name ?? application.MatterCode));
    }

    /// <summary>The document's code, made the first time it is printed.</summary>
    private async Task<string> CodeOfAsync(Guid applicationId, DocumentKind kind, int sequence, CancellationToken cancellationToken)
    {
        var existing = await db.DocumentCodes.AsNoTracking()
            .FirstOrDefaultAsync(c => c.ApplicationId == applicationId && c.LedgerSequence == sequence, cancellationToken);
        if (existing is not null) return existing.Code;
        var created = new DocumentCode
        {
            Code = DocumentCodes.New(), ApplicationId = applicationId, Kind = kind, LedgerSequence = sequence, CreatedAt = clock.GetUtcNow(),
        };
        db.DocumentCodes.Add(created);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return created.Code;
        }
        catch (DbUpdateException)
        {
            // printed twice at the same moment: the other print made the code first, and both show that one
            db.ChangeTracker.Clear();
            return (await db.DocumentCodes.AsNoTracking()
                .FirstAsync(c => c.ApplicationId == applicationId && c.LedgerSequence == sequence, cancellationToken)).Code;
        }
    }

    private static T InChinese<T>(Func<T> compose)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = Chinese;
        try
        {
            return compose();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
