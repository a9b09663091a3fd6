using Tandem.Voice.Recognition;

namespace Tandem.Voice.Tests.Recognition;

public sealed class RecognizerProfilesTests
{
    [Theory]
    [InlineData("sphinx-lm")]
    [InlineData("sphinx-alnum")]
    public void Get_BuiltInName_ReturnsThatProfile(string name)
    {
        Assert.Equal(name, RecognizerProfiles.Get(name).Name);
    }

    [Fact]
    public void Get_UnknownName_ThrowsListingTheBuiltInOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => RecognizerProfiles.Get("sphinx"));

        Assert.Contains("'sphinx'", error.Message, StringComparison.Ordinal);
        Assert.Contains("sphinx-lm, sphinx-alnum", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SphinxLm_UsesTheLanguageModelAndNoGrammar()
    {
        Assert.Equal("en-us.lm.bin", RecognizerProfiles.SphinxLm.LanguageModel);
        Assert.Null(RecognizerProfiles.SphinxLm.Grammar);
    }

    [Fact]
    public void SphinxAlnum_GrammarCoversTheVocabularyWithAStrongInsertionPenalty()
    {
        var profile = RecognizerProfiles.SphinxAlnum;

        Assert.Null(profile.LanguageModel);
        var words = JsgfGrammarWords.Extract(profile.Grammar!);
        var vocabulary = AlphanumericVocabulary.Items.Concat(AlphanumericVocabulary.FramingPhrases).SelectMany(p => p.Split(' ')).ToHashSet();
        Assert.Equal(vocabulary.Order(StringComparer.Ordinal), words.Order(StringComparer.Ordinal));
        Assert.Equal("1e-3", profile.DecoderArguments["-wip"]);
    }

    [Fact]
    public void SphinxAlnum_EveryGrammarWord_IsInTheCmuDictionary()
    {
        RecognitionTestSupport.RequirePocketSphinx();
        var dictionary = Path.Combine(PocketSphinxOptions.DefaultModelDirectory, RecognizerProfiles.SphinxAlnum.Dictionary);

        var entries = PronunciationDictionary.Lookup(dictionary, JsgfGrammarWords.Extract(RecognizerProfiles.SphinxAlnum.Grammar!));

        Assert.Contains(("x-ray", "EH K S R EY"), entries);
        Assert.Contains(entries, e => e.Entry == "zero(2)");
    }
}
