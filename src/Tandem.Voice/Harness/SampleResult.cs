using Tandem.Voice.Corpus;
using Tandem.Voice.Entities;

namespace Tandem.Voice.Harness;

/// <summary>One sample through one arm under one fallback policy.</summary>
public sealed record SampleResult
{
    public required string SampleId { get; init; }

    public required EntityKind Kind { get; init; }

    public required AudioCondition Condition { get; init; }

    public required SpokenStyle Style { get; init; }

    public required string Arm { get; init; }

    public required string Policy { get; init; }

    /// <summary>The value the caller meant (canonical).</summary>
    public required string Truth { get; init; }

    /// <summary>The first attempt's captured value, canonicalised for grading.</summary>
    public required string FirstValue { get; init; }

    /// <summary>What the recogniser heard on the first attempt, when the arm reports it.</summary>
    public string? FirstTranscript { get; init; }

    /// <summary>Character error rate of the first attempt's value against the truth.</summary>
    public required double FirstCer { get; init; }

    /// <summary>From the end of the caller's first utterance to the captured value (ms).</summary>
    public double? FirstLatencyMs { get; init; }

    /// <summary>Whether the policy accepted a value (false: it gave up).</summary>
    public required bool Accepted { get; init; }

    /// <summary>The accepted value, canonicalised; null when nothing was accepted.</summary>
    public string? FinalValue { get; init; }

    /// <summary>Accepted and equal to the truth.</summary>
    public bool Correct => Accepted && FinalValue == Truth;

    /// <summary>Accepted but wrong: the error that reaches the business (a wrong order looked up, a wrong number called).</summary>
    public bool FalseAccept => Accepted && FinalValue != Truth;

    /// <summary>Correct from the caller's first utterance, without a re-ask (a read-back confirmation may follow).</summary>
    public bool FirstAttemptCapture => Correct && ReAsks == 0;

    /// <summary>Caller turns in all: the first attempt, re-asks (one per part), read-backs and say-twice repeats.</summary>
    public required int CallerTurns { get; init; }

    /// <summary>How often the policy asked the caller again (repeat, in parts, keypad).</summary>
    public int ReAsks { get; init; }

    /// <summary>The policy's trace (checks, re-asks, decision).</summary>
    public IReadOnlyList<string> Trace { get; init; } = [];
}
