namespace Tandem.Voice.Entities;

/// <summary>One spoken unit of a transcript and what it became: the normaliser's trace.</summary>
/// <param name="Spoken">The words of the unit as heard, lower case ("double oh", "b as in boy").</param>
/// <param name="Output">What the unit added to the value before canonical formatting (empty for fillers, separators, corrected units).</param>
/// <param name="Role">What kind of contribution it is.</param>
/// <param name="Ambiguous">Whether the unit had more than one reading and the normaliser chose one (<see cref="Note"/> says which and why).</param>
/// <param name="Note">Why the unit became what it did, when that is not obvious; otherwise null.</param>
public sealed record NormalizedToken(string Spoken, string Output, TokenRole Role, bool Ambiguous = false, string? Note = null);
