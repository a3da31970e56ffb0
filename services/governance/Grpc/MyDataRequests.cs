using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Longgang.Governance.Contracts.V1;
using Longgang.Governance.Data;
using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Calendar;
using Longgang.Platform.Errors;
using Longgang.Platform.Notifications;
using Longgang.Platform.Privacy;
using Microsoft.EntityFrameworkCore;
using ProtoRead = Longgang.Governance.Contracts.V1.PersonalDataRead;

namespace Longgang.Governance.Grpc;

/// <summary>
/// A citizen's own data held by governance (the cases they reported, governance's notifications to them, and who else
/// read their data), and the list of those reads (PIPL art. 45).
/// </summary>
public sealed class MyDataRequests(GovernanceDbContext db, TimeProvider clock, WorkingDayCalendar calendar)
{
    public const string CaseRecord = "case";

    public async Task<MyData> GetAsync(Caller caller, CancellationToken cancellationToken)
    {
        PersonalDataReads.RequireCitizen(caller);
        var me = caller.Subject;
        var cases = await db.Cases.AsNoTracking().Where(c => c.ReporterId == me)
            .OrderBy(c => c.ReportedAt).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        var notifications = await db.Notifications.AsNoTracking().Where(n => n.CitizenId == me)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).ToListAsync(cancellationToken);
        var reads = await db.OfCitizenAsync(me, cancellationToken);
        var now = clock.GetUtcNow();
        return new MyData
        {
            CitizenId = me,
            Cases = { cases.Select(c => GovernanceMapping.ToProto(c, c.IsOverdue(now, calendar), c.DueBasis(calendar))) },
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
        Id = r.Id.ToString(CultureInfo.InvariantCulture), ReadAt = Timestamp.FromDateTimeOffset(r.At), ReadOn = GovernanceMapping.ChinaDate(r.At),
        Reader = r.Reader, ReaderRole = r.ReaderRole, RecordType = r.RecordType, RecordId = r.RecordId, CitizenId = r.CitizenId, Route = r.Route,
    };

    private static MyDataNotification ToProto(CitizenNotificationRecord n)
    {
        var proto = new MyDataNotification
        {
            Id = n.Id.ToString(), Subject = n.Subject, Body = n.Body,
            CreatedAt = Timestamp.FromDateTimeOffset(n.CreatedAt), CreatedOn = GovernanceMapping.ChinaDate(n.CreatedAt),
        };
        if (n.Kind is not null) proto.Kind = n.Kind;
        if (n.Reference is not null) proto.Reference = n.Reference;
        if (n.DeliveredAt is { } delivered) proto.DeliveredAt = Timestamp.FromDateTimeOffset(delivered);
        return proto;
    }
}
