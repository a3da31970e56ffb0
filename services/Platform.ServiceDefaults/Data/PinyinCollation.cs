using System.Data.Common;
using Longgang.Platform.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace Longgang.Platform.Data;

/// <summary>
/// Person and place names sort by pinyin, the order people look them up in. PostgreSQL does it with its ICU
/// collation <c>zh-x-icu</c>; SQLite (the embedded host) gets a collation of the same name on every connection,
/// backed by .NET's ICU zh-CN comparison (<see cref="TextRules.ChineseNames"/>).
/// </summary>
public static class PinyinCollation
{
    public const string Name = "zh-x-icu";

    /// <summary>The column sorts (ORDER BY) by pinyin; equality stays as before.</summary>
    public static PropertyBuilder<string> SortsByPinyin(this PropertyBuilder<string> property) => property.UseCollation(Name);

    /// <summary>Add to SQLite options (<c>.AddInterceptors(PinyinCollation.ForSqlite)</c>) wherever a context is built by hand, as tests do.</summary>
    public static readonly IInterceptor ForSqlite = new SqliteRegistration();

    /// <summary>
    /// SQLite's provider writes a column's collation unquoted (<c>COLLATE zh-x-icu</c>, a syntax error there); PostgreSQL's
    /// quotes it. A SQLite model therefore names it quoted (<see cref="PlatformDbContext"/> adds this convention).
    /// </summary>
    public static readonly IModelFinalizingConvention QuotedForSqlite = new SqliteQuoting();

    private sealed class SqliteQuoting : IModelFinalizingConvention
    {
        public void ProcessModelFinalizing(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> context)
        {
            foreach (var property in modelBuilder.Metadata.GetEntityTypes().SelectMany(e => e.GetDeclaredProperties()))
            {
                // SortsByPinyin configured it explicitly, which a convention's own setting would not override
                if (property.GetCollation() == Name) ((IMutableProperty)property).SetCollation($"\"{Name}\"");
            }
        }
    }

    /// <summary>Registers the collation on each SQLite connection as it opens.</summary>
    private sealed class SqliteRegistration : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Register(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Register(connection);
            return Task.CompletedTask;
        }

        private static void Register(DbConnection connection)
        {
            if (connection is SqliteConnection sqlite) sqlite.CreateCollation(Name, (a, b) => TextRules.ChineseNames.Compare(a, b));
        }
    }
}
