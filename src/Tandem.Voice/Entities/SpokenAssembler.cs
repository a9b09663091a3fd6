namespace Tandem.Voice.Entities;

/// <summary>
/// Turns lexemes into the spoken units of one value, left to right, deciding what each means for
/// the entity kind. Undecided O/0 units, corrections and kind-specific formatting are left to
/// <see cref="EntityNormalizer"/>, which sees all units at once.
/// </summary>
internal sealed partial class SpokenAssembler
{
    private readonly EntityKind _kind;
    private readonly List<Lexeme> _lexemes;
    private readonly List<Piece> _pieces = [];

    public SpokenAssembler(EntityKind kind, List<Lexeme> lexemes)
    {
        _kind = kind;
        _lexemes = kind == EntityKind.Email ? EmailFraming(lexemes) : lexemes;
    }

    /// <summary>Whether this is a UK postcode (letters allowed) rather than a US ZIP code (digits only).</summary>
    public bool IsUkPostcode { get; init; }

    /// <summary>Whether letters are part of values of this kind.</summary>
    private bool AllowsLetters => _kind is EntityKind.OrderCode or EntityKind.Postcode or EntityKind.SpelledName or EntityKind.Email;

    /// <summary>Whether digits are part of values of this kind (names have none; "oh" there is the letter O).</summary>
    private bool AllowsDigits => _kind != EntityKind.SpelledName;

    /// <summary>Whether a letter name or NATO word may also be an ordinary word of the value (emails, names).</summary>
    private bool LettersMayBeWords => _kind is EntityKind.SpelledName or EntityKind.Email;

    public List<Piece> Assemble()
    {
        var i = 0;
        while (i < _lexemes.Count)
        {
            i = Step(i);
        }

        return _pieces;
    }

    private int Step(int i)
    {
        var x = _lexemes[i];
        switch (x.Kind)
        {
            case LexemeKind.Disfluency:
            case LexemeKind.Filler:
            case LexemeKind.And:
                Add(x.Spoken, "", TokenRole.Filler);
                return i + 1;
            case LexemeKind.CasePrefix:
                Add(x.Spoken, "", TokenRole.Filler).Note = "case prefix: the next letter is a letter; values have one canonical case";
                return i + 1;
            case LexemeKind.Correction:
                Add(x.Spoken, "", TokenRole.Correction);
                return i + 1;
            case LexemeKind.Multiplier:
                return Multiply(i);
            case LexemeKind.Digit:
            case LexemeKind.Teen:
            case LexemeKind.Tens:
                return Number(i);
            case LexemeKind.Hundred:
            case LexemeKind.Thousand:
                AddWordOrUnrecognised(x);
                return i + 1;
            case LexemeKind.Oh:
                return OhAt(i);
            case LexemeKind.Letter:
                return LetterAt(i);
            case LexemeKind.OverrideIntro:
                return OverrideWithoutLetter(i);
            case LexemeKind.Symbol:
                SymbolAt(x);
                return i + 1;
            case LexemeKind.Homophone:
                HomophoneAt(i);
                return i + 1;
            case LexemeKind.Written:
                WrittenAt(x);
                return i + 1;
            default:
                AddWordOrUnrecognised(x);
                return i + 1;
        }
    }

    private Piece Add(string spoken, string output, TokenRole role, bool usedOverride = false)
    {
        var piece = new Piece(spoken, output, role) { UsedOverride = usedOverride };
        _pieces.Add(piece);
        return piece;
    }

    private string Spoken(int from, int toExclusive) =>
        string.Join(' ', Enumerable.Range(from, toExclusive - from).Select(k => _lexemes[k].Spoken));

