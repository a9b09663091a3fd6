using System.Globalization;

namespace Tandem.Voice.Entities;

/// <summary>Number words, "double/triple X" and digit homophones.</summary>
internal sealed partial class SpokenAssembler
{
    /// <summary>
    /// A digit word stays one digit ("five five" is 55). A tens word takes a following 1–9
    /// ("twenty three" is 23). "hundred"/"thousand" multiply the 1–99 before them, phone style
    /// ("eight hundred" is 800, "fifteen hundred" 1500, "five thousand" 5000, "two thousand
    /// five hundred" 2500), and add a 1–99 only after "and" ("two hundred and five" is 205).
    /// Without "and", a tens or teen word after "hundred"/"thousand" starts the next group
    /// ("eight hundred fifty" is 80050), marked ambiguous because US speech may mean 850.
    /// </summary>
    private int Number(int i)
    {
        var end = ParseSmall(i, out var value, out var text);
        var ambiguous = false;
        if (value >= 1 && At(end) is LexemeKind.Hundred or LexemeKind.Thousand)
        {
            var total = value * (At(end) == LexemeKind.Hundred ? 100 : 1000);
            var thousand = At(end) == LexemeKind.Thousand;
            end++;
            if (thousand && At(end) is LexemeKind.Digit && _lexemes[end].Value >= 1 && At(end + 1) == LexemeKind.Hundred)
            {
                total += _lexemes[end].Value * 100;
                end += 2;
            }

            if (At(end) == LexemeKind.And && At(end + 1) is LexemeKind.Digit or LexemeKind.Teen or LexemeKind.Tens)
            {
                var after = ParseSmall(end + 1, out var small, out _);
                if (small >= 1)
                {
                    total += small;
                    end = after;
                }
            }
            else if (At(end) is LexemeKind.Teen or LexemeKind.Tens)
            {
                ambiguous = true;
            }

            text = total.ToString(CultureInfo.InvariantCulture);
        }

        var spoken = Spoken(i, end);
        if (!AllowsDigits)
        {
            Add(spoken, "", TokenRole.Unrecognised);
            return end;
        }

        var piece = Add(spoken, text, TokenRole.Digits);
        if (ambiguous)
        {
            piece.Ambiguous = true;
            piece.Note = $"'{spoken}' then '{_lexemes[end].Spoken}' read as separate groups; with 'and' it would be one number";
        }

        return end;
    }

    /// <summary>Parses a 0–99 at <paramref name="i"/>; returns the index after it.</summary>
    private int ParseSmall(int i, out int value, out string text)
    {
        var x = _lexemes[i];
        value = x.Value;
        if (x.Kind == LexemeKind.Tens && At(i + 1) == LexemeKind.Digit && _lexemes[i + 1].Value >= 1)
        {
            value += _lexemes[i + 1].Value;
            text = value.ToString(CultureInfo.InvariantCulture);
            return i + 2;
        }

        text = value.ToString(CultureInfo.InvariantCulture);
        return i + 1;
    }

    private LexemeKind? At(int i) => i < _lexemes.Count ? _lexemes[i].Kind : null;

    /// <summary>"double five" → 55, "triple oh" → three O/0 units, "double b" → BB; it applies to the next single unit only.</summary>
    private int Multiply(int i)
    {
        var times = _lexemes[i].Value;
        if (i + 1 >= _lexemes.Count)
        {
            Add(_lexemes[i].Spoken, "", TokenRole.Unrecognised).Note = "nothing to repeat";
            return i + 1;
        }

        var y = _lexemes[i + 1];
        var spoken = Spoken(i, i + 2);
        switch (y.Kind)
        {
            case LexemeKind.Digit or LexemeKind.Teen or LexemeKind.Tens when AllowsDigits:
                Add(spoken, Repeat(y.Value.ToString(CultureInfo.InvariantCulture), times), TokenRole.Digits);
                return i + 2;
            case LexemeKind.Written when AllowsDigits && y.Raw.Length == 1 && char.IsAsciiDigit(y.Raw[0]):
                Add(spoken, Repeat(y.Raw, times), TokenRole.Digits);
                return i + 2;
            case LexemeKind.Oh when _kind == EntityKind.SpelledName:
                Add(spoken, Repeat("O", times), TokenRole.Letters);
                return i + 2;
            case LexemeKind.Oh:
                Add(spoken, "", TokenRole.Digits).OhCount = times;
                return i + 2;
            case LexemeKind.Letter when AllowsLetters:
                Add(spoken, Letters(y.Char, times), TokenRole.Letters);
                return i + 2;
            case LexemeKind.Digit or LexemeKind.Teen or LexemeKind.Tens or LexemeKind.Letter or LexemeKind.Written:
                Add(spoken, "", TokenRole.Unrecognised);
                return i + 2;
            default:
                Add(_lexemes[i].Spoken, "", TokenRole.Unrecognised).Note = $"'{y.Spoken}' cannot be repeated";
                return i + 1;
        }
    }

    private static string Repeat(string unit, int times) => string.Concat(Enumerable.Repeat(unit, times));

    /// <summary>"to", "for", "ate", "won" are digits only after a unit of the value and before a digit ("five for six" → 546).</summary>
    private void HomophoneAt(int i)
    {
        var x = _lexemes[i];
        if (_kind == EntityKind.SpelledName)
        {
            Add(x.Spoken, "", TokenRole.Filler);
            return;
        }

        // After any unit of the value (a digit, or a code letter: "A for five" is A45) and before a digit.
        if (AllowsDigits && LastValue() is not null && Next(i) is { IsNumeric: true })
        {
            var piece = Add(x.Spoken, x.Value.ToString(CultureInfo.InvariantCulture), TokenRole.Digits);
            piece.Ambiguous = true;
            piece.Note = $"'{x.Spoken}' between digits read as {x.Value}";
            return;
        }

        Add(x.Spoken, "", x.Spoken is "to" or "too" or "for" or "fore" ? TokenRole.Filler : TokenRole.Unrecognised);
    }
}
