using Longgang.Approvals.Domain;
using Longgang.Platform;

namespace Longgang.Approvals.Tests;

/// <summary>GB 11643 numbers: the check character, the birth date, the one masking function and who reads a number whole.</summary>
public sealed class ResidentIdNumberTests
{
    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("440307199003071239")]
    [InlineData("440307200002290005")]
    public void Numbers_with_a_matching_check_character_are_valid(string number) => Assert.True(ResidentIdNumber.IsValid(number));

    [Theory]
    [InlineData("110105194912310021")] // wrong check character
    [InlineData("11010519491231002")]  // 17 characters
    [InlineData("440307199002301235")] // 30 February
    [InlineData("44030719900307123A")]
    [InlineData("")]
    public void Other_numbers_are_not(string number) => Assert.False(ResidentIdNumber.IsValid(number));

    [Fact]
    public void Full_width_digits_and_a_small_x_are_normalized_before_checking() =>
        Assert.Equal("11010519491231002X", ResidentIdNumber.Normalize(" １１０１０５１９４９１２３１００２x "));

    [Fact]
    public void The_mask_keeps_the_region_and_the_last_four_characters() =>
        Assert.Equal("110105********002X", ResidentIdNumber.Mask("11010519491231002X"));

    [Fact]
    public void The_applicant_and_the_handling_departments_clerks_read_it_whole_everyone_else_masked()
    {
        const string number = "11010519491231002X";
        string? Shown(Caller caller) => ApplicationAccess.ResidentIdFor(caller, number, "citizen-7", "dept-housing-construction",
            ["dept-housing-construction", "dept-natural-resources"]);

        Assert.Equal(number, Shown(Callers.Citizen));
        Assert.Equal(number, Shown(Callers.Clerk("dept-housing-construction")));
        Assert.Equal(number, Shown(Callers.Clerk("dept-natural-resources")));
        Assert.Equal("110105********002X", Shown(Callers.OtherCitizen));
        Assert.Equal("110105********002X", Shown(Callers.Clerk("dept-finance")));
        Assert.Equal("110105********002X", Shown(new Caller("sup", PlatformRoles.Supervisor, null, "dept-housing-construction")));
        Assert.Equal("110105********002X", Shown(Callers.GridWorker));
        Assert.Equal("110105********002X", Shown(Callers.CityAdmin));
    }
}
