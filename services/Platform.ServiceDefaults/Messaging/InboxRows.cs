using System.Collections.Concurrent;
using Longgang.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Longgang.Platform.Messaging;

/// <summary>
/// The inbox insert that does not check first: <c>INSERT ... ON CONFLICT DO NOTHING</c>, which PostgreSQL and SQLite
/// both understand. EF cannot say "on conflict", so the statement is written once per model from its own metadata
/// (table, column names, the SQLite value conversion of the timestamp), never by hand.
/// </summary>
internal static class InboxRows
{
    private static readonly ConcurrentDictionary<IModel, Statement> Statements = new();

    /// <summary>Inserts the message's inbox row; false when the consumer already has one for it (nothing inserted).</summary>
    public static async Task<bool> TryInsertAsync(PlatformDbContext db, Guid messageId, string consumer, CancellationToken cancellationToken)
    {
        var statement = Statements.GetOrAdd(db.Model, _ => Statement.For(db));
        var inserted = await db.Database.ExecuteSqlRawAsync(statement.Sql,
            [messageId, consumer, statement.ProcessedAt(DateTimeOffset.UtcNow)], cancellationToken);
        return inserted == 1;
    }

    private sealed record Statement(string Sql, Func<DateTimeOffset, object> ProcessedAt)
    {
        public static Statement For(PlatformDbContext db)
        {
            var entity = db.Model.FindEntityType(typeof(InboxMessage))
                ?? throw new InvalidOperationException($"{db.GetType().Name} has no inbox table.");
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var sql = db.GetService<ISqlGenerationHelper>();
            string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);
            var messageId = Column(nameof(InboxMessage.MessageId));
            var consumer = Column(nameof(InboxMessage.Consumer));
            var text = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({messageId}, {consumer}, " +
                       $"{Column(nameof(InboxMessage.ProcessedAt))}) VALUES ({{0}}, {{1}}, {{2}}) ON CONFLICT ({messageId}, {consumer}) DO NOTHING";
            // SQLite stores instants as numbers (PlatformDbContext's conventions): the value goes in as the model stores it
            var converter = entity.FindProperty(nameof(InboxMessage.ProcessedAt))!.GetTypeMapping().Converter;
            return new Statement(text, at => converter?.ConvertToProvider(at) ?? at);
        }
    }
}
