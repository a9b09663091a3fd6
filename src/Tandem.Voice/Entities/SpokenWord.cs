namespace Tandem.Voice.Entities;

/// <summary>One whitespace-separated word of a transcript, punctuation around it stripped.</summary>
/// <param name="Raw">As written, case kept.</param>
/// <param name="Text">Lower case, for look-ups.</param>
/// <param name="PauseAfter">Whether a comma, period or similar followed it (a spoken pause).</param>
internal readonly record struct SpokenWord(string Raw, string Text, bool PauseAfter);
