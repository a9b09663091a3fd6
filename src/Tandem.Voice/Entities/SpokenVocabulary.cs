using System.Collections.Frozen;

namespace Tandem.Voice.Entities;

/// <summary>
/// The spoken forms the normaliser knows, as speech recognisers write them (lower case). Kept in
/// one place so the rules in <see cref="EntityNormalizer"/> read as rules, not as word lists.
/// </summary>
internal static class SpokenVocabulary
{
    /// <summary>Digit words. "oh"/"o" are not here: they may be the letter O (<see cref="LexemeKind.Oh"/>).</summary>
    public static readonly FrozenDictionary<string, int> Digits = new Dictionary<string, int>
    {
        ["zero"] = 0, ["nought"] = 0, ["naught"] = 0, ["null"] = 0, ["nil"] = 0,
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5,
        ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["niner"] = 9,
    }.ToFrozenDictionary();

    public static readonly FrozenDictionary<string, int> Teens = new Dictionary<string, int>
    {
        ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14,
        ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19,
    }.ToFrozenDictionary();

    public static readonly FrozenDictionary<string, int> Tens = new Dictionary<string, int>
    {
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fourty"] = 40, ["fifty"] = 50,
        ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    }.ToFrozenDictionary();

    public static readonly FrozenDictionary<string, int> Multipliers = new Dictionary<string, int>
    {
        ["double"] = 2, ["triple"] = 3, ["treble"] = 3, ["quadruple"] = 4,
    }.ToFrozenDictionary();

    /// <summary>Words that sound like digits; read as digits only between digits ("five to six" stays words).</summary>
    public static readonly FrozenDictionary<string, int> Homophones = new Dictionary<string, int>
    {
        ["to"] = 2, ["too"] = 2, ["for"] = 4, ["fore"] = 4, ["ate"] = 8, ["won"] = 1,
    }.ToFrozenDictionary();

    /// <summary>Letter names as recognisers spell them ("bee", "double-u"); "be" is a letter unless a modal precedes it.</summary>
    public static readonly FrozenDictionary<string, char> LetterNames = new Dictionary<string, char>
    {
        ["ay"] = 'A', ["bee"] = 'B', ["be"] = 'B', ["see"] = 'C', ["sea"] = 'C', ["cee"] = 'C', ["dee"] = 'D',
        ["ef"] = 'F', ["eff"] = 'F', ["gee"] = 'G', ["aitch"] = 'H', ["haitch"] = 'H', ["eye"] = 'I', ["aye"] = 'I',
        ["jay"] = 'J', ["kay"] = 'K', ["el"] = 'L', ["ell"] = 'L', ["em"] = 'M', ["en"] = 'N',
        ["pea"] = 'P', ["pee"] = 'P', ["queue"] = 'Q', ["cue"] = 'Q', ["kyu"] = 'Q', ["are"] = 'R', ["ar"] = 'R',
        ["ess"] = 'S', ["es"] = 'S', ["tee"] = 'T', ["tea"] = 'T', ["you"] = 'U', ["yu"] = 'U', ["vee"] = 'V',
        ["double-u"] = 'W', ["doubleu"] = 'W', ["ex"] = 'X', ["why"] = 'Y', ["wye"] = 'Y', ["zed"] = 'Z', ["zee"] = 'Z',
    }.ToFrozenDictionary();

    public static readonly FrozenDictionary<string, char> Nato = new Dictionary<string, char>
    {
        ["alpha"] = 'A', ["alfa"] = 'A', ["bravo"] = 'B', ["charlie"] = 'C', ["delta"] = 'D', ["echo"] = 'E',
        ["foxtrot"] = 'F', ["golf"] = 'G', ["hotel"] = 'H', ["india"] = 'I', ["juliet"] = 'J', ["juliett"] = 'J',
        ["kilo"] = 'K', ["lima"] = 'L', ["mike"] = 'M', ["november"] = 'N', ["oscar"] = 'O', ["papa"] = 'P',
        ["quebec"] = 'Q', ["romeo"] = 'R', ["sierra"] = 'S', ["tango"] = 'T', ["uniform"] = 'U', ["victor"] = 'V',
        ["whiskey"] = 'W', ["whisky"] = 'W', ["x-ray"] = 'X', ["xray"] = 'X', ["yankee"] = 'Y', ["zulu"] = 'Z',
    }.ToFrozenDictionary();

    public static readonly FrozenDictionary<string, char> Symbols = new Dictionary<string, char>
    {
        ["at"] = '@', ["dot"] = '.', ["period"] = '.', ["point"] = '.', ["underscore"] = '_',
        ["dash"] = '-', ["hyphen"] = '-', ["minus"] = '-', ["-"] = '-', ["plus"] = '+', ["+"] = '+',
        ["space"] = ' ', ["apostrophe"] = '\'', ["@"] = '@',
    }.ToFrozenDictionary();

    /// <summary>Never meaningful, dropped everywhere (emails included).</summary>
    public static readonly FrozenSet<string> Disfluencies = FrozenSet.ToFrozenSet(
    [
        "uh", "um", "umm", "uhm", "er", "erm", "ah", "hmm", "hm", "mm", "mhm", "uh-huh",
    ]);

