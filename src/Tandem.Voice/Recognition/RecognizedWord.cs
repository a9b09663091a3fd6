namespace Tandem.Voice.Recognition;

/// <summary>One recognised word with its position in the segment.</summary>
/// <param name="Word">The word as the dictionary spells it (alternate-pronunciation markers removed).</param>
/// <param name="StartMs">Start, in milliseconds from the start of the segment passed in.</param>
/// <param name="EndMs">End (exclusive), in milliseconds from the start of the segment.</param>
/// <param name="Confidence">Posterior probability 0..1, or null when the search does not compute one.</param>
public sealed record RecognizedWord(string Word, int StartMs, int EndMs, double? Confidence);
