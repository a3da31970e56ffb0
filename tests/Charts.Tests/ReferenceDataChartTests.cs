namespace Longgang.Charts.Tests;

/// <summary>Operations' names for the reference data (values <c>referenceData</c>): one ConfigMap, read by every workload.</summary>
public sealed class ReferenceDataChartTests
{
    private const string Names = """{"districts":[{"code":"district-01","zh-CN":"龙江片区"}]}""";

    [Fact]
    public async Task Operations_names_are_mounted_into_every_workload_as_ReferenceData_File()
    {
        var result = await TemplateWithAsync($"referenceData:\n  json: '{Names}'\n");
        Assert.True(result.ExitCode == 0, result.ToString());
        var manifests = Manifests.Load(result.Output);

        var names = Assert.Single(manifests.All<k8s.Models.V1ConfigMap>(), c => c.Metadata.Name == $"{Chart.Release}-reference-data");
        Assert.Equal(Names, names.Data["reference-data.json"]);
        var deployments = manifests.All<k8s.Models.V1Deployment>().ToList();
        Assert.Equal(5, deployments.Count);
        foreach (var deployment in deployments)
        {
            var pod = deployment.Spec.Template.Spec;
            var volume = Assert.Single(pod.Volumes, v => v.ConfigMap?.Name == names.Metadata.Name);
            var file = Assert.Single(pod.Containers[0].Env, e => e.Name == "ReferenceData__File").Value;
            var mount = Assert.Single(pod.Containers[0].VolumeMounts, m => m.Name == volume.Name);
            Assert.Equal($"{mount.MountPath}/reference-data.json", file);
            Assert.True(mount.ReadOnlyProperty);
            // names are read at start-up: a change rolls the pods
            Assert.Contains("checksum/reference-data", deployment.Spec.Template.Metadata.Annotations.Keys);
        }
    }

    [Fact]
    public async Task Without_names_of_operations_nothing_is_mounted()
    {
        var result = await Chart.TemplateAsync("default");
        Assert.True(result.ExitCode == 0, result.ToString());
        var manifests = Manifests.Load(result.Output);

        Assert.DoesNotContain(manifests.All<k8s.Models.V1ConfigMap>(), c => c.Metadata.Name.EndsWith("-reference-data", StringComparison.Ordinal));
        Assert.All(manifests.All<k8s.Models.V1Deployment>(),
            d => Assert.DoesNotContain(d.Spec.Template.Spec.Containers[0].Env ?? [], e => e.Name == "ReferenceData__File"));
    }

    [Fact]
    public async Task An_existing_ConfigMap_is_mounted_instead()
    {
        var result = await TemplateWithAsync("referenceData:\n  existingConfigMap: city-names\n");
        Assert.True(result.ExitCode == 0, result.ToString());
        var manifests = Manifests.Load(result.Output);

        Assert.All(manifests.All<k8s.Models.V1Deployment>(),
            d => Assert.Contains(d.Spec.Template.Spec.Volumes, v => v.ConfigMap?.Name == "city-names"));
    }

    private static async Task<ToolResult> TemplateWithAsync(string values)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("charts-tests-").FullName, "values.yaml");
        await File.WriteAllTextAsync(file, values);
        try
        {
            return await Chart.TemplateAsync("default", "-f", file);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }
}
