using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Longgang.Approvals.Contracts.V1;
using Longgang.Approvals.Data;
using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Calendar;
using Longgang.Platform.Errors;
using Longgang.Platform.Localization;
using Longgang.Platform.Privacy;
using Microsoft.EntityFrameworkCore;
using ProtoRead = Longgang.Approvals.Contracts.V1.PersonalDataRead;

namespace Longgang.Approvals.Grpc;

/// <summary>
/// A citizen's own data held by approvals (their applications with the clock ledgers, approvals' notifications to them,
/// and who else read their data), and the list of those reads (PIPL art. 45).
/// </summary>
public sealed class MyDataRequests(ApprovalsDbContext db, WorkingDayCalendar calendar, PlatformText text)
{
    public async Task<MyData> GetAsync(Caller caller, CancellationToken cancellationToken)
    {
        PersonalDataReads.RequireCitizen(caller);
        var applications = await db.Applications.AsNoTracking().Where(a => a.ApplicantId == caller.Subject)
            .OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        var notifications = await db.Notifications.AsNoTracking().Where(n => n.CitizenId == caller.Subject)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).ToListAsync(cancellationToken);
        var reads = await db.OfCitizenAsync(caller.Subject, cancellationToken);
        return new MyData
        {
            CitizenId = caller.Subject,
            Applications =
            {
                applications.Select(a => new MyApplication
                {
                    Application = ApprovalsMapping.ForCaller(ApprovalsMapping.ToProto(a, calendar), caller, text),
                    Ledger = { ApprovalsMapping.ToLedger(a).Entries },
                }),
            },
            Notifications = { notifications.Select(NotificationsGrpcService.ToProto) },
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
        Id = r.Id.ToString(CultureInfo.InvariantCulture), ReadAt = Timestamp.FromDateTimeOffset(r.At), ReadOn = ApprovalsMapping.DayOf(r.At),
        Reader = r.Reader, ReaderRole = r.ReaderRole, RecordType = r.RecordType, RecordId = r.RecordId, CitizenId = r.CitizenId, Route = r.Route,
    };
}
