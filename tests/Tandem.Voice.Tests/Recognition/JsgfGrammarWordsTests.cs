using Tandem.Voice.Recognition;

namespace Tandem.Voice.Tests.Recognition;

public sealed class JsgfGrammarWordsTests
{
    [Fact]
    public void Extract_GrammarWithCommentsTagsAndWeights_ReturnsOnlyTheWords()
    {
        const string Jsgf = """
            #JSGF V1.0 UTF-8;
            grammar test;
            import <other.rule>;
            /* a block comment with words */
            public <top> = [<lead>] (<digit> | x-ray {tag words})+ ; // a line comment
            <lead> = /0.5/ it's | /2/ my number is;
            <digit> = one | two*;
            """;

        var words = JsgfGrammarWords.Extract(Jsgf);

        Assert.Equal(["is", "it's", "my", "number", "one", "two", "x-ray"], words.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Extract_NoWords_ReturnsAnEmptySet()
    {
        Assert.Empty(JsgfGrammarWords.Extract("#JSGF V1.0;\ngrammar g;\npublic <a> = <b>;\n"));
    }
}
