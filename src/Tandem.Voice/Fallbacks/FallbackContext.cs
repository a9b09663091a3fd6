using Tandem.Voice.Entities;

namespace Tandem.Voice.Fallbacks;

/// <summary>The state a policy's checks share while one value is collected.</summary>
public sealed class FallbackContext
{
    internal FallbackContext(ICallerChannel channel, EntityOptions options, EntityNormalizer normalizer, CaptureAttempt candidate)
    {
        Channel = channel;
        Options = options;
        Normalizer = normalizer;
        Candidate = candidate;
    }

    public ICallerChannel Channel { get; }

    public EntityKind Kind => Channel.Kind;

    public EntityOptions Options { get; }

    public EntityNormalizer Normalizer { get; }

    /// <summary>The value under check; a check may replace it (normalised, or a second recogniser's).</summary>
    public CaptureAttempt Candidate { get; set; }

    /// <summary>
    /// Whether the policy reads the value back before accepting it: a doubt (two recognisers
    /// disagreeing) can then be left to the caller's yes or no instead of costing a re-ask.
    /// </summary>
    public bool WillConfirm { get; init; }

    /// <summary>Caller turns so far, the first attempt included.</summary>
    public int CallerTurns { get; internal set; }

    /// <summary>What happened, in order: one line per check, re-ask and decision (for reports and debugging).</summary>
    public List<string> Trace { get; } = [];

    internal void Note(string line) => Trace.Add(line);
}
