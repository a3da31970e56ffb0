using Grpc.Core;
using Longgang.Platform.Api;
using Longgang.Platform.Data;
using Longgang.Platform.Errors;
using Longgang.Platform.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Platform.Privacy;

/// <summary>
/// One read of a citizen's personal data by someone else (a clerk opening an application with its resident ID, an
/// office reading a certification): who, when, which record, whose data and through which route. The citizen can list
/// them (PIPL art. 45); nobody can change or remove one (the table refuses UPDATE and DELETE on PostgreSQL, see the
/// <c>PersonalDataReads</c> migrations).
/// </summary>
public sealed class PersonalDataRead
{
    public const int MaxSubjectLength = 64;
    public const int MaxRoleLength = 32;
    public const int MaxRecordTypeLength = 64;
    public const int MaxRecordIdLength = 100;
    public const int MaxRouteLength = 300;
    public const int MaxCorrelationIdLength = 100;

    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    /// <summary>The reader's token subject and role.</summary>
    public string Reader { get; init; } = "";
    public string ReaderRole { get; init; } = "";
    /// <summary>What was read, e.g. <c>application</c>, <c>application-file</c>, <c>certification</c>.</summary>
    public string RecordType { get; init; } = "";
    public string RecordId { get; init; } = "";
    /// <summary>Whose data it is: the citizen's subject.</summary>
    public string CitizenId { get; init; } = "";
    /// <summary>Why: the route the reader called, e.g. <c>GET /api/approvals/v1/applications/3f0c…</c> (or the gRPC path).</summary>
    public string Route { get; init; } = "";
    public string? CorrelationId { get; init; }
}

/// <summary>
/// Records reads of citizens' personal data in the service's own database, in the read's own request: the answer is not
/// sent until the record is stored, so no read goes unrecorded. Registered for every service database.
/// </summary>
public sealed class PersonalDataReadRecorder<TContext>(TContext db, TimeProvider clock) where TContext : PlatformDbContext
{
    /// <summary>A read through an rpc (gRPC or its transcoded REST route).</summary>
    public Task RecordAsync(ServerCallContext context, Caller caller, string citizenId, string recordType, string recordId) =>
        RecordAsync(context.GetHttpContext(), caller, citizenId, recordType, recordId);

    /// <summary>
    /// Records that <paramref name="caller"/> read <paramref name="citizenId"/>'s record. A citizen reading their own
    /// data is not recorded: there is nobody to tell.
    /// </summary>
    public async Task RecordAsync(HttpContext http, Caller caller, string citizenId, string recordType, string recordId)
    {
        if (string.IsNullOrEmpty(citizenId) || caller.Subject == citizenId) return;
        db.PersonalDataReads.Add(new PersonalDataRead
        {
            At = clock.GetUtcNow(),
            Reader = Truncate(caller.Subject, PersonalDataRead.MaxSubjectLength)!,
            ReaderRole = Truncate(caller.Role, PersonalDataRead.MaxRoleLength)!,
            RecordType = recordType,
            RecordId = Truncate(recordId, PersonalDataRead.MaxRecordIdLength)!,
            CitizenId = Truncate(citizenId, PersonalDataRead.MaxSubjectLength)!,
            // the REST path for a transcoded call, the gRPC method's path for a gRPC one
            Route = Truncate($"{http.Request.Method} {http.Request.Path}", PersonalDataRead.MaxRouteLength)!,
            CorrelationId = Truncate(http.Items[CorrelationIdMiddleware.HeaderName] as string, PersonalDataRead.MaxCorrelationIdLength),
        });
        await db.SaveChangesAsync(http.RequestAborted);
    }

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}

/// <summary>Who may list which reads, and the lists.</summary>
public static class PersonalDataReads
{
    public const string TableName = "personal_data_reads";

    /// <summary>
    /// Whose reads the caller may list: a citizen their own (naming anyone else is a 403), a city admin anyone's (null:
    /// everyone's). Nobody else: staff do not browse who read what.
    /// </summary>
    public static string? CitizenFor(Caller caller, string? requested) => caller.Role switch
    {
        PlatformRoles.CityAdmin => requested,
        PlatformRoles.Citizen when requested is null || requested == caller.Subject => caller.Subject,
        PlatformRoles.Citizen => throw new ForbiddenException("You may only list the reads of your own data."),
        _ => throw new ForbiddenException("The role '{0}' may not list reads of personal data.", caller.Role),
    };

    /// <summary>One page of the reads of <paramref name="citizenId"/>'s data (null: everyone's), newest first.</summary>
    public static Task<Page<PersonalDataRead>> ListAsync(this PlatformDbContext db, string? citizenId, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.PersonalDataReads.AsNoTracking();
        if (citizenId is not null) query = query.Where(r => r.CitizenId == citizenId);
        return query.OrderByDescending(r => r.At).ThenByDescending(r => r.Id).ToPageAsync(page, cancellationToken);
    }

    /// <summary>Every read of <paramref name="citizenId"/>'s data, newest first: for the citizen's own copy of their data.</summary>
    public static Task<List<PersonalDataRead>> OfCitizenAsync(this PlatformDbContext db, string citizenId, CancellationToken cancellationToken) =>
        db.PersonalDataReads.AsNoTracking().Where(r => r.CitizenId == citizenId)
            .OrderByDescending(r => r.At).ThenByDescending(r => r.Id).ToListAsync(cancellationToken);

    /// <summary>"My data" is the citizen's own: anyone else is refused, whatever their role.</summary>
    public static void RequireCitizen(Caller caller)
    {
        if (caller.Role != PlatformRoles.Citizen) throw new ForbiddenException("Only citizens may ask for their own data.");
    }
}

/// <summary>
/// The embedded (SQLite) database's guard against changing or removing a read: on PostgreSQL the
/// <c>PersonalDataReads</c> migration of each service installs the triggers. Runs with the seeders; idempotent.
/// </summary>
public sealed class AppendOnlyPersonalDataReads<TContext> : IDatabaseSeeder<TContext> where TContext : PlatformDbContext
{
    public async Task SeedAsync(TContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite()) return;
        await db.Database.ExecuteSqlRawAsync("""
            CREATE TRIGGER IF NOT EXISTS personal_data_reads_no_update BEFORE UPDATE ON personal_data_reads
            BEGIN SELECT RAISE(ABORT, 'personal_data_reads is append-only'); END;
            CREATE TRIGGER IF NOT EXISTS personal_data_reads_no_delete BEFORE DELETE ON personal_data_reads
            BEGIN SELECT RAISE(ABORT, 'personal_data_reads is append-only'); END;
            """, cancellationToken);
    }
}