    private string Letters(char c, int count = 1) =>
        new(_kind == EntityKind.Email ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c), count);

    private Piece? LastValue() => _pieces.LastOrDefault(p => p.IsValue);

    /// <summary>The lexeme after <paramref name="i"/>, skipping disfluencies.</summary>
    private Lexeme? Next(int i)
    {
        for (var k = i + 1; k < _lexemes.Count; k++)
        {
            if (_lexemes[k].Kind != LexemeKind.Disfluency)
            {
                return _lexemes[k];
            }
        }

        return null;
    }

    /// <summary>The lexeme before <paramref name="i"/>, skipping disfluencies.</summary>
    private Lexeme? Previous(int i)
    {
        for (var k = i - 1; k >= 0; k--)
        {
            if (_lexemes[k].Kind != LexemeKind.Disfluency)
            {
                return _lexemes[k];
            }
        }

        return null;
    }

    private void AddWordOrUnrecognised(Lexeme x)
    {
        switch (_kind)
        {
            case EntityKind.Email:
                Add(x.Spoken, x.Raw.ToLowerInvariant(), TokenRole.Word);
                break;
            case EntityKind.SpelledName when x.Kind is LexemeKind.Word or LexemeKind.Letter or LexemeKind.Written && IsNameWord(x.Raw):
                Add(x.Spoken, x.Raw.ToUpperInvariant(), TokenRole.Word);
                break;
            default:
                Add(x.Spoken, "", TokenRole.Unrecognised);
                break;
        }
    }

    private static bool IsNameWord(string raw) =>
        raw.Length > 0 && char.IsLetter(raw[0]) && raw.All(c => char.IsLetter(c) || c is '-' or '\'');

    private void SymbolAt(Lexeme x)
    {
        var c = x.Char;
        var role = (_kind, c) switch
        {
            (EntityKind.Email, ' ') => TokenRole.Separator,
            (EntityKind.Email, _) => TokenRole.Symbol,
            (EntityKind.SpelledName, '-' or '\'' or ' ') => TokenRole.Symbol,
            (EntityKind.SpelledName, _) => TokenRole.Unrecognised,
            (EntityKind.PhoneNumber, '+') when LastValue() is null => TokenRole.Symbol,
            (_, '+') => TokenRole.Unrecognised,
            (_, '@') => TokenRole.Filler,
            _ => TokenRole.Separator,
        };
        Add(x.Spoken, role == TokenRole.Symbol ? c.ToString() : "", role);
    }

    private void WrittenAt(Lexeme x)
    {
        var raw = x.Raw;
        switch (_kind)
        {
            case EntityKind.Email:
                Add(x.Spoken, raw.ToLowerInvariant(), raw.All(char.IsAsciiDigit) ? TokenRole.Digits : TokenRole.Word);
                return;
            case EntityKind.SpelledName:
                AddWordOrUnrecognised(x);
                return;
            case EntityKind.OrderCode:
            case EntityKind.Postcode when IsUkPostcode:
                var chars = string.Concat(raw.Where(char.IsAsciiLetterOrDigit)).ToUpperInvariant();
                var role = chars.All(char.IsAsciiDigit) ? TokenRole.Digits : chars.All(char.IsAsciiLetter) ? TokenRole.Letters : TokenRole.Characters;
                Add(x.Spoken, chars, chars.Length == 0 ? TokenRole.Unrecognised : role);
                return;
            default:
                var digits = string.Concat(raw.Where(char.IsAsciiDigit));
                var plus = _kind == EntityKind.PhoneNumber && raw.StartsWith('+') && LastValue() is null ? "+" : "";
                var piece = Add(x.Spoken, plus + digits, digits.Length == 0 ? TokenRole.Unrecognised : TokenRole.Digits);
                if (digits.Length > 0 && raw.Any(char.IsLetter))
                {
                    piece.Note = $"letters in '{raw}' dropped";
                }

                return;
        }
    }

    /// <summary>
    /// Emails keep ordinary words, so framing words count as framing only at the start ("my email
    /// is") or the end ("thanks"); in between they are part of the address. "no" corrects only
    /// when set off by a pause ("noreply" is an address).
    /// </summary>
    private static List<Lexeme> EmailFraming(List<Lexeme> lexemes)
    {
        // A leading "sorry," or "capital" belongs to the frame too (only fillers change kind below);
        // "no" without a pause is a word ("no reply at …").
        static bool BareNo(Lexeme x) => x.Kind == LexemeKind.Correction && x.Spoken == "no" && !x.PauseBefore && !x.PauseAfter;
        static bool Framing(Lexeme x) => x.Kind is LexemeKind.Filler or LexemeKind.Disfluency or LexemeKind.And or LexemeKind.CasePrefix
            || (x.Kind == LexemeKind.Correction && !BareNo(x));
        var first = 0;
        while (first < lexemes.Count && Framing(lexemes[first]))
        {
            first++;
        }

        var last = lexemes.Count - 1;
        while (last >= first && Framing(lexemes[last]))
        {
            last--;
        }

        var result = new List<Lexeme>(lexemes.Count);
        for (var i = 0; i < lexemes.Count; i++)
        {
            var x = lexemes[i];
            var middle = i >= first && i <= last;
            var becomesWord = middle && (
                (x.Kind is LexemeKind.Filler or LexemeKind.And && x.WordCount == 1)
                || x.Kind == LexemeKind.Homophone
                || BareNo(x));
            result.Add(becomesWord ? x with { Kind = LexemeKind.Word } : x);
        }

        return result;
    }
}
