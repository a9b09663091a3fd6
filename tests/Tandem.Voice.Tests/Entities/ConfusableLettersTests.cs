using Tandem.Voice.Entities;

namespace Tandem.Voice.Tests.Entities;

public sealed class ConfusableLettersTests
{
    [Theory]
    [InlineData('B', "BCDEGPTVZ8")]
    [InlineData('b', "BCDEGPTVZ8")]
    [InlineData('P', "BCDEGPTVZ")]
    [InlineData('Z', "BCDEGPTVZ2")]
    [InlineData('M', "MN")]
    [InlineData('n', "MN")]
    [InlineData('S', "FS5")]
    [InlineData('F', "FS")]
    [InlineData('O', "O0")]
    [InlineData('0', "O0")]
    [InlineData('I', "I1L")]
    [InlineData('1', "I1L")]
    [InlineData('L', "I1L")]
    [InlineData('5', "S5")]
    [InlineData('8', "B8")]
    [InlineData('2', "Z2")]
    [InlineData('A', "")]
    [InlineData('K', "")]
    [InlineData('7', "")]
    [InlineData('-', "")]
    public void SetOf_Character_GivesEveryConfusableIncludingItself(char c, string expected)
    {
        Assert.Equal(expected.Order(), ConfusableLetters.SetOf(c).Order());
    }

    [Fact]
    public void Sets_AreTheDocumentedGroups()
    {
        Assert.Equal(
            ["BCDEGPTVZ", "MN", "FS", "0O", "1IL", "5S", "8B", "2Z"],
            ConfusableLetters.Sets.Select(s => new string([.. s.Order()])));
    }

    [Theory]
    [InlineData("AB3D7K", new[] { 1, 3 })]
    [InlineData("7KY2", new[] { 3 })]
    [InlineData("HAJK", new int[0])]
    [InlineData("SW1A 1AA", new[] { 0, 2, 5 })]
    [InlineData("", new int[0])]
    public void ConfusablePositions_Value_GivesPositionsWorthConfirming(string value, int[] expected)
    {
        Assert.Equal(expected, ConfusableLetters.ConfusablePositions(value));
    }

    [Theory]
    [InlineData('a', "Alfa")]
    [InlineData('B', "Bravo")]
    [InlineData('j', "Juliett")]
    [InlineData('X', "X-ray")]
    [InlineData('Z', "Zulu")]
    [InlineData('0', "Zero")]
    [InlineData('9', "Nine")]
    public void NatoWord_LetterOrDigit_GivesSpellingWord(char c, string expected)
    {
        Assert.Equal(expected, ConfusableLetters.NatoWord(c));
    }

    [Fact]
    public void NatoWord_NotLetterOrDigit_ThrowsNamingTheCharacter()
    {
        var error = Assert.Throws<ArgumentException>(() => ConfusableLetters.NatoWord('#'));

        Assert.Contains("'#'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData('b', "B as in Bravo")]
    [InlineData('P', "P as in Papa")]
    [InlineData('5', "Five")]
    public void AsIn_Character_GivesUnmistakableForm(char c, string expected)
    {
        Assert.Equal(expected, ConfusableLetters.AsIn(c));
    }
}