    /// <summary>Framing words. Emails drop them only at the start or end (a local part may be "is" or "the").</summary>
    public static readonly FrozenSet<string> Fillers = FrozenSet.ToFrozenSet(
    [
        "my", "our", "his", "her", "their", "your", "the", "an", "is", "it's", "its", "it", "that's", "thats", "that", "this", "was",
        "number", "numbers", "phone", "telephone", "mobile", "cell", "landline", "code", "order", "confirmation", "reference",
        "booking", "card", "credit", "debit", "postcode", "post", "postal", "zip", "name", "surname", "first", "last", "family",
        "given", "spelled", "spelt", "spell", "spelling", "email", "e-mail", "address", "okay", "ok", "so", "yes", "yeah", "yep",
        "sure", "please", "thanks", "thank", "here", "there", "then", "well", "like", "just", "i'm", "im", "as", "in", "of", "on",
        "with", "again", "repeat", "digits", "digit", "letters", "letter", "starts", "ends", "begins", "by", "should",
        "will", "would", "could", "can", "might", "must", "may", "it'll", "that'll", "alright", "right", "got", "said", "say",
        "hi", "hello", "let's", "now", "all", "be",
    ]);

    /// <summary>Modal words after which "be" is the verb, not the letter B.</summary>
    public static readonly FrozenSet<string> Modals = FrozenSet.ToFrozenSet(
    [
        "will", "would", "should", "could", "can", "to", "might", "must", "may", "it'll", "that'll", "it'd", "that'd", "gonna", "wanna",
    ]);

    public static readonly FrozenSet<string> CorrectionWords = FrozenSet.ToFrozenSet(["no", "sorry", "actually", "correction", "oops"]);

    public static readonly FrozenSet<string> CasePrefixes = FrozenSet.ToFrozenSet(["capital", "capitals", "uppercase", "upper-case", "lowercase", "lower-case", "small", "cap"]);

    /// <summary>Fixed phrases, matched before single words (longest first).</summary>
    public static readonly FrozenDictionary<string, Lexeme> Phrases = new Dictionary<string, Lexeme>
    {
        ["double you"] = new(LexemeKind.Letter, "double you", "", Char: 'W', Source: LetterSource.Name, WordCount: 2),
        ["double u"] = new(LexemeKind.Letter, "double u", "", Char: 'W', Source: LetterSource.Name, WordCount: 2),
        ["x ray"] = new(LexemeKind.Letter, "x ray", "", Char: 'X', Source: LetterSource.Nato, WordCount: 2),
        ["as in"] = new(LexemeKind.OverrideIntro, "as in", "", WordCount: 2),
        ["at sign"] = new(LexemeKind.Symbol, "at sign", "", Char: '@', WordCount: 2),
        ["at symbol"] = new(LexemeKind.Symbol, "at symbol", "", Char: '@', WordCount: 2),
        ["at the rate"] = new(LexemeKind.Symbol, "at the rate", "", Char: '@', WordCount: 3),
        ["at the rate of"] = new(LexemeKind.Symbol, "at the rate of", "", Char: '@', WordCount: 4),
        ["full stop"] = new(LexemeKind.Symbol, "full stop", "", Char: '.', WordCount: 2),
        ["under score"] = new(LexemeKind.Symbol, "under score", "", Char: '_', WordCount: 2),
        ["plus sign"] = new(LexemeKind.Symbol, "plus sign", "", Char: '+', WordCount: 2),
        ["upper case"] = new(LexemeKind.CasePrefix, "upper case", "", WordCount: 2),
        ["lower case"] = new(LexemeKind.CasePrefix, "lower case", "", WordCount: 2),
        ["capital letter"] = new(LexemeKind.CasePrefix, "capital letter", "", WordCount: 2),
        ["small letter"] = new(LexemeKind.CasePrefix, "small letter", "", WordCount: 2),
        ["i said"] = new(LexemeKind.Filler, "i said", "", WordCount: 2),
        ["thank you"] = new(LexemeKind.Filler, "thank you", "", WordCount: 2),
        ["let me see"] = new(LexemeKind.Filler, "let me see", "", WordCount: 3),
        ["hold on"] = new(LexemeKind.Filler, "hold on", "", WordCount: 2),
        ["that's it"] = new(LexemeKind.Filler, "that's it", "", WordCount: 2),
        ["i think"] = new(LexemeKind.Filler, "i think", "", WordCount: 2),
        ["e mail"] = new(LexemeKind.Filler, "e mail", "", WordCount: 2),
        ["i mean"] = new(LexemeKind.Correction, "i mean", "", WordCount: 2),
        ["i meant"] = new(LexemeKind.Correction, "i meant", "", WordCount: 2),
        ["no wait"] = new(LexemeKind.Correction, "no wait", "", WordCount: 2),
        ["no sorry"] = new(LexemeKind.Correction, "no sorry", "", WordCount: 2),
        ["sorry i mean"] = new(LexemeKind.Correction, "sorry i mean", "", WordCount: 3),
    }.ToFrozenDictionary();

    /// <summary>Hyphenated forms that are one word, not two.</summary>
    public static bool IsWholeHyphenated(string text) =>
        LetterNames.ContainsKey(text) || Nato.ContainsKey(text) || Fillers.Contains(text) || CasePrefixes.Contains(text) || Disfluencies.Contains(text);
}
