using Google.Protobuf.WellKnownTypes;
using Longgang.Livelihood.Contracts.V1;
using DomainProject = Longgang.Livelihood.Domain.Project;
using ProtoProject = Longgang.Livelihood.Contracts.V1.Project;

namespace Longgang.Livelihood.Grpc;

/// <summary>Between the domain and the wire. Proto enum values mirror the domain's numbers.</summary>
internal static class LivelihoodMapping
{
    public static ProtoProject ToProto(DomainProject p) => new()
    {
        Id = p.Id.ToString(),
        Year = p.Year,
        Title = p.Title,
        Category = (ProjectCategory)(int)p.Category,
        DistrictCodes = { p.DistrictCodes },
        EstimatedCostYuan = p.EstimatedCostYuan,
        Rationale = p.Rationale,
        ProposerKind = (ProposerKind)(int)p.ProposerKind,
        ProposerId = p.ProposerId,
        Status = (ProjectStatus)(int)p.Status,
        ProposedAt = Timestamp.FromDateTimeOffset(p.ProposedAt),
    };

    /// <summary>Null for UNSPECIFIED or a number no client should send, so validation names the field.</summary>
    public static Domain.ProjectCategory? FromProto(ProjectCategory category) =>
        category != ProjectCategory.Unspecified && System.Enum.IsDefined(category) ? (Domain.ProjectCategory)(int)category : null;

    /// <summary>The name events carry: the proto enum's name without its prefix.</summary>
    public static string CategoryName(Domain.ProjectCategory category) => category switch
    {
        Domain.ProjectCategory.UrbanConstruction => "URBAN_CONSTRUCTION",
        Domain.ProjectCategory.Transport => "TRANSPORT",
        Domain.ProjectCategory.Education => "EDUCATION",
        Domain.ProjectCategory.Health => "HEALTH",
        Domain.ProjectCategory.ConsumerProtection => "CONSUMER_PROTECTION",
        Domain.ProjectCategory.ElderlyCare => "ELDERLY_CARE",
        Domain.ProjectCategory.Environment => "ENVIRONMENT",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };
}
