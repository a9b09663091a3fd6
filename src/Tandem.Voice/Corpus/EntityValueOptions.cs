namespace Tandem.Voice.Corpus;

/// <summary>Shapes of the generated values that a caller may want to vary.</summary>
public sealed record EntityValueOptions
{
    /// <summary>
    /// The default code alphabet: A–Z without I, L and O, and 0–9 — the normaliser's and validator's
    /// <c>CodeFormat.Unambiguous</c>, so a generated code is one the agent would accept. Leaving the letters
    /// out keeps "oh" and "one" unambiguous, as most real confirmation-code schemes do.
    /// </summary>
    public const string DefaultOrderCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ0123456789";

    /// <summary>Characters order codes are drawn from: upper-case A–Z and 0–9, each at most once.</summary>
    public string OrderCodeAlphabet { get; init; } = DefaultOrderCodeAlphabet;

    /// <summary>The shortest order code (1–32).</summary>
    public int OrderCodeMinLength { get; init; } = 6;

    /// <summary>The longest order code (at least <see cref="OrderCodeMinLength"/>, at most 32).</summary>
    public int OrderCodeMaxLength { get; init; } = 8;

    /// <summary>Throws, naming the setting, when the options cannot produce valid codes.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(OrderCodeAlphabet) || OrderCodeAlphabet.Length < 2)
        {
            throw new ArgumentException("OrderCodeAlphabet needs at least two characters.", nameof(OrderCodeAlphabet));
        }

        foreach (var c in OrderCodeAlphabet)
        {
            if (c is not ((>= 'A' and <= 'Z') or (>= '0' and <= '9')))
            {
                throw new ArgumentException($"OrderCodeAlphabet may hold only A-Z and 0-9; '{c}' is not allowed.", nameof(OrderCodeAlphabet));
            }
        }

        if (OrderCodeAlphabet.Distinct().Count() != OrderCodeAlphabet.Length)
        {
            throw new ArgumentException("OrderCodeAlphabet lists a character twice.", nameof(OrderCodeAlphabet));
        }

        if (OrderCodeMinLength is < 1 or > 32 || OrderCodeMaxLength < OrderCodeMinLength || OrderCodeMaxLength > 32)
        {
            throw new ArgumentException(
                $"Order code lengths must satisfy 1 <= min <= max <= 32; got {OrderCodeMinLength}..{OrderCodeMaxLength}.",
                nameof(OrderCodeMinLength));
        }
    }
}
