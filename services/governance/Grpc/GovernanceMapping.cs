using Google.Protobuf.WellKnownTypes;
using Longgang.Governance.Contracts.V1;
using DomainCase = Longgang.Governance.Domain.Case;
using DomainCommunity = Longgang.Governance.Domain.Community;
using DomainDistrict = Longgang.Governance.Domain.District;
using ProtoCase = Longgang.Governance.Contracts.V1.Case;
using ProtoCommunity = Longgang.Governance.Contracts.V1.Community;
using ProtoDistrict = Longgang.Governance.Contracts.V1.District;
using ProtoGrid = Longgang.Governance.Contracts.V1.Grid;
using ProtoWorkModule = Longgang.Governance.Contracts.V1.WorkModule;

namespace Longgang.Governance.Grpc;

/// <summary>Between the domain and the wire. Proto enum values mirror the domain's numbers.</summary>
internal static class GovernanceMapping
{
    public static ProtoDistrict ToProto(DomainDistrict d, Domain.ServiceHallTally tally) => new()
    {
        Code = d.Code, Name = d.Name,
        Modules = { Domain.WorkModule.All.Select(m => new ProtoWorkModule { Code = m.Code, Name = m.Name }) },
        Communities = { d.Communities.OrderBy(c => c.Code, StringComparer.Ordinal).Select(ToProto) },
        ServiceHallSubmissions = tally.Submitted,
        ServiceHallDecided = tally.Decided,
        ServiceHallApproved = tally.Approved,
    };

    private static ProtoCommunity ToProto(DomainCommunity c) => new()
    {
        Code = c.Code, Name = c.Name, IsVillage = c.IsVillage,
        Grids = { c.Grids.OrderBy(g => g.Code, StringComparer.Ordinal).Select(g => new ProtoGrid { Code = g.Code, Name = g.Name }) },
    };

    public static ProtoCase ToProto(DomainCase c) => new()
    {
        Id = c.Id.ToString(), DistrictCode = c.DistrictCode, CommunityCode = c.CommunityCode, GridCode = c.GridCode,
        Source = (CaseSource)(int)c.Source, Category = c.Category, Description = c.Description,
        PhotoRefs = { c.PhotoRefs }, Status = (CaseStatus)(int)c.Status, ReporterId = c.ReporterId,
        ReportedAt = Timestamp.FromDateTimeOffset(c.ReportedAt),
    };

    /// <summary>Null for UNSPECIFIED or a number no client should send, so validation names the field.</summary>
    public static Domain.CaseSource? FromProto(CaseSource source) =>
        source != CaseSource.Unspecified && System.Enum.IsDefined(source) ? (Domain.CaseSource)(int)source : null;

    /// <summary>The name events carry: the proto enum's name without its prefix.</summary>
    public static string SourceName(Domain.CaseSource source) => source switch
    {
        Domain.CaseSource.GridPatrol => "GRID_PATROL",
        Domain.CaseSource.Citizen => "CITIZEN",
        Domain.CaseSource.Hotline => "HOTLINE",
        Domain.CaseSource.Referral => "REFERRAL",
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };
}
