using Tandem.Voice.Corpus;

namespace Tandem.Voice.Tests.Corpus;

public sealed class SynthesisTextTests
{
    [Theory]
    [InlineData("A as in apple, B as in boy.", "eigh as in apple, B as in boy.")]
    [InlineData("My postcode is S W one A, one A A.", "My postcode is S W one eigh, one eigh eigh.")]
    [InlineData("Adam and a cat, it's A.", "Adam and a cat, it's eigh.")]
    [InlineData("J O H N dot S M I T H at example dot com.", "J O H N dot S M I T H at example dot com.")]
    public void For_LoneCapitalA_IsSpelledSoBothEnginesSayTheLetter(string spoken, string expected) =>
        Assert.Equal(expected, SynthesisText.For(spoken));
}
