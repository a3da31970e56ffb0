namespace Longgang.Platform.ArchitectureTests;

public static class Violations
{
    /// <summary>Fails with every violation on a line of its own (xUnit's collection message would cut them short).</summary>
    public static void AssertNone(IEnumerable<string> violations, string rule)
    {
        var list = violations.Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(list.Count == 0, $"{rule}: {list.Count} violation(s)\n" + string.Join("\n", list));
    }
}
