namespace Tandem.Voice.Entities;

/// <summary>The outcome of <see cref="EntityNormalizer.Normalize"/>: a candidate value, how it was reached, and what to be wary of.</summary>
/// <param name="Kind">The kind normalised for.</param>
/// <param name="Value">The canonical candidate (see <see cref="EntityKind"/>); may be empty or partial — validate it before use.</param>
/// <param name="Tokens">Every spoken unit in order, fillers included.</param>
/// <param name="Flags">What happened on the way.</param>
public sealed record NormalizationResult(EntityKind Kind, string Value, IReadOnlyList<NormalizedToken> Tokens, NormalizationFlags Flags)
{
    /// <summary>Whether nothing usable was heard.</summary>
    public bool IsEmpty => Value.Length == 0;

    /// <summary>The units that had more than one reading.</summary>
    public IReadOnlyList<NormalizedToken> AmbiguousTokens => [.. Tokens.Where(t => t.Ambiguous)];

    /// <summary>The words dropped as neither value nor filler.</summary>
    public IReadOnlyList<string> UnrecognisedWords => [.. Tokens.Where(t => t.Role == TokenRole.Unrecognised).Select(t => t.Spoken)];

    /// <summary>Whether <paramref name="flag"/> is set.</summary>
    public bool Has(NormalizationFlags flag) => (Flags & flag) == flag;
}
