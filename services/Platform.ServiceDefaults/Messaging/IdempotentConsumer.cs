using Longgang.Platform.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Longgang.Platform.Messaging;

/// <summary>
/// Base for every consumer: the inbox row (message id + consumer), the consumer's effect and the events it records
/// commit in one transaction, so a message delivered twice, or re-published by the outbox, is applied once.
/// </summary>
public abstract class IdempotentConsumer<TMessage, TContext> : IConsumer<TMessage>
    where TMessage : class
    where TContext : PlatformDbContext
{
    /// <summary>
    /// Tests only, never honoured in Production: true makes the consumer neither read nor write the inbox, so a test can
    /// show that its "applied once" checks go red without it. Read at each message, so a test can switch it on and off.
    /// </summary>
    public const string BypassInboxForTestsKey = "Messaging:BypassInboxForTests";

    /// <param name="db">
    /// The service's database, for the inbox and the effect. Events the effect records wake the relay when the
    /// transaction commits (<see cref="OutboxSignal"/>).
    /// </param>
    protected IdempotentConsumer(TContext db) => Db = db;

    protected TContext Db { get; }

    /// <summary>Apply the message's effect to <see cref="Db"/>; the base saves and commits.</summary>
    protected abstract Task HandleAsync(TMessage message, CancellationToken cancellationToken);

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a MessageId; it cannot be de-duplicated.");
        var ct = context.CancellationToken;

        // No savepoints (PlatformDbContext): whatever fails rolls the whole transaction back and the message is retried,
        // so a consumed event costs BEGIN, the inbox insert, the effect's reads and writes, COMMIT.
        await using var transaction = await Db.Database.BeginTransactionAsync(ct);
        // The inbox row comes first and is not looked up before: an insert that conflicts inserts nothing, and the
        // message was already applied. A concurrent delivery of the same message waits on the first one's row until
        // that commits (then this one inserts nothing) or rolls back (then this one applies it).
        if (!InboxBypassed(context) && !await InboxRows.TryInsertAsync(Db, messageId, GetType().Name, ct))
        {
            await transaction.RollbackAsync(ct);
            return;
        }
        await HandleAsync(context.Message, ct);
        await Db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private static bool InboxBypassed(ConsumeContext context) =>
        context.TryGetPayload<IServiceProvider>(out var services)
        && services.GetService<IConfiguration>()?.GetValue<bool>(BypassInboxForTestsKey) == true
        && services.GetService<IHostEnvironment>()?.IsProduction() == false;
}
