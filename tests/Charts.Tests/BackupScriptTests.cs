using k8s.Models;

namespace Longgang.Charts.Tests;

/// <summary>
/// The backup CronJob's script, as rendered, run for real: in a PostgreSQL container (its pg_dump, the chart's non-root
/// user) against databases with rows, with connection strings in the Npgsql form the services read; then a dump is
/// restored into a fresh database as docs/operations.md ("Backups") says, and the rows are back. Needs Docker (the
/// docker CLI); skipped without it unless PLATFORM_REQUIRE_DOCKER=1, as in CI.
/// </summary>
public sealed class BackupScriptTests
{
    private static readonly string Image = Environment.GetEnvironmentVariable("TESTCONTAINERS_POSTGRES_IMAGE") is { Length: > 0 } image
        ? image : "postgres:16-alpine";

    [Fact]
    public async Task The_rendered_backup_dumps_every_database_and_a_dump_restores_its_rows()
    {
        var docker = DockerOrSkip();
        var render = await Chart.TemplateAsync("default", "--set", "backup.enabled=true", "--set", "backup.existingClaim=backups");
        Assert.True(render.ExitCode == 0, render.ToString());
        var container = Assert.Single(Manifests.Load(render.Output).All<V1CronJob>()).Spec.JobTemplate.Spec.Template.Spec.Containers.Single();
        var script = container.Command[2].Replace("/backup", "/tmp/backup", StringComparison.Ordinal);
        var databases = container.Env.Single(e => e.Name == "DATABASES").Value.Split(' ');

        var name = $"charts-tests-backup-{Guid.NewGuid():N}"[..40];
        await Tools.RunOrFailAsync(docker, ["run", "-d", "--name", name, "--label", "org.testcontainers=true",
            "-e", "POSTGRES_USER=longgang", "-e", "POSTGRES_PASSWORD=pw0rd", "-e", "POSTGRES_DB=approvals", Image]);
        try
        {
            async Task<string> Psql(string database, string sql) =>
                await Tools.RunOrFailAsync(docker, ["exec", "-e", "PGPASSWORD=pw0rd", name, "psql", "-h", "127.0.0.1", "-U", "longgang",
                    "-d", database, "-v", "ON_ERROR_STOP=1", "-At", "-c", sql]);
            await WaitForTcpAsync(docker, name);
            foreach (var database in databases.Where(d => d != "approvals")) await Psql("approvals", $"CREATE DATABASE {database}");
            foreach (var database in databases)
                await Psql(database, $"CREATE TABLE items (id int PRIMARY KEY, name text); INSERT INTO items VALUES (1, '{database} 龙岗')");

            // the same connection strings the services read, spelt as ops write them (spaces, other key names and case)
            var env = databases.SelectMany(d => new[] { "-e", $"DB_{d}=Host = 127.0.0.1; Port=5432;Database={d};User ID=longgang;password=pw0rd;SSL Mode=Disable" });
            var output = await Tools.RunOrFailAsync(docker, ["exec", "-u", "1654", "-e", "HOME=/tmp", "-e", $"DATABASES={string.Join(' ', databases)}",
                .. env, name, "sh", "-c", script]);

            foreach (var database in databases) Assert.Contains($"dumped {database}: /tmp/backup/{database}/{database}-", output);
            var dump = (await Tools.RunOrFailAsync(docker, ["exec", name, "sh", "-c", "ls /tmp/backup/talent/*.dump"])).Trim();
            Assert.DoesNotContain(".partial", dump);
            await Psql("approvals", "CREATE DATABASE talent_restored");
            await Tools.RunOrFailAsync(docker, ["exec", "-e", "PGPASSWORD=pw0rd", name, "pg_restore", "-h", "127.0.0.1", "-U", "longgang",
                "--no-owner", "--dbname=talent_restored", dump]);
            Assert.Equal("1|talent 龙岗", (await Psql("talent_restored", "SELECT id, name FROM items")).Trim());
        }
        finally
        {
            await Tools.RunAsync(docker, ["rm", "-f", name]);
        }
    }

    private static async Task WaitForTcpAsync(string docker, string name)
    {
        // the image's first start initialises on a socket only; TCP answers once the server is really up
        var until = DateTime.UtcNow.AddSeconds(60);
        while ((await Tools.RunAsync(docker, ["exec", name, "pg_isready", "-h", "127.0.0.1", "-U", "longgang"])).ExitCode != 0)
        {
            Assert.True(DateTime.UtcNow < until, "PostgreSQL did not accept TCP connections within 60 s");
            await Task.Delay(500);
        }
    }

    private static string DockerOrSkip()
    {
        var docker = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "docker")).FirstOrDefault(File.Exists);
        var required = Environment.GetEnvironmentVariable("PLATFORM_REQUIRE_DOCKER") == "1";
        if (docker is null && required) Assert.Fail("docker is not installed (PLATFORM_REQUIRE_DOCKER=1)");
        if (docker is null) Assert.Skip("docker is not installed");
        return docker;
    }
}
