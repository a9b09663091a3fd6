using Tandem.Voice.Entities;

namespace Tandem.Server.Realtime;

/// <summary>
/// Which kind of value a tool wants, read from keywords, the way a model would read its prompt.
/// The sources are tried in order — the property's description, the property's name, the tool's
/// name, the tool's description, the instructions — and the first with a keyword decides. In one
/// source the earliest keyword wins ("phone number and name" is a phone number), except that
/// "number" only counts when no other keyword is there ("card number" is a card, "order number" a code).
/// </summary>
/// <remarks>
/// Keywords (a word that starts with one; names are split at <c>_</c>, <c>-</c> and camel case):
/// email/e-mail → Email; card → CardNumber; postcode/zip/postal → Postcode;
/// code/confirmation/order/reference → OrderCode; name/spell/surname → SpelledName;
/// phone/telephone/mobile → PhoneNumber; number (weak) → PhoneNumber.
/// </remarks>
internal static class EntityKindInference
{
    private static readonly (string Prefix, EntityKind Kind)[] Keywords =
    [
        ("email", EntityKind.Email),
        ("e-mail", EntityKind.Email),
        ("card", EntityKind.CardNumber),
        ("postcode", EntityKind.Postcode),
        ("zip", EntityKind.Postcode),
        ("postal", EntityKind.Postcode),
        ("code", EntityKind.OrderCode),
        ("confirmation", EntityKind.OrderCode),
        ("order", EntityKind.OrderCode),
        ("reference", EntityKind.OrderCode),
        ("name", EntityKind.SpelledName),
        ("spell", EntityKind.SpelledName),
        ("surname", EntityKind.SpelledName),
        ("phone", EntityKind.PhoneNumber),
        ("telephone", EntityKind.PhoneNumber),
        ("mobile", EntityKind.PhoneNumber),
    ];

    private const string WeakNumber = "number";

    /// <summary>The kind named by the first source that names one, or null.</summary>
    public static EntityKind? Infer(params ReadOnlySpan<string?> sourcesInPriority)
    {
        foreach (var source in sourcesInPriority)
        {
            if (!string.IsNullOrWhiteSpace(source) && InferOne(source) is { } kind)
            {
                return kind;
            }
        }

        return null;
    }

    internal static EntityKind? InferOne(string text)
    {
        var sawNumber = false;
        foreach (var word in Words(text))
        {
            foreach (var (prefix, kind) in Keywords)
            {
                if (word.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return kind;
                }
            }

            sawNumber |= word.StartsWith(WeakNumber, StringComparison.Ordinal);
        }

        return sawNumber ? EntityKind.PhoneNumber : null;
    }

    /// <summary>Lower-case words: split at anything but letters and a hyphen between letters, and at camel-case humps.</summary>
    internal static IEnumerable<string> Words(string text)
    {
        var word = new System.Text.StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var hump = char.IsUpper(c) && i > 0 && char.IsLower(text[i - 1]);
            var joiner = c == '-' && word.Length > 0 && i + 1 < text.Length && char.IsLetter(text[i + 1]);
            if ((!char.IsLetter(c) && !joiner) || hump)
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }

                if (!hump)
                {
                    continue;
                }
            }

            word.Append(char.ToLowerInvariant(c));
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }
}
