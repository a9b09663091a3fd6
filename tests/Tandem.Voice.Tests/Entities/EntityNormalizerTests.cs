using Tandem.Voice.Entities;

namespace Tandem.Voice.Tests.Entities;

public sealed partial class EntityNormalizerTests
{
    private static readonly EntityNormalizer Us = new();
    private static readonly EntityNormalizer Uk = new(new EntityOptions { DefaultRegion = "UK" });

    [Fact]
    public void Normalize_CorrectionBetweenUnits_ReplacesOnlyTheUnitBefore()
    {
        var result = Us.Normalize(EntityKind.OrderCode, "five five, no, six");

        Assert.Equal("56", result.Value);
        Assert.Equal(NormalizationFlags.CorrectionApplied, result.Flags);
        Assert.Equal(
            [TokenRole.Digits, TokenRole.Corrected, TokenRole.Correction, TokenRole.Digits],
            result.Tokens.Select(t => t.Role));
        Assert.Equal(["5", "", "", "6"], result.Tokens.Select(t => t.Output));
    }

    [Fact]
    public void Normalize_CorrectionAfterDoubleUnit_ReplacesTheWholeUnit()
    {
        Assert.Equal("K6", Us.Normalize(EntityKind.OrderCode, "K double five, sorry, six").Value);
    }

    [Theory]
    [InlineData("no, it's five five six", "556")]
    [InlineData("five five six, sorry", "556")]
    [InlineData("sorry, I mean five five six", "556")]
    public void Normalize_CorrectionMarkerNotBetweenUnits_IsIgnored(string transcript, string expected)
    {
        var result = Us.Normalize(EntityKind.OrderCode, transcript);

        Assert.Equal(expected, result.Value);
        Assert.False(result.Has(NormalizationFlags.CorrectionApplied));
    }

    [Fact]
    public void Normalize_TwoCorrectionsInARow_EachReplacesOneUnit()
    {
        Assert.Equal("57", Us.Normalize(EntityKind.OrderCode, "five five, no, six, no, seven").Value);
    }

    [Fact]
    public void Normalize_CorrectionsOff_MarkersAreFillers()
    {
        var normalizer = new EntityNormalizer(new EntityOptions { ApplyCorrections = false });

        var result = normalizer.Normalize(EntityKind.OrderCode, "five five, no, six");

        Assert.Equal("556", result.Value);
        Assert.Equal(NormalizationFlags.None, result.Flags);
    }

    [Fact]
    public void Normalize_Result_KeepsKindAndEveryUnitInOrder()
    {
        var result = Us.Normalize(EntityKind.OrderCode, "the code is uh B as in boy double seven");

        Assert.Equal(EntityKind.OrderCode, result.Kind);
        Assert.Equal(
            [
                new NormalizedToken("the", "", TokenRole.Filler),
                new NormalizedToken("code", "", TokenRole.Filler),
                new NormalizedToken("is", "", TokenRole.Filler),
                new NormalizedToken("uh", "", TokenRole.Filler),
                new NormalizedToken("b as in boy", "B", TokenRole.Letters),
                new NormalizedToken("double seven", "77", TokenRole.Digits),
            ],
            result.Tokens);
    }

    [Fact]
    public void Normalize_NothingUsable_GivesEmptyValue()
    {
        var result = Us.Normalize(EntityKind.CardNumber, "I don't have it with me");

        Assert.True(result.IsEmpty);
        Assert.True(result.Has(NormalizationFlags.UnrecognisedWords));
    }

    [Fact]
    public void Normalize_DoubleAtTheEnd_IsUnrecognised()
    {
        var result = Us.Normalize(EntityKind.OrderCode, "A B double");

        Assert.Equal("AB", result.Value);
        Assert.Equal(["double"], result.UnrecognisedWords);
    }

    [Fact]
    public void Normalize_NullTranscript_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Us.Normalize(EntityKind.PhoneNumber, null!));
    }

    [Fact]
    public void Normalize_UndefinedKind_ThrowsNamingTheKind()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Us.Normalize((EntityKind)42, "five"));
        Assert.Equal("kind", error.ParamName);
    }

    [Theory]
    [InlineData("XX", "'XX'")]
    [InlineData("", "''")]
    public void Constructor_UnknownRegion_ThrowsNamingTheRegion(string region, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => new EntityNormalizer(new EntityOptions { DefaultRegion = region }));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NameBoundsReversed_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new EntityNormalizer(new EntityOptions { MinNameLength = 5, MaxNameLength = 3 }));
        Assert.Contains("MaxNameLength", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(", . ! ?")]
    [InlineData("- + @ -- —")]
    [InlineData("double double double")]
    [InlineData("as in")]
    [InlineData("B as in")]
    [InlineData("B for")]
    [InlineData("hundred thousand and and")]
    [InlineData("oh oh oh oh oh oh oh oh oh oh oh")]
    [InlineData("no no sorry I mean no")]
    [InlineData("日本語 émile ß 🙂")]
    [InlineData("   ")]
    [InlineData("'s ' '' 's's")]
    public void Normalize_OddTranscript_NeverThrowsForAnyKind(string transcript)
    {
        foreach (var kind in Enum.GetValues<EntityKind>())
        {
            var result = Uk.Normalize(kind, transcript);

            Assert.Equal(kind, result.Kind);
            Assert.NotNull(result.Value);
        }
    }
}
