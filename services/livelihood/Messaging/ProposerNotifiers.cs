using Longgang.Livelihood.Contracts.Events.V1;
using Longgang.Livelihood.Data;
using Longgang.Livelihood.Domain;
using Longgang.Platform;
using Longgang.Platform.Domain;
using Longgang.Platform.Errors;
using Longgang.Platform.Localization;
using Longgang.Platform.Messaging;
using Longgang.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Livelihood.Messaging;

// The person who proposed a livelihood project hears when it is screened, voted on and adopted: one small consumer per
// event of our own (the event leaves the outbox only after the change committed). Only a proposal a person made (a
// citizen or a deputy) notifies anyone: a department's, a deliberation meeting's or a hotspot's has nobody to tell.

/// <summary>Who is told about a proposal: its proposer, when a person made it.</summary>
internal static class Proposers
{
    private static readonly string[] People = [EnumNames.Of(ProposerKind.Citizen), EnumNames.Of(ProposerKind.Deputy)];

    public static bool IsPerson(string proposerKind) => People.Contains(proposerKind);
}

/// <summary>PROPOSAL_SCREENED: a candidate for the vote, screened out (with the reason) or merged into a similar proposal.</summary>
public sealed class ProposalScreenedNotifier(LivelihoodDbContext db, TimeProvider clock, PlatformText text)
    : NotificationConsumer<ProposalScreened, LivelihoodDbContext>(db, clock, text)
{
    protected override Task HandleAsync(ProposalScreened message, CancellationToken cancellationToken)
    {
        if (!Proposers.IsPerson(message.ProposerKind)) return Task.CompletedTask;
        var (subject, body) = message.Outcome switch
        {
            ProposalScreened.Candidate => (new LocalText("Your proposal is a candidate"),
                new LocalText("Your proposal {0} \"{1}\" for {2} passed screening and is a candidate in the deputies' vote.",
                    message.ProjectId, message.Title, message.Year)),
            ProposalScreened.Merged => (new LocalText("Your proposal was merged with a similar one"),
                new LocalText("Your proposal {0} \"{1}\" for {2} was merged into the similar proposal {3}, which goes on in its place.",
                    message.ProjectId, message.Title, message.Year, message.MergedIntoId)),
            _ => (new LocalText("Your proposal was not taken forward"),
                new LocalText("Your proposal {0} \"{1}\" for {2} was screened out. Reason: {3}",
                    message.ProjectId, message.Title, message.Year, message.Reason)),
        };
        Notify(message.ProposerId, NotificationKinds.ProposalScreened, message.ProjectId.ToString(), subject, body);
        return Task.CompletedTask;
    }
}

/// <summary>PROPOSAL_VOTED: the vote was counted; adopted or not (and why), with the rank and supporters in the count.</summary>
public sealed class ProposalVotedNotifier(LivelihoodDbContext db, TimeProvider clock, PlatformText text)
    : NotificationConsumer<ProposalVoted, LivelihoodDbContext>(db, clock, text)
{
    protected override Task HandleAsync(ProposalVoted message, CancellationToken cancellationToken)
    {
        if (!Proposers.IsPerson(message.ProposerKind)) return Task.CompletedTask;
        var body = message.Outcome == ProposalVoted.Adopted
            ? new LocalText("The deputies' vote on your proposal {0} \"{1}\" was counted: it was adopted, ranked {2} with {3} supporters.",
                message.ProjectId, message.Title, message.Rank, message.Supporters)
            : new LocalText("The deputies' vote on your proposal {0} \"{1}\" was counted: it was not adopted ({2}); it ranked {3} with {4} supporters.",
                message.ProjectId, message.Title, WhyNot(message.Outcome), message.Rank, message.Supporters);
        Notify(message.ProposerId, NotificationKinds.ProposalVoted, message.ProjectId.ToString(), new LocalText("The vote on your proposal"), body);
        return Task.CompletedTask;
    }

    private static object WhyNot(string outcome) => outcome switch
    {
        "BELOW_MINIMUM_SUPPORT" => new LocalText("too few supporters"),
        "OVER_BUDGET" => new LocalText("over the year's budget"),
        "OVER_CATEGORY_ENVELOPE" => new LocalText("over its category's budget"),
        "OVER_DISTRICT_ENVELOPE" => new LocalText("over its district's budget"),
        "NO_SLOT_LEFT" => new LocalText("no place left"),
        _ => outcome,
    };
}

/// <summary>
/// PROPOSAL_ADOPTED: the proposal is one of the year's livelihood projects. The event does not name the proposer; the
/// project it announces is ours and already committed.
/// </summary>
public sealed class ProposalAdoptedNotifier(LivelihoodDbContext db, TimeProvider clock, PlatformText text)
    : NotificationConsumer<ProjectAdopted, LivelihoodDbContext>(db, clock, text)
{
    protected override async Task HandleAsync(ProjectAdopted message, CancellationToken cancellationToken)
    {
        var project = await Db.Projects.AsNoTracking().Where(p => p.Id == message.ProjectId)
            .Select(p => new { p.ProposerKind, p.ProposerId, p.Title }).FirstOrDefaultAsync(cancellationToken);
        if (project is null || project.ProposerKind is not (ProposerKind.Citizen or ProposerKind.Deputy)) return;
        Notify(project.ProposerId, NotificationKinds.ProposalAdopted, message.ProjectId.ToString(),
            new LocalText("Your proposal was adopted"),
            new LocalText("Your proposal {0} \"{1}\" is one of the livelihood projects of {2}; you can follow its progress on the public board.",
                message.ProjectId, project.Title, message.Year));
    }
}
