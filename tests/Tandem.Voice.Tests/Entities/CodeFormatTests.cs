using Tandem.Voice.Entities;

namespace Tandem.Voice.Tests.Entities;

public sealed class CodeFormatTests
{
    [Fact]
    public void Unambiguous_ExcludesLettersThatLookLikeDigits()
    {
        var alphabet = CodeFormat.Unambiguous;

        Assert.All("IOL", c => Assert.False(alphabet.Contains(c)));
        Assert.All("0123456789ABKMNPRSTUVWXYZ", c => Assert.True(alphabet.Contains(c)));
        Assert.False(alphabet.Contains('a'));
    }

    [Theory]
    [InlineData("ABCDEF", "ABCDEF", 'E')]
    [InlineData("0123456789", "7992739871", '3')]
    [InlineData("0123456789", "411111111111111", '1')]
    [InlineData("0123456789ABCDEFGHJKMNPQRSTUVWXYZ", "7KY2AB", 'K')]
    public void ComputeCheckCharacter_LuhnModN_KnownVectors(string alphabet, string body, char expected)
    {
        var format = new CodeFormat(alphabet, 2, 20, hasCheckCharacter: true);

        Assert.Equal(expected, format.ComputeCheckCharacter(body));
        Assert.True(format.IsCheckCharacterValid(body + expected));
    }

    [Theory]
    [InlineData("7KY2ABJ")]
    [InlineData("K7Y2ABK")]
    [InlineData("7KY2AOK")]
    [InlineData("K")]
    public void IsCheckCharacterValid_WrongSwappedOrOutsideAlphabet_False(string code)
    {
        var format = new CodeFormat("0123456789ABCDEFGHJKMNPQRSTUVWXYZ", 2, 20, hasCheckCharacter: true);

        Assert.False(format.IsCheckCharacterValid(code));
    }

    [Fact]
    public void ComputeCheckCharacter_CharacterOutsideAlphabet_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => CodeFormat.Unambiguous.ComputeCheckCharacter("AB0O"));

        Assert.Contains("'O' at position 4", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A", 1, 2, "at least 2 characters")]
    [InlineData("ABCA", 1, 2, "'A' more than once")]
    [InlineData("ABc", 1, 2, "'c' at index 2")]
    [InlineData("AB-", 1, 2, "'-' at index 2")]
    public void Constructor_BadAlphabet_ThrowsNamingTheProblem(string alphabet, int min, int max, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => new CodeFormat(alphabet, min, max));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 4, false, "minLength")]
    [InlineData(1, 4, true, "minLength")]
    [InlineData(6, 4, false, "maxLength")]
    public void Constructor_BadLengths_ThrowsNamingTheParameter(int min, int max, bool check, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new CodeFormat("AB", min, max, check));

        Assert.Equal(parameter, error.ParamName);
    }
}
