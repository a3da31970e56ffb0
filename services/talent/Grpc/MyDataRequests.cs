using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Calendar;
using Longgang.Platform.Errors;
using Longgang.Platform.Notifications;
using Longgang.Platform.Privacy;
using Longgang.Talent.Contracts.V1;
using Longgang.Talent.Data;
using Longgang.Talent.Domain;
using Microsoft.EntityFrameworkCore;
using ProtoRead = Longgang.Talent.Contracts.V1.PersonalDataRead;

namespace Longgang.Talent.Grpc;

/// <summary>
/// A citizen's own data held by talent (their certifications, claims and position applications, talent's
/// notifications to them, and who else read their data), and the list of those reads (PIPL art. 45).
/// </summary>
public sealed class MyDataRequests(TalentDbContext db, WorkingDayCalendar calendar)
{
    public const string CertificationRecord = "certification";
    public const string ClaimRecord = "claim";
    public const string PositionApplicationRecord = "position-application";

    public async Task<MyData> GetAsync(Caller caller, CancellationToken cancellationToken)
    {
        PersonalDataReads.RequireCitizen(caller);
        var me = caller.Subject;
        var certifications = await db.Certifications.AsNoTracking().Where(c => c.ApplicantId == me)
            .OrderBy(c => c.SubmittedAt).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        var claims = await db.Claims.AsNoTracking().Where(c => c.ApplicantId == me)
            .OrderBy(c => c.SubmittedAt).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        var applications = await db.PositionApplications.AsNoTracking().Where(a => a.CandidateId == me)
            .OrderBy(a => a.AppliedAt).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        var notifications = await db.Notifications.AsNoTracking().Where(n => n.CitizenId == me)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).ToListAsync(cancellationToken);
        var reads = await db.OfCitizenAsync(me, cancellationToken);
        return new MyData
        {
            CitizenId = me,
            Certifications = { certifications.Select(c => TalentMapping.ToProto(c, c.NoticeBasis(calendar), CertificationAccess.SeesObjectors(caller))) },
            Claims = { claims.Select(TalentMapping.ToProto) },
            PositionApplications = { applications.Select(TalentMapping.ToProto) },
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
        Id = r.Id.ToString(CultureInfo.InvariantCulture), ReadAt = Timestamp.FromDateTimeOffset(r.At), ReadOn = TalentMapping.DayOf(r.At),
        Reader = r.Reader, ReaderRole = r.ReaderRole, RecordType = r.RecordType, RecordId = r.RecordId, CitizenId = r.CitizenId, Route = r.Route,
    };

    private static MyDataNotification ToProto(CitizenNotificationRecord n)
    {
        var proto = new MyDataNotification
        {
            Id = n.Id.ToString(), Subject = n.Subject, Body = n.Body,
            CreatedAt = Timestamp.FromDateTimeOffset(n.CreatedAt), CreatedOn = TalentMapping.DayOf(n.CreatedAt),
        };
        if (n.Kind is not null) proto.Kind = n.Kind;
        if (n.Reference is not null) proto.Reference = n.Reference;
        if (n.DeliveredAt is { } delivered) proto.DeliveredAt = Timestamp.FromDateTimeOffset(delivered);
        return proto;
    }
}
