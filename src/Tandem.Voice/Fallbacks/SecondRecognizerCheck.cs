using Tandem.Voice.Entities;

namespace Tandem.Voice.Fallbacks;

/// <summary>
/// Has a second recogniser (or an out-of-band transcription) hear the same audio. Agreement passes;
/// an invalid value is replaced by a valid second reading. Two valid readings that differ mean one
/// of them is wrong and nothing says which: when the policy reads the value back anyway, the
/// caller's answer settles it (no extra turn); otherwise the value is rejected and asked again.
/// Spends no caller turn.
/// </summary>
public sealed class SecondRecognizerCheck : IFallbackCheck
{
    public string Name => "second-asr";

    public async ValueTask<CheckVerdict> CheckAsync(FallbackContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Candidate.Source is CaptureSource.Keypad or CaptureSource.SecondAsr)
        {
            return CheckVerdict.Pass;
        }

        var second = await context.Channel.TranscribeAgainAsync(context.Candidate, cancellationToken).ConfigureAwait(false);
        if (second is null)
        {
            return CheckVerdict.Pass;
        }

        var secondValue = context.Normalizer.Normalize(context.Kind, second.Value).Value;
        var firstValue = context.Normalizer.Normalize(context.Kind, context.Candidate.Value).Value;
        if (secondValue == firstValue)
        {
            context.Note($"second-asr: agrees ('{secondValue}')");
            return CheckVerdict.Pass;
        }

        var validator = EntityValidators.For(context.Kind, context.Options);
        var firstValid = validator.Validate(firstValue).IsValid;
        var secondValid = secondValue.Length > 0 && validator.Validate(secondValue).IsValid;
        switch (firstValid, secondValid)
        {
            case (false, true):
                context.Note($"second-asr: '{context.Candidate.Value}' is invalid, took '{secondValue}'");
                context.Candidate = second with { Value = secondValue, Source = CaptureSource.SecondAsr, CallerTurns = 0 };
                return CheckVerdict.Pass;
            case (true, true) when context.WillConfirm:
                context.Note($"second-asr: disagrees ('{firstValue}' vs '{secondValue}'); the read-back decides");
                return CheckVerdict.Pass;
            case (true, true):
                context.Note($"second-asr: disagrees ('{firstValue}' vs '{secondValue}')");
                return CheckVerdict.Reject($"the recognisers disagree ('{firstValue}' vs '{secondValue}')");
            default:
                context.Note($"second-asr: no better reading ('{secondValue}')");
                return CheckVerdict.Pass; // the validator (if in the policy) judges the first reading
        }
    }
}
