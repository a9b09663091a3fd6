namespace Tandem.Voice.Corpus;

/// <summary>What the probe found for one tool.</summary>
/// <param name="Tool">The tool.</param>
/// <param name="Command">The command name looked up on <c>PATH</c> (<c>espeak-ng</c>, <c>flite</c>, <c>sox</c>).</param>
/// <param name="Path">The executable found, or <see langword="null"/> when the tool is missing.</param>
/// <param name="Version">The version it reports (e.g. <c>1.51</c>, <c>2.2-current</c>, <c>14.4.2</c>), when found.</param>
/// <param name="Problem">Why it is unusable, when it is.</param>
public sealed record SpeechToolInfo(SpeechTool Tool, string Command, string? Path, string? Version, string? Problem)
{
    /// <summary>Whether the tool was found and answered its version query.</summary>
    public bool IsAvailable => Path is not null && Problem is null;
}
