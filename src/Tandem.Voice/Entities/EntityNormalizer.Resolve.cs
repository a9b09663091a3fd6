namespace Tandem.Voice.Entities;

/// <summary>Decisions that need every unit at once: corrections, O or 0, the code alphabet.</summary>
public sealed partial class EntityNormalizer
{
    /// <summary>Most undecided O/0 units a UK postcode tries in every combination (2^8 = 256 pattern checks).</summary>
    private const int MaxPostcodeOhUnits = 8;

    private NormalizationFlags ApplyCorrections(List<Piece> pieces)
    {
        var flags = NormalizationFlags.None;
        Piece? previous = null;
        for (var i = 0; i < pieces.Count; i++)
        {
            var piece = pieces[i];
            if (piece.IsValue)
            {
                previous = piece;
                continue;
            }

            if (piece.Role != TokenRole.Correction)
            {
                continue;
            }

            var followed = pieces.Skip(i + 1).Any(p => p.IsValue);
            if (!_options.ApplyCorrections || previous is null || !followed)
            {
                piece.Role = TokenRole.Filler;
                piece.Note = _options.ApplyCorrections ? "not between two units: ignored" : "corrections are off";
                continue;
            }

            previous.Role = TokenRole.Corrected;
            previous.AddNote($"replaced after '{piece.Spoken}'");
            previous.Output = "";
            previous.OhCount = 0;
            previous = null;
            flags |= NormalizationFlags.CorrectionApplied;
        }

        return flags;
    }

    private void ResolveOh(EntityKind kind, bool ukPostcode, List<Piece> pieces)
    {
        if (ukPostcode)
        {
            ResolvePostcodeOh(pieces);
            return;
        }

        var alphabet = _options.CodeFormat;
        for (var i = 0; i < pieces.Count; i++)
        {
            var piece = pieces[i];
            if (piece.OhCount == 0)
            {
                continue;
            }

            char reading;
            switch (kind)
            {
                case EntityKind.OrderCode when alphabet.Contains('0') && !alphabet.Contains('O'):
                    reading = '0';
                    break;
                case EntityKind.OrderCode when alphabet.Contains('O') && !alphabet.Contains('0'):
                    reading = 'O';
                    break;
                case EntityKind.OrderCode when !alphabet.Contains('O'):
                    reading = '0';
                    piece.Ambiguous = true;
                    piece.Note = "neither O nor 0 is in the code alphabet";
                    break;
                case EntityKind.OrderCode:
                    reading = ByNeighbours(pieces, i, tie: '0');
                    break;
                case EntityKind.Email:
                    reading = ByNeighbours(pieces, i, tie: 'o');
                    break;
                default:
                    reading = '0';
                    break;
            }

            Decide(piece, reading);
        }
    }

    /// <summary>
    /// O between letters, 0 between digits (or with that kind on one side only). With a letter on
    /// one side and a digit on the other the unit after decides ("bob oh seven" → bob07, "seven oh
    /// bee" → 7OB); with neither, <paramref name="tie"/>. Both of those are marked ambiguous.
    /// </summary>
    private static char ByNeighbours(List<Piece> pieces, int i, char tie)
    {
        var before = Neighbour(pieces, i, -1);
        var after = Neighbour(pieces, i, +1);
        var letter = char.IsAsciiLetterLower(tie) ? 'o' : 'O';
        var letters = before == 'L' || after == 'L';
        var digits = before == 'D' || after == 'D';
        if (letters != digits)
        {
            return letters ? letter : '0';
        }

        var reading = letters ? (after == 'L' ? letter : '0') : tie;
        var piece = pieces[i];
        piece.Ambiguous = true;
        piece.Note = letters
            ? $"'{piece.Spoken}' between a letter and a digit read as {reading}, like what follows it"
            : $"'{piece.Spoken}' with no letter or digit around it read as {reading}";
        return reading;
    }

