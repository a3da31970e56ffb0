using Google.Protobuf.WellKnownTypes;
using Longgang.Approvals.Contracts.V1;
using DomainApplication = Longgang.Approvals.Domain.Application;
using DomainMatter = Longgang.Approvals.Domain.Matter;
using ProtoApplication = Longgang.Approvals.Contracts.V1.Application;
using ProtoMatter = Longgang.Approvals.Contracts.V1.Matter;

namespace Longgang.Approvals.Grpc;

/// <summary>Between the domain and the wire. Proto enum values mirror the domain's numbers.</summary>
internal static class ApprovalsMapping
{
    public static ProtoMatter ToProto(DomainMatter m) => new()
    {
        Code = m.Code, Name = m.Name, DepartmentCode = m.DepartmentCode, Kind = (MatterKind)(int)m.Kind,
        RequiredMaterials = { m.RequiredMaterials }, StatutoryLimitDays = m.StatutoryLimitDays,
        PromisedLimitDays = m.PromisedLimitDays, MaxVisits = m.MaxVisits, Version = m.Version,
    };

    public static ProtoApplication ToProto(DomainApplication a) => new()
    {
        Id = a.Id.ToString(), MatterCode = a.MatterCode, MatterVersion = a.MatterVersion, DepartmentCode = a.DepartmentCode,
        ApplicantId = a.ApplicantId, ApplicantName = a.ApplicantName, Channel = (Channel)(int)a.Channel,
        DistrictCode = a.DistrictCode ?? "", Status = (ApplicationStatus)(int)a.Status,
        Materials = { a.Materials }, MissingMaterials = { a.MissingMaterials },
        SubmittedAt = Timestamp.FromDateTimeOffset(a.SubmittedAt),
        PromisedLimitDays = a.PromisedLimitDays, StatutoryLimitDays = a.StatutoryLimitDays,
    };

    /// <summary>Null for UNSPECIFIED or a number no client should send, so validation names the field.</summary>
    public static Domain.SubmissionChannel? FromProto(Channel channel) =>
        channel != Channel.Unspecified && System.Enum.IsDefined(channel) ? (Domain.SubmissionChannel)(int)channel : null;

    /// <summary>The name events carry: the proto enum's name without its prefix.</summary>
    public static string ChannelName(Domain.SubmissionChannel channel) => channel switch
    {
        Domain.SubmissionChannel.Online => "ONLINE",
        Domain.SubmissionChannel.ServiceHall => "SERVICE_HALL",
        Domain.SubmissionChannel.GridWorker => "GRID_WORKER",
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };
}
