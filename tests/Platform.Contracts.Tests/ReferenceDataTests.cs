using System.Globalization;

namespace Longgang.Platform.Tests;

/// <summary>The city's reference data: every code named in both languages, and operations' names replacing the shipped ones.</summary>
public sealed class ReferenceDataTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    private static IEnumerable<ReferenceEntry> AllEntries(ReferenceNames names) =>
        names.Departments.Concat<ReferenceEntry>(names.Districts).Concat(names.Modules).Concat(names.CityTags);

    [Fact]
    public void Ships_15_departments_6_institutions_9_districts_and_5_modules_with_unique_codes()
    {
        var names = ReferenceNames.Embedded;

        Assert.Equal(15, names.Departments.Count(d => d.Code.StartsWith("dept-", StringComparison.Ordinal)));
        Assert.Equal(6, names.Departments.Count(d => d.Code.StartsWith("inst-", StringComparison.Ordinal)));
        Assert.Equal(ReferenceData.DistrictCount, names.Districts.Count);
        Assert.Equal(5, names.Modules.Count);
        Assert.Equal(Enumerable.Range(1, 9).Select(n => $"district-{n:00}"), ReferenceData.DistrictCodes);
        Assert.Equal(AllEntries(names).Count(), AllEntries(names).Select(e => e.Code).Distinct().Count());
    }

    [Fact]
    public void Every_code_has_a_Chinese_and_an_English_name()
    {
        foreach (var entry in AllEntries(ReferenceNames.Embedded))
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.ChineseName), entry.Code);
            Assert.False(string.IsNullOrWhiteSpace(entry.Name), entry.Code);
            Assert.Contains(entry.ChineseName, c => c is >= '\u4e00' and <= '\u9fff'); // Chinese, not English copied over
            Assert.All(entry.Name, c => Assert.True(c < 0x80, $"{entry.Code}: English name '{entry.Name}'"));
        }
    }

    [Fact]
    public void Names_follow_the_readers_language_and_the_placeholders_say_they_are_placeholders()
    {
        Assert.Equal("市场监督管理局", ReferenceData.DepartmentName("dept-market-supervision", Chinese));
        Assert.Equal("Market Supervision Bureau", ReferenceData.DepartmentName("dept-market-supervision", English));
        Assert.Equal("第四片区（名称待定）", ReferenceData.DistrictName("district-04", Chinese));
        Assert.Equal("District 4 (name to be confirmed)", ReferenceData.DistrictName("district-04", English));
        Assert.Equal("便民服务", ReferenceData.ModuleName("convenience-services", CultureInfo.GetCultureInfo("zh")));
        Assert.Null(ReferenceData.DepartmentName("dept-nowhere", Chinese));
        Assert.All(ReferenceNames.Embedded.Districts, d => Assert.EndsWith("（名称待定）", d.ChineseName));
    }

    [Fact]
    public void An_operations_file_replaces_names_and_keeps_every_code()
    {
        var shipped = ReferenceNames.Embedded;
        var json = """
            // operations' real names for two districts, and an English correction
            {
              "districts": [
                { "code": "district-01", "zh-CN": "龙江片区", "en": "Longjiang District" },
                { "code": "district-02", "zh-CN": "湖前片区" },
              ],
              "departments": [ { "code": "inst-media", "en": "Media Convergence Centre" } ]
            }
            """;

        var names = shipped.OverriddenBy(json, "ops.json");

        Assert.Equal(shipped.Districts.Select(d => d.Code), names.Districts.Select(d => d.Code));
        Assert.Equal(shipped.Departments.Select(d => d.Code), names.Departments.Select(d => d.Code));
        Assert.Equal(shipped.Modules, names.Modules);
        Assert.Equal("龙江片区", names.Districts[0].NameIn(Chinese));
        Assert.Equal("Longjiang District", names.Districts[0].NameIn(English));
        Assert.Equal(new DistrictRef("district-02", "District 2 (name to be confirmed)", "湖前片区"), names.Districts[1]);
        Assert.Equal(shipped.Districts[2], names.Districts[2]);
        var media = names.Departments.Single(d => d.Code == "inst-media");
        Assert.Equal(("Media Convergence Centre", "融媒体中心"), (media.Name, media.ChineseName));
        Assert.Equal("第一片区（名称待定）", shipped.Districts[0].ChineseName); // the shipped set is not changed
    }

    [Theory]
    [InlineData("""{ "districts": [ { "code": "district-10", "zh-CN": "第十片区" } ] }""", "district-10")]
    [InlineData("""{ "districts": [ { "code": "district-01", "zh-CN": " " } ] }""", "empty name")]
    [InlineData("""{ "districts": [ { "code": "district-01", "zh_CN": "龙江片区" } ] }""", "zh_CN")]
    [InlineData("""{ "wards": [] }""", "wards")]
    [InlineData("""{ "districts": """, "ops.json")]
    public void An_operations_file_that_would_change_codes_or_is_malformed_is_refused(string json, string named)
    {
        var error = Assert.Throws<InvalidDataException>(() => ReferenceNames.Embedded.OverriddenBy(json, "ops.json"));

        Assert.Contains(named, error.Message);
        Assert.StartsWith("ops.json", error.Message);
    }

    [Fact]
    public void Names_every_city_tag_of_the_plan_and_no_other()
    {
        Assert.Equal(CityTags.All, ReferenceNames.Embedded.CityTags.Select(t => t.Code));
        Assert.Equal(["活力创新城", "高端产业城", "现代智慧城", "幸福宜居城", "平安善治城"], ReferenceNames.Embedded.CityTags.Select(t => t.ChineseName));
        Assert.Equal("Happy liveable city", ReferenceData.CityTagName(CityTags.HappyLiveable, English));
        Assert.Equal("平安善治城", ReferenceData.CityTagName(CityTags.SafeGovernance, Chinese));
    }
}
