using System.Text.RegularExpressions;

namespace Tandem.Voice.Corpus;

/// <summary>
/// Adapts a sample's spoken text for the synthesisers without changing what is said. Both espeak-ng and flite read
/// a lone capital "A" before another word as the article (/ə/); "eigh" is a spelling both say as the letter name.
/// Every other letter, digit word and symbol word is said as intended (checked with <c>espeak-ng -x</c> and
/// <c>flite -ps</c>).
/// </summary>
internal static partial class SynthesisText
{
    public static string For(string spokenText) => LoneA().Replace(spokenText, "eigh");

    [GeneratedRegex(@"(?<![\w'-])A(?![\w'-])")]
    private static partial Regex LoneA();
}
