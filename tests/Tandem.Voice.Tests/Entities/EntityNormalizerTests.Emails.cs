using Tandem.Voice.Entities;

namespace Tandem.Voice.Tests.Entities;

public sealed partial class EntityNormalizerTests
{
    [Theory]
    [InlineData("john.smith@example.com", "john.smith@example.com")]
    [InlineData("My email is John.Smith@Example.com.", "john.smith@example.com")]
    [InlineData("j o h n dot smith at example dot com", "john.smith@example.com")]
    [InlineData("J-O-H-N dot smith at example dot com", "john.smith@example.com")]
    [InlineData("my email is john dot smith at gmail dot com", "john.smith@gmail.com")]
    [InlineData("it's john underscore doe at gmail dot com", "john_doe@gmail.com")]
    [InlineData("john under score doe at gmail dot com", "john_doe@gmail.com")]
    [InlineData("john dash smith at example dot co dot uk", "john-smith@example.co.uk")]
    [InlineData("john hyphen smith at example dot com", "john-smith@example.com")]
    [InlineData("john minus smith at example dot com", "john-smith@example.com")]
    [InlineData("it's no reply at example dot com", "noreply@example.com")]
    [InlineData("jane plus news at example dot com", "jane+news@example.com")]
    [InlineData("john smith twenty three at gmail dot com", "johnsmith23@gmail.com")]
    [InlineData("john one two three at gmail dot com", "john123@gmail.com")]
    [InlineData("j as in juliet o h n at example dot com", "john@example.com")]
    [InlineData("john at sign example dot com", "john@example.com")]
    [InlineData("john at the rate example dot com", "john@example.com")]
    [InlineData("john dot smith at example period com", "john.smith@example.com")]
    [InlineData("john dot smith at example point com", "john.smith@example.com")]
    [InlineData("no reply at example dot com", "noreply@example.com")]
    [InlineData("mary dot jane at example dot org thanks", "mary.jane@example.org")]
    [InlineData("j o h n at g mail dot com", "john@gmail.com")]
    [InlineData("capital J O H N at example dot com", "john@example.com")]
    [InlineData("m i k e at example dot com", "mike@example.com")]
    [InlineData("mike at example dot com", "mike@example.com")]
    [InlineData("jay smith at example dot com", "jaysmith@example.com")]
    [InlineData("jay dee smith at example dot com", "jdsmith@example.com")]
    [InlineData("uh john um at example dot com", "john@example.com")]
    [InlineData("john the man at example dot com", "johntheman@example.com")]
    [InlineData("b i l k, sorry, l at example dot com", "bill@example.com")]
    [InlineData("john at example, no, gmail dot com", "john@gmail.com")]
    [InlineData("j oh h n at example dot com", "john@example.com")]
    [InlineData("sorry, it's john at example dot com", "john@example.com")]
    [InlineData("My email’s john at example dot com", "john@example.com")]
    [InlineData("It’s john at example dot com, and that's it", "john@example.com")]
    [InlineData("j for juliet o h n at example dot com", "john@example.com")]
    public void Normalize_Email_GivesLowerCaseAddress(string transcript, string expected)
    {
        Assert.Equal(expected, Us.Normalize(EntityKind.Email, transcript).Value);
    }

    [Theory]
    [InlineData("agent double oh seven at example dot com", "agent007@example.com")]
    [InlineData("bob oh seven at example dot com", "bob07@example.com")]
    public void Normalize_EmailOhBetweenLetterAndDigit_FollowsWhatComesAfterAndIsMarked(string transcript, string expected)
    {
        var result = Us.Normalize(EntityKind.Email, transcript);

        Assert.Equal(expected, result.Value);
        Assert.True(result.Has(NormalizationFlags.AmbiguousTokens));
    }

    [Fact]
    public void Normalize_EmailSpelledPart_TraceHasOneUnitPerLetterAndWholeWords()
    {
        var result = Us.Normalize(EntityKind.Email, "j o h n dot smith at example dot com");

        Assert.Equal(
            ["j", "o", "h", "n", ".", "smith", "@", "example", ".", "com"],
            result.Tokens.Select(t => t.Output));
        Assert.Equal(TokenRole.Word, result.Tokens[5].Role);
        Assert.Equal(NormalizationFlags.None, result.Flags);
    }
}
