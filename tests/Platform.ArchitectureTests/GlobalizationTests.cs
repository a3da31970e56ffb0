using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Longgang.Platform.ArchitectureTests;

/// <summary>
/// Pinyin order, NFKC and the zh-CN culture come from ICU. .NET's invariant globalization mode (a project setting, an
/// environment variable, or a base image without libicu) silently drops them: text would sort by code point and
/// full-width forms would no longer match half-width ones. Nothing in the build or the deployment may switch it on.
/// </summary>
public sealed partial class GlobalizationTests
{
    [Fact]
    public void Every_project_builds_with_ICU()
    {
        var props = XDocument.Load(Path.Combine(Repository.Root, "Directory.Build.props"));
        Assert.Equal("false", props.Descendants("InvariantGlobalization").Single().Value);

        var violations = Repository.Projects.Keys.Append("Directory.Build.props").Append("tests/Directory.Build.props")
            .Where(path => File.Exists(Path.Combine(Repository.Root, path)))
            .SelectMany(path => XDocument.Load(Path.Combine(Repository.Root, path)).Descendants()
                .Where(e => e.Name.LocalName is "InvariantGlobalization" or "PredefinedCulturesOnly" && e.Value.Trim() != "false")
                .Select(e => $"{path}: <{e.Name.LocalName}>{e.Value}</{e.Name.LocalName}>"));
        Violations.AssertNone(violations, "no project switches ICU off");
    }

    [Fact]
    public void No_image_chart_or_manifest_switches_ICU_off_and_the_images_have_it()
    {
        var files = new[] { "services", "gateway", "charts", "k8s" }
            .SelectMany(top => Directory.EnumerateFiles(Path.Combine(Repository.Root, top), "*", SearchOption.AllDirectories))
            .Where(f => Path.GetFileName(f) == "Dockerfile" || Path.GetExtension(f) is ".yaml" or ".yml" or ".json" or ".tpl")
            .Select(Repository.PathOf)
            .Where(path => !path.Contains("/bin/") && !path.Contains("/obj/"));
        var violations = files.SelectMany(path =>
        {
            var text = File.ReadAllText(Path.Combine(Repository.Root, path));
            var found = new List<string>();
            if (InvariantSwitch().IsMatch(text)) found.Add($"{path}: sets invariant globalization");
            foreach (Match image in AspNetImageDefault().Matches(text))
            {
                // Alpine and chiseled images come without libicu (and switch ICU off); their -extra variants carry it
                var tag = image.Groups["tag"].Value;
                if ((tag.Contains("alpine") || tag.Contains("chiseled")) && !tag.Contains("extra"))
                    found.Add($"{path}: base image {image.Value} has no ICU");
            }
            return found;
        });
        Violations.AssertNone(violations, "every image runs .NET on ICU");
    }

    [GeneratedRegex(@"DOTNET_SYSTEM_GLOBALIZATION_INVARIANT\s*[=:]\s*[""']?(1|true)|System\.Globalization\.Invariant""?\s*:\s*true", RegexOptions.IgnoreCase)]
    private static partial Regex InvariantSwitch();

    [GeneratedRegex(@"mcr\.microsoft\.com/dotnet/(?:aspnet|runtime|runtime-deps):(?<tag>[\w.-]+)")]
    private static partial Regex AspNetImageDefault();
}