    /// <summary>'L' when the nearest decided unit in <paramref name="step"/> direction touches with a letter, 'D' with a digit, else '\0'.</summary>
    private static char Neighbour(List<Piece> pieces, int i, int step)
    {
        for (var k = i + step; k >= 0 && k < pieces.Count; k += step)
        {
            var p = pieces[k];
            if (!p.IsValue || p.OhCount > 0)
            {
                continue;
            }

            var c = step < 0 ? p.Output[^1] : p.Output[0];
            return char.IsLetter(c) ? 'L' : char.IsAsciiDigit(c) ? 'D' : '\0';
        }

        return '\0';
    }

    private static void Decide(Piece piece, char reading)
    {
        piece.Output = new string(reading, piece.OhCount);
        piece.Role = char.IsAsciiDigit(reading) ? TokenRole.Digits : TokenRole.Letters;
        piece.OhCount = 0;
    }

    /// <summary>
    /// Tries every O/0 reading of the "oh" units (fewest letters first) against the UK postcode
    /// pattern and keeps the first that fits: "oh ex four one dee wye" is OX4 1DY, not 0X4 1DY.
    /// </summary>
    private static void ResolvePostcodeOh(List<Piece> pieces)
    {
        var ohs = pieces.Where(p => p.OhCount > 0).ToList();
        if (ohs.Count == 0)
        {
            return;
        }

        if (ohs.Count > MaxPostcodeOhUnits)
        {
            foreach (var oh in ohs)
            {
                oh.Ambiguous = true;
                oh.Note = "too many 'oh' units to try every reading";
                Decide(oh, '0');
            }

            return;
        }

        var masks = Enumerable.Range(0, 1 << ohs.Count).OrderBy(m => int.PopCount(m)).ThenBy(m => m);
        var fits = masks.Where(m => UkPostcode.IsMatch(Compose(pieces, ohs, m))).Take(2).ToList();
        var chosen = fits.Count > 0 ? fits[0] : FirstCharacterLetter(pieces, ohs);
        for (var k = 0; k < ohs.Count; k++)
        {
            var oh = ohs[k];
            if (fits.Count != 1)
            {
                oh.Ambiguous = true;
                oh.Note = fits.Count == 0 ? "no reading fits the UK postcode pattern" : "more than one reading fits the UK postcode pattern";
            }

            Decide(oh, (chosen & (1 << k)) != 0 ? 'O' : '0');
        }
    }

    // With no fitting reading: postcodes start with a letter, elsewhere 0 is the commoner "oh".
    private static int FirstCharacterLetter(List<Piece> pieces, List<Piece> ohs) =>
        pieces.FirstOrDefault(p => p.IsValue) is { } first && ohs.IndexOf(first) is var k and >= 0 ? 1 << k : 0;

    private static string Compose(List<Piece> pieces, List<Piece> ohs, int mask)
    {
        var text = new System.Text.StringBuilder();
        foreach (var p in pieces)
        {
            if (!p.IsValue)
            {
                continue;
            }

            var k = ohs.IndexOf(p);
            text.Append(k < 0 ? p.Output.ToUpperInvariant() : new string((mask & (1 << k)) != 0 ? 'O' : '0', p.OhCount));
        }

        return text.ToString();
    }

    /// <summary>Maps characters outside the code alphabet to their look-alike inside it.</summary>
    private static NormalizationFlags MapToAlphabet(List<Piece> pieces, CodeFormat format)
    {
        var flags = NormalizationFlags.None;
        foreach (var piece in pieces.Where(p => p.IsValue))
        {
            var chars = piece.Output.ToUpperInvariant().ToCharArray();
            for (var k = 0; k < chars.Length; k++)
            {
                var c = chars[k];
                if (format.Contains(c) || LookAlike(c, format) is not { } mapped)
                {
                    continue;
                }

                chars[k] = mapped;
                piece.AddNote($"{c} is not in the code alphabet; mapped to {mapped}");
                flags |= NormalizationFlags.MappedToAlphabet;
            }

            piece.Output = new string(chars);
        }

        return flags;
    }

    private static char? LookAlike(char c, CodeFormat format)
    {
        var candidates = c switch
        {
            'O' => "0",
            'I' or 'L' => "1",
            '0' => "O",
            '1' => "IL",
            _ => "",
        };
        foreach (var candidate in candidates)
        {
            if (format.Contains(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
