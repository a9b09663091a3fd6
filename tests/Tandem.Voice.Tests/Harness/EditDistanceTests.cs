using Tandem.Voice.Harness;

namespace Tandem.Voice.Tests.Harness;

public sealed class EditDistanceTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("ABC", "", 3)]
    [InlineData("", "AB", 2)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("4155550123", "4155550123", 0)]
    [InlineData("4155550123", "415550123", 1)] // a dropped digit
    [InlineData("4155550123", "4155550132", 2)] // a swap is two substitutions
    [InlineData("B7K", "P7K", 1)]
    public void Levenshtein_KnownPairs_Distance(string reference, string hypothesis, int expected)
    {
        Assert.Equal(expected, EditDistance.Levenshtein(reference, hypothesis));
        Assert.Equal(expected, EditDistance.Levenshtein(hypothesis, reference));
    }

    [Fact]
    public void CharacterErrorRate_OverReferenceLength()
    {
        Assert.Equal(0.1, EditDistance.CharacterErrorRate("4155550123", "415550123"), 10);
        Assert.Equal(0, EditDistance.CharacterErrorRate("", ""));
        Assert.Equal(1, EditDistance.CharacterErrorRate("", "X"));
        Assert.Equal(2, EditDistance.CharacterErrorRate("AB", "CDEF"));
    }
}
