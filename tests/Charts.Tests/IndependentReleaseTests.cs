using k8s;

namespace Longgang.Charts.Tests;

/// <summary>
/// Issue 23: a department releases its service alone by changing only its workload's <c>image.tag</c>
/// (docs/releasing.md). Rendered as `helm upgrade` renders (<c>--is-upgrade</c>, so the pre-upgrade migration Jobs are
/// in), the upgrade must change that workload's Deployment and migration Job and leave every other object exactly as
/// it was, so that Kubernetes restarts no other workload.
/// </summary>
public sealed class IndependentReleaseTests
{
    private const string NewTag = "9.8.7";

    public static TheoryData<string, string> ProfilesAndWorkloads()
    {
        var data = new TheoryData<string, string>();
        foreach (var profile in new[] { "default", "prod" })
        {
            foreach (var workload in new[] { "gateway", "approvals", "governance", "talent", "livelihood" })
                data.Add(profile, workload);
        }
        return data;
    }

    /// <summary>Every object of an upgrade's rendering, by kind and name, as YAML.</summary>
    private static async Task<Dictionary<string, string>> UpgradeAsync(string profile, params string[] extra)
    {
        var result = await Chart.TemplateAsync(profile, ["--is-upgrade", .. extra]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return Manifests.Load(result.Output).Objects.ToDictionary(Manifests.Describe, o => KubernetesYaml.Serialize(o));
    }

    [Theory]
    [MemberData(nameof(ProfilesAndWorkloads))]
    public async Task Changing_one_workloads_image_tag_changes_only_that_workloads_objects(string profile, string workload)
    {
        var before = await UpgradeAsync(profile);
        var after = await UpgradeAsync(profile, "--set", $"workloads.{workload}.image.tag={NewTag}");

        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        var changed = before.Keys.Where(key => before[key] != after[key]).Order().ToList();
        var own = new[] { $"Deployment/{Chart.Release}-{workload}", $"Job/{Chart.Release}-{workload}-migrate" }.Where(before.ContainsKey);
        Assert.Equal(own.Order(), changed);
        foreach (var key in changed)
        {
            Assert.Contains($"/{workload}:{NewTag}", after[key]);
            // nothing else in the object moved: with the old tag put back it is the object as it was
            var oldTag = before[key].Split($"/{workload}:")[1].Split(['\n', '"', '@'])[0];
            Assert.Equal(before[key], after[key].Replace(NewTag, oldTag));
        }
    }
}
