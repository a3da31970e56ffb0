using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Longgang.Approvals.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Longgang.Platform.IntegrationTests;

/// <summary>On PostgreSQL the audit log is append-only in the database itself, whatever a service's code might try.</summary>
[Collection(PlatformCollection.Name)]
public sealed class AuditLogOnPostgresTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_submission_is_audited_and_the_entry_can_be_neither_changed_nor_deleted()
    {
        platform.RequireDocker();
        var subject = $"citizen-{Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/approvals/v1/applications")
        {
            Content = JsonContent.Create(new
            {
                matterCode = "MS-002", applicantName = "Chen Jing", channel = "CHANNEL_ONLINE",
                materials = new[] { "application form", "identity card" },
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", platform.IssueToken(PlatformRoles.Citizen, subject));
        using var response = await platform.Gateway.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await using var scope = platform.Approvals.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalsDbContext>();
        Assert.True(db.Database.IsNpgsql());
        var entry = await db.AuditLog.AsNoTracking().SingleAsync(e => e.Subject == subject);
        Assert.Equal("OK", entry.Outcome);

        var update = await Assert.ThrowsAsync<PostgresException>(() =>
            db.Database.ExecuteSqlInterpolatedAsync($"UPDATE audit_log SET \"Subject\" = 'someone-else' WHERE \"Id\" = {entry.Id}"));
        Assert.Contains("append-only", update.MessageText);
        await Assert.ThrowsAsync<PostgresException>(() =>
            db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM audit_log WHERE \"Id\" = {entry.Id}"));
        await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE audit_log"));
        Assert.Equal(subject, (await db.AuditLog.AsNoTracking().SingleAsync(e => e.Id == entry.Id)).Subject);
    }
}
