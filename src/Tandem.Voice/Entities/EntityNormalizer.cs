namespace Tandem.Voice.Entities;

/// <summary>
/// Turns what a speech recogniser wrote ("my number is four one five, double five five, oh one
/// two three") into the canonical value of an <see cref="EntityKind"/> ("+14155550123"), with a
/// trace of every spoken unit and flags for the fallback policy. Handles words and
/// already-written forms ("555-0123", "B as in boy", "john.smith@example.com") alike.
/// Stateless after construction, so one instance may serve many calls at once.
/// </summary>
/// <remarks>
/// <para>Rules, in the order they apply:</para>
/// <list type="number">
/// <item>Words are split on whitespace; punctuation around them is dropped (a comma or period is
/// remembered as a pause); "j-o-h-n", "A.B.C" and "fifty-five" are split into their words.</item>
/// <item>Fillers and framing ("my number is", "the code is", "uh", "okay", "I said") are ignored;
/// in emails only at the start and end, because between them ordinary words are the address.</item>
/// <item>Digits: digit words, "oh"/"o"/"zero"/"nought"/"null" (0), teens and tens ("twenty three"
/// is 23), "hundred"/"thousand" phone style ("eight hundred" is 800; see the ambiguity rules),
/// "double/triple/treble X" repeats the next unit (digit, "oh", letter, teen or tens word).</item>
/// <item>Letters: single letters, letter names as recognisers write them ("bee", "see", "double
/// you", "zed"), NATO words. "X as in Y", "X for Y", "X like Y": the first letter of Y (or its NATO
/// meaning) decides and replaces X; a disagreement is marked ambiguous. "capital"/"upper case"/
/// "lower case" are dropped (each kind has one case).</item>
/// <item>Corrections (<see cref="EntityOptions.ApplyCorrections"/>): "no", "sorry", "I mean",
/// "actually" between two units replace the one unit before them — a unit being one digit word, one
/// letter with its "as in", one "double X", one compound number, or one whole word — so "five five,
/// no, six" is 56. At the start or end they are fillers. To correct a longer stretch the caller
/// repeats the value; the normaliser does not guess how far back a correction reaches.</item>
/// <item>Ambiguous tokens, each resolved deterministically and marked
/// (<see cref="NormalizationFlags.AmbiguousTokens"/>):
/// <list type="bullet">
/// <item>"oh"/"o": 0 in phone numbers, card numbers and ZIP codes; O in names. In codes the
/// alphabet decides: 0 if it has 0 but not O, O if it has O but not 0; if it has both, O next to
/// letters and 0 next to digits, with a letter on one side and a digit on the other the unit after
/// decides, with neither 0 (these last two marked ambiguous). In emails the same neighbour rule,
/// the letter o when nothing decides. In UK postcodes the reading that fits the postcode pattern
/// (marked when none or several fit).</item>
/// <item>"to/too", "for/fore", "ate", "won" are 2, 4, 8, 1 only after a unit of the value and
/// before a digit ("five for six", "A for five"; marked); elsewhere fillers or unrecognised.</item>
/// <item>"hundred"/"thousand" directly followed by a tens or teen word: separate groups (marked).</item>
/// <item>In names and emails a letter name or NATO word ("jay", "victor") is a letter only next to
/// other spelled letters (or after "capital"/"double"); alone it is the word.</item>
/// </list></item>
/// <item>Codes: characters outside the <see cref="CodeFormat"/> alphabet are mapped to their
/// look-alike inside it (O→0, I→1, L→1, 0→O, 1→I) and flagged <see cref="NormalizationFlags.MappedToAlphabet"/>.</item>
/// <item>Names: spelled letters decide; a name said but not spelled ("my name is Smith") is used
/// whole (<see cref="NormalizationFlags.UsedWholeWords"/>).</item>
/// <item>Canonical form per <see cref="EntityKind"/>: phone E.164 (via libphonenumber, in the
/// default region) when the digits make a possible number, else the digits as heard; card digits;
/// code upper case; UK postcode upper case with the inward space, ZIP 12345 or 12345-6789; name upper
/// case; email lower case.</item>
/// </list>
/// </remarks>
public sealed partial class EntityNormalizer
{
    private readonly EntityOptions _options;
    private readonly string _region;

    /// <summary>Creates a normaliser; throws <see cref="ArgumentException"/> for bad options (an unknown region, say).</summary>
    public EntityNormalizer(EntityOptions? options = null)
    {
        _options = options ?? EntityOptions.Default;
        _options.Validate();
        _region = Regions.Canonical(_options.DefaultRegion);
    }

    /// <summary>The options in use.</summary>
    public EntityOptions Options => _options;

    /// <summary>
    /// Normalises <paramref name="transcript"/> as a value of <paramref name="kind"/>. Never throws
    /// for odd transcripts (the value may be empty or partial); throws for a null transcript, an
    /// undefined kind, or a postcode region other than US or GB.
    /// </summary>
    public NormalizationResult Normalize(EntityKind kind, string transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an EntityKind member.");
        }

        var uk = kind == EntityKind.Postcode && Regions.IsUkPostcodeRegion(_region);
        var words = TranscriptTokenizer.Tokenize(transcript, email: kind == EntityKind.Email);
        var lexemes = SpokenLexer.Lex(words);
        var pieces = new SpokenAssembler(kind, lexemes) { IsUkPostcode = uk }.Assemble();

        var flags = NormalizationFlags.None;
        flags |= ApplyCorrections(pieces);
        ResolveOh(kind, uk, pieces);
        if (kind == EntityKind.OrderCode)
        {
            flags |= MapToAlphabet(pieces, _options.CodeFormat);
        }

        var value = kind switch
        {
            EntityKind.PhoneNumber => CanonicalPhone(Concat(pieces), _region),
            EntityKind.CardNumber => Concat(pieces),
            EntityKind.OrderCode => Concat(pieces).ToUpperInvariant(),
            EntityKind.Postcode => uk ? UkPostcode.WithSpace(Concat(pieces).ToUpperInvariant()) : CanonicalZip(Concat(pieces)),
            EntityKind.SpelledName => CanonicalName(pieces, ref flags),
            _ => Concat(pieces).ToLowerInvariant(),
        };

        foreach (var piece in pieces)
        {
            flags |= piece.Ambiguous ? NormalizationFlags.AmbiguousTokens : 0;
            flags |= piece.UsedOverride ? NormalizationFlags.UsedSpelledOverride : 0;
            flags |= piece.Role == TokenRole.Unrecognised ? NormalizationFlags.UnrecognisedWords : 0;
        }

        return new NormalizationResult(kind, value, [.. pieces.Select(p => p.ToToken())], flags);
    }

    private static string Concat(List<Piece> pieces) => string.Concat(pieces.Where(p => p.IsValue).Select(p => p.Output));
}
