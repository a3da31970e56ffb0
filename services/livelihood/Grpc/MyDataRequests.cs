using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Longgang.Livelihood.Contracts.V1;
using Longgang.Livelihood.Data;
using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Calendar;
using Longgang.Platform.Errors;
using Longgang.Platform.Notifications;
using Longgang.Platform.Privacy;
using Microsoft.EntityFrameworkCore;
using ProtoRead = Longgang.Livelihood.Contracts.V1.PersonalDataRead;

namespace Longgang.Livelihood.Grpc;

/// <summary>
/// A citizen's own data held by livelihood (the projects they proposed, with their screening, vote, progress and
/// evaluation; livelihood's notifications to them; who else read their data), and the list of those reads (PIPL art. 45).
/// Citizens do not evaluate projects (deputies do), so their evaluations are those of their proposals.
/// </summary>
public sealed class MyDataRequests(LivelihoodDbContext db, TimeProvider clock)
{
    public const string ProjectRecord = "project";

    public async Task<MyData> GetAsync(Caller caller, CancellationToken cancellationToken)
    {
        PersonalDataReads.RequireCitizen(caller);
        var me = caller.Subject;
        var proposals = await db.Projects.AsNoTracking().Where(p => p.ProposerKind == Domain.ProposerKind.Citizen && p.ProposerId == me)
            .OrderBy(p => p.ProposedAt).ThenBy(p => p.Id).ToListAsync(cancellationToken);
        var notifications = await db.Notifications.AsNoTracking().Where(n => n.CitizenId == me)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).ToListAsync(cancellationToken);
        var reads = await db.OfCitizenAsync(me, cancellationToken);
        var today = WorkingDayCalendar.ChinaDateOf(clock.GetUtcNow());
        return new MyData
        {
            CitizenId = me,
            Proposals = { proposals.Select(p => LivelihoodMapping.ToProto(p, caller, today)) },
            Notifications = { notifications.Select(ToProto) },
            Reads = { reads.Select(ToProto) },
        };
    }

    public async Task<ListMyDataReadsResponse> ListReadsAsync(ListMyDataReadsRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var citizen = PersonalDataReads.CitizenFor(caller, request.HasCitizenId ? RequestParsing.NullIfEmpty(request.CitizenId) : null);
        new Validator().RequirePage(request.PageSize, request.PageToken, out var paging).ThrowIfInvalid();
        var page = await db.ListAsync(citizen, paging, cancellationToken);
        return new ListMyDataReadsResponse { Reads = { page.Items.Select(ToProto) }, NextPageToken = page.NextPageToken, TotalSize = page.TotalSize };
    }

    private static ProtoRead ToProto(Platform.Privacy.PersonalDataRead r) => new()
    {
        Id = r.Id.ToString(CultureInfo.InvariantCulture), ReadAt = Timestamp.FromDateTimeOffset(r.At), ReadOn = LivelihoodMapping.ChinaDate(r.At),
        Reader = r.Reader, ReaderRole = r.ReaderRole, RecordType = r.RecordType, RecordId = r.RecordId, CitizenId = r.CitizenId, Route = r.Route,
    };

    private static MyDataNotification ToProto(CitizenNotificationRecord n)
    {
        var proto = new MyDataNotification
        {
            Id = n.Id.ToString(), Subject = n.Subject, Body = n.Body,
            CreatedAt = Timestamp.FromDateTimeOffset(n.CreatedAt), CreatedOn = LivelihoodMapping.ChinaDate(n.CreatedAt),
        };
        if (n.Kind is not null) proto.Kind = n.Kind;
        if (n.Reference is not null) proto.Reference = n.Reference;
        if (n.DeliveredAt is { } delivered) proto.DeliveredAt = Timestamp.FromDateTimeOffset(delivered);
        return proto;
    }
}
