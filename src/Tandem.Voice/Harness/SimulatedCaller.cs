using Tandem.Voice.Corpus;
using Tandem.Voice.Entities;
using Tandem.Voice.Fallbacks;

namespace Tandem.Voice.Harness;

/// <summary>
/// The caller of one corpus sample, as the fallback policies meet them. Every re-ask is new speech
/// (synthesised with the sample's voice and condition) through the arm under test; the caller
/// knows their value, so they answer a read-back truthfully and type it exactly on the keypad.
/// </summary>
/// <remarks>
/// What is simulated, and so not measured: the caller's yes/no to a read-back is always right, and
/// keypad entry (DTMF) is always exact. What is real: every captured value — speech synthesis,
/// the endpoint's VAD and recogniser, the model's tool call — and the second recogniser's reading.
/// Re-asks are deterministic, so their captures are shared by every policy of a sample
/// (<see cref="CaptureCache"/>): the policies differ in what they do with them, not in luck.
/// </remarks>
internal sealed class SimulatedCaller(
    CorpusSample sample,
    EntityOptions options,
    IRecognitionArm arm,
    CaptureCache cache,
    Func<CorpusSample, CancellationToken, Task<short[]>> speak,
    Func<ReadOnlyMemory<short>, CancellationToken, ValueTask<string>>? secondTranscriber) : ICallerChannel
{
    private int _repeats;

    public EntityKind Kind => sample.Kind;

    public bool HasKeypad => true;

    public ValueTask<CaptureAttempt> AskAsync(CallerRequest request, CancellationToken cancellationToken)
    {
        switch (request)
        {
            case CallerRequest.Keypad:
                return ValueTask.FromResult(new CaptureAttempt(KeypadDigits(sample.Kind, sample.CanonicalValue), null, CaptureSource.Keypad));
            case CallerRequest.InParts:
                return new ValueTask<CaptureAttempt>(cache.GetOrAdd("parts", InPartsAsync, cancellationToken));
            default:
                var nth = ++_repeats; // the n-th repeat of this sample is the same speech in every policy
                return new ValueTask<CaptureAttempt>(cache.GetOrAdd($"repeat:{nth}", ct => RepeatAsync(nth, ct), cancellationToken));
        }
    }

    public ValueTask<bool> ConfirmAsync(string readBack, CancellationToken cancellationToken)
    {
        // The caller hears the read-back and says yes only to their own value.
        var truth = ReadBack.Render(sample.Kind, sample.CanonicalValue, options.DefaultRegion);
        return ValueTask.FromResult(string.Equals(readBack, truth, StringComparison.OrdinalIgnoreCase));
    }

    public async ValueTask<CaptureAttempt?> TranscribeAgainAsync(CaptureAttempt attempt, CancellationToken cancellationToken)
    {
        if (secondTranscriber is null || !cache.TryGetAudio(attempt, out var audio))
        {
            return null;
        }

        var text = await secondTranscriber(audio, cancellationToken).ConfigureAwait(false);
        return new CaptureAttempt(text, text, CaptureSource.SecondAsr, CallerTurns: 0);
    }

    /// <summary>"Sorry, again?": the caller repeats just the value (no "my number is"), more slowly, in groups where the kind has them.</summary>
    private async Task<CaptureAttempt> RepeatAsync(int nth, CancellationToken cancellationToken)
    {
        var style = SpokenRenderer.Applies(sample.Kind, SpokenStyle.Grouped) ? SpokenStyle.Grouped : sample.Style;
        var again = sample with
        {
            Id = $"{sample.Id}-repeat{nth}",
            SpokenText = SpokenRenderer.RenderValue(sample.Kind, sample.CanonicalValue, style, variant: nth) + ".",
            Style = style,
            Speed = sample.Speed * 0.85,
        };
        return await CaptureSpeechAsync(again, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One group per caller turn, each captured on its own; the parts' values joined.</summary>
    private async Task<CaptureAttempt> InPartsAsync(CancellationToken cancellationToken)
    {
        var groups = ReadBack.Groups(sample.Kind, sample.CanonicalValue, options.DefaultRegion);
        var values = new List<string>();
        var transcripts = new List<string>();
        double latency = 0;
        for (var i = 0; i < groups.Count; i++)
        {
            var part = sample with
            {
                Id = $"{sample.Id}-part{i}",
                SpokenText = PartSpeech.Render(groups[i]),
                Speed = sample.Speed * 0.85,
            };
            var captured = await CaptureSpeechAsync(part, cancellationToken).ConfigureAwait(false);
            values.Add(captured.Value);
            transcripts.Add(captured.Transcript ?? string.Empty);
            latency += captured.LatencyMs ?? 0;
        }

        return new CaptureAttempt(string.Concat(values), string.Join(" | ", transcripts), CaptureSource.VoiceInParts, latency, CallerTurns: groups.Count);
    }

    private async Task<CaptureAttempt> CaptureSpeechAsync(CorpusSample utterance, CancellationToken cancellationToken)
    {
        var audio = await speak(utterance, cancellationToken).ConfigureAwait(false);
        var attempt = await arm.CaptureAsync(sample.Kind, audio, cancellationToken).ConfigureAwait(false);
        cache.RememberAudio(utterance.Id, audio);
        return attempt with { AudioId = utterance.Id };
    }

    /// <summary>What a caller types: the national digits of a phone number, the digits of a card.</summary>
    internal static string KeypadDigits(EntityKind kind, string canonical)
    {
        if (kind == EntityKind.PhoneNumber && canonical.StartsWith("+1", StringComparison.Ordinal))
        {
            return canonical[2..];
        }

        if (kind == EntityKind.PhoneNumber && canonical.StartsWith("+44", StringComparison.Ordinal))
        {
            return "0" + canonical[3..];
        }

        return new string([.. canonical.Where(char.IsAsciiDigit)]);
    }
}
