using Longgang.Platform.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Longgang.Platform.Messaging;

/// <summary>
/// Base for every consumer: the inbox row (message id + consumer) and the consumer's effect commit in one
/// transaction, so a message delivered twice, or re-published by the outbox, is applied once.
/// </summary>
public abstract class IdempotentConsumer<TMessage, TContext>(TContext db, OutboxSignal outboxSignal) : IConsumer<TMessage>
    where TMessage : class
    where TContext : PlatformDbContext
{
    /// <summary>
    /// Tests only, never honoured in Production: true makes the consumer neither read nor write the inbox, so a test can
    /// show that its "applied once" checks go red without it. Read at each message, so a test can switch it on and off.
    /// </summary>
    public const string BypassInboxForTestsKey = "Messaging:BypassInboxForTests";

    protected TContext Db { get; } = db;

    /// <summary>Apply the message's effect to <see cref="Db"/>; the base saves and commits.</summary>
    protected abstract Task HandleAsync(TMessage message, CancellationToken cancellationToken);

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a MessageId; it cannot be de-duplicated.");
        var consumer = GetType().Name;
        var ct = context.CancellationToken;
        var inbox = !InboxBypassed(context);

        if (inbox && await AlreadyProcessedAsync(messageId, consumer, ct)) return;

        var hadEvents = false;
        await using (var transaction = await Db.Database.BeginTransactionAsync(ct))
        {
            if (inbox) Db.InboxMessages.Add(new InboxMessage { MessageId = messageId, Consumer = consumer, ProcessedAt = DateTimeOffset.UtcNow });
            try
            {
                await Db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // a concurrent delivery of the same message got there first
                await transaction.RollbackAsync(ct);
                if (await AlreadyProcessedAsync(messageId, consumer, ct)) return;
                throw;
            }

            await HandleAsync(context.Message, ct);
            hadEvents = Db.HasUnsavedEvents();
            await Db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        if (hadEvents) outboxSignal.Notify(Db.GetType());
    }

    private static bool InboxBypassed(ConsumeContext context) =>
        context.TryGetPayload<IServiceProvider>(out var services)
        && services.GetService<IConfiguration>()?.GetValue<bool>(BypassInboxForTestsKey) == true
        && services.GetService<IHostEnvironment>()?.IsProduction() == false;

    private Task<bool> AlreadyProcessedAsync(Guid messageId, string consumer, CancellationToken ct) =>
        Db.InboxMessages.AsNoTracking().AnyAsync(m => m.MessageId == messageId && m.Consumer == consumer, ct);
}
