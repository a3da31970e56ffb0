using Longgang.Platform.Errors;

namespace Longgang.Talent.Domain;

/// <summary>
/// How talent comes to Longgang (issue 18): grown locally (内育), brought in from outside (外引), or shared with an
/// institution elsewhere (共建). Certifications, programmes and positions each carry one.
/// </summary>
public enum TalentChannel
{
    InternalCultivation = 1,
    ExternalRecruitment = 2,
    JointBuilding = 3,
}

/// <summary>The channel is required on every new record; records made before channels existed were back-filled.</summary>
public static class TalentChannels
{
    /// <summary>
    /// What the migration TierApprovalsAndTalentChannels wrote on the rows made before channels existed: they are of
    /// people and employers already in Longgang, so grown locally.
    /// </summary>
    public const TalentChannel BackFill = TalentChannel.InternalCultivation;

    public static Validator RequireChannel(this Validator validator, TalentChannel? channel) => validator.Require(
        channel is { } c && Enum.IsDefined(c), "channel", "is required ({0}, {1} or {2})",
        TalentChannel.InternalCultivation, TalentChannel.ExternalRecruitment, TalentChannel.JointBuilding);
}
