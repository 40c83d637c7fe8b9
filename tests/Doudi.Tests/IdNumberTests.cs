using Doudi.Kernel;

namespace Doudi.Tests;

public class IdNumberTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    [Fact]
    public void The_check_character_of_the_standard_example_is_3()
    {
        Assert.Equal('3', IdNumber.ComputeCheckCharacter("37010119010203997"));
    }

    [Fact]
    public void A_valid_number_gives_its_birth_date_and_sex()
    {
        var id = IdNumber.Parse("370101190102039973", Today);
        Assert.Equal(new DateOnly(1901, 2, 3), id.BirthDate);
        Assert.Equal(Sex.Male, id.Sex);
        Assert.Equal("370101********9973", id.Masked);
    }

    [Fact]
    public void A_wrong_check_character_is_refused_with_the_expected_one()
    {
        var result = IdNumber.TryParse("370101190102039974", Today);
        Assert.Null(result.Id);
        Assert.Contains("应为 3", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Lower_case_x_full_width_digits_and_outer_spaces_are_normalised()
    {
        var first17 = "44010619900101123";
        var check = IdNumber.ComputeCheckCharacter(first17);
        var raw = "\u200B " + string.Concat(first17.Select(c => (char)(c - '0' + '０'))) + char.ToLowerInvariant(check) + " ";
        Assert.Equal(first17 + check, IdNumber.Parse(raw, Today).Value);
    }

    [Fact]
    public void A_15_digit_number_is_upgraded_to_18_digits()
    {
        var id = IdNumber.Parse("440106900101123", Today);
        Assert.Equal("44010619900101123" + IdNumber.ComputeCheckCharacter("44010619900101123"), id.Value);
    }

    [Theory]
    [InlineData("4.40106E+17")]
    [InlineData("4.40106E17")]
    [InlineData("440106199001011230.0")]
    public void Values_mangled_by_a_spreadsheet_say_so(string raw)
    {
        var result = IdNumber.TryParse(raw, Today);
        Assert.Contains("stored as a number by Excel", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Eighteen_digits_ending_in_000_with_a_wrong_check_say_excel()
    {
        var first17 = "44010619900101100";
        Assert.NotEqual('0', IdNumber.ComputeCheckCharacter(first17));
        var result = IdNumber.TryParse(first17 + "0", Today);
        Assert.Contains("stored as a number by Excel", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4401061990 0101123X")]
    [InlineData("44010619900101")]
    [InlineData("44010619901301123X")]
    public void Embedded_spaces_wrong_lengths_and_impossible_dates_are_refused(string raw)
    {
        Assert.Null(IdNumber.TryParse(raw, Today).Id);
    }

    [Fact]
    public void A_birth_date_after_today_is_refused()
    {
        var first17 = "44010620270101123";
        var result = IdNumber.TryParse(first17 + IdNumber.ComputeCheckCharacter(first17), Today);
        Assert.Contains("不在 1900-01-01 至今天之间", result.Error, StringComparison.Ordinal);
    }
}
