using Longgang.Platform.Data;
using Longgang.Platform.Errors;
using Longgang.Platform.Localization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Longgang.Platform.Audit;

public static class AuditExtensions
{
    /// <summary>
    /// Audits the state-changing calls of <typeparamref name="TGrpcService"/> into <typeparamref name="TContext"/>'s
    /// <c>audit_log</c>, which the database itself keeps append-only (triggers refuse UPDATE and DELETE).
    /// Per gRPC service rather than global, because the embedded host runs all four services in one process.
    /// </summary>
    public static WebApplicationBuilder AddAuditLog<TGrpcService, TContext>(this WebApplicationBuilder builder)
        where TGrpcService : class where TContext : PlatformDbContext
    {
        builder.Services.AddGrpc().AddServiceOptions<TGrpcService>(options => options.Interceptors.Add<AuditInterceptor<TContext>>());
        if (!builder.Services.Any(s => s.ImplementationType == typeof(AppendOnlyAuditLog<TContext>)))
            builder.Services.AddScoped<IDatabaseSeeder<TContext>, AppendOnlyAuditLog<TContext>>();
        return builder;
    }

    /// <summary>
    /// <c>GET {prefix}/audit?subject=&amp;method=&amp;pageSize=&amp;pageToken=</c>, newest first, for city admins only
    /// (403 for anyone else). The gateway routes it with the rest of the service's prefix.
    /// </summary>
    public static WebApplication MapAuditLog<TContext>(this WebApplication app, string prefix) where TContext : PlatformDbContext
    {
        // pageSize is bound as text: bound as a number, "lots" would be the framework's 400 naming nothing
        app.MapGet($"{prefix}/audit", async (HttpContext http, TContext db, PlatformText text, string? subject, string? method, string? pageSize, string? pageToken) =>
        {
            // a plain endpoint, outside the gRPC error mapping: answer the problem bodies here (ToCaller's refusal of a
            // token without a role would be nobody's to map, and a 500)
            if (http.User.FindFirst(PlatformClaims.Role)?.Value != PlatformRoles.CityAdmin)
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: text.Translate("Forbidden"),
                    detail: text.Translate("Only city administrators may read the audit log."));
            }

            var errors = new Dictionary<string, string[]>();
            var size = PageToken.DefaultPageSize;
            if (!string.IsNullOrEmpty(pageSize))
            {
                if (int.TryParse(pageSize, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var requested)
                    && requested is >= 0 and <= PageToken.MaxPageSize)
                {
                    size = requested == 0 ? PageToken.DefaultPageSize : requested;
                }
                else
                {
                    errors["pageSize"] = [text[new LocalText("must be a whole number between 0 and {0}", PageToken.MaxPageSize)]];
                }
            }
            if (!PageToken.TryDecode(pageToken, out var offset)) errors["pageToken"] = [text.Translate("is not a token this API issued")];
            // PostgreSQL cannot compare text holding NUL: the query would fail with a 500
            if (subject?.Contains('\0') == true) errors["subject"] = [text.Translate(NulCharacterInterceptor.Error)];
            if (method?.Contains('\0') == true) errors["method"] = [text.Translate(NulCharacterInterceptor.Error)];
            // the detail names every bad field, as every other 400 of the platform does
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors, title: text.Translate("Invalid request"),
                    detail: string.Join("; ", errors.Select(e => text[new LocalText("{0}: {1}", e.Key, e.Value[0])])));
            }

            var query = db.AuditLog.AsNoTracking();
            if (!string.IsNullOrEmpty(subject)) query = query.Where(e => e.Subject == subject);
            if (!string.IsNullOrEmpty(method)) query = query.Where(e => e.Method.EndsWith("/" + method));
            var page = await query.OrderByDescending(e => e.Id).Skip(offset).Take(size + 1).ToListAsync(http.RequestAborted);
            return Results.Ok(new AuditPage(page.Take(size).ToList(), page.Count > size ? PageToken.Encode(offset + size) : ""));
        }).RequireAuthorization();
        return app;
    }
}

public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, string NextPageToken);

/// <summary>
/// Makes <c>audit_log</c> append-only in the database (no UPDATE, DELETE or TRUNCATE), so that a bug in a service
/// cannot rewrite history. It does not stop someone with the service's credentials, which own the table and may drop
/// the triggers: ops who need that grant the services a role without ownership (docs/operations.md). Runs with the
/// seeders, after the schema exists; idempotent.
/// </summary>
public sealed class AppendOnlyAuditLog<TContext> : IDatabaseSeeder<TContext> where TContext : PlatformDbContext
{
    public async Task SeedAsync(TContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("""
                CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$;
                CREATE OR REPLACE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
                FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
                CREATE OR REPLACE TRIGGER audit_log_not_truncated BEFORE TRUNCATE ON audit_log
                FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
                """, cancellationToken);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("""
                CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
                CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
                """, cancellationToken);
        }
    }
}
