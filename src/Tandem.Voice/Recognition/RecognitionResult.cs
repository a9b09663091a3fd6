namespace Tandem.Voice.Recognition;

/// <summary>What a recogniser heard in one segment.</summary>
/// <param name="Text">The words joined by single spaces; empty when nothing was recognised.</param>
/// <param name="Words">The words with timings, fillers and silences left out.</param>
/// <param name="Confidence">
/// The mean of the words' posteriors (0..1), or null when the search does not compute posteriors
/// (PocketSphinx grammar search) or nothing was recognised.
/// </param>
public sealed record RecognitionResult(string Text, IReadOnlyList<RecognizedWord> Words, double? Confidence)
{
    /// <summary>A result with no words.</summary>
    public static RecognitionResult Empty { get; } = new(string.Empty, [], null);
}
