using Longgang.Platform.Audit;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Platform.Tests;

/// <summary>The audit log's two promises that do not need a running service: what counts as a change, and append-only storage.</summary>
public sealed class AuditLogTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TempDirectory _directory = new();

    private TallyDbContext NewContext() =>
        new(new DbContextOptionsBuilder<TallyDbContext>().UseSqlite(_directory.SqliteConnectionString("audit")).Options);

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("/longgang.approvals.v1.ApprovalsService/SubmitApplication", true)]
    [InlineData("/longgang.approvals.v1.ApprovalsService/AcceptApplication", true)]
    [InlineData("/longgang.governance.v1.GovernanceService/ReportCase", true)]
    [InlineData("/longgang.approvals.v1.ApprovalsService/GetApplication", false)]
    [InlineData("/longgang.approvals.v1.ApprovalsService/ListApplications", false)]
    [InlineData("/longgang.approvals.v1.ApprovalsService/GetClockLedger", false)]
    public void Every_call_but_a_read_is_audited(string method, bool audited) =>
        Assert.Equal(audited, AuditInterceptor<TallyDbContext>.ChangesState(method));

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_an_audit_entry()
    {
        await using (var db = NewContext())
        {
            await db.Database.EnsureCreatedAsync(Ct);
            await new AppendOnlyAuditLog<TallyDbContext>().SeedAsync(db, Ct);
            await new AppendOnlyAuditLog<TallyDbContext>().SeedAsync(db, Ct); // idempotent, as every start-up runs it
            db.AuditLog.Add(new AuditEntry { At = DateTimeOffset.UtcNow, Subject = "clerk-1", Role = "clerk", Method = "/x/Accept", Outcome = "OK" });
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = NewContext())
        {
            var entry = await db.AuditLog.SingleAsync(Ct);
            db.Entry(entry).Property(e => e.Subject).CurrentValue = "someone-else";
            var update = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
            Assert.Contains("append-only", update.InnerException!.Message);
        }

        await using (var db = NewContext())
        {
            db.AuditLog.Remove(await db.AuditLog.SingleAsync(Ct));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
        }

        await using (var db = NewContext())
            Assert.Equal("clerk-1", (await db.AuditLog.SingleAsync(Ct)).Subject);
    }
}
