using Tandem.Voice.Entities;

namespace Tandem.Voice.Fallbacks;

/// <summary>
/// Reads the value back in groups (confusable letters as "B as in bravo") and asks the caller to
/// confirm: one caller turn. A sensitive value (a card number) is never read back: the caller is
/// asked to say it again instead, and the two captures must agree.
/// </summary>
public sealed class ConfirmCheck : IFallbackCheck
{
    public string Name => "confirm";

    public async ValueTask<CheckVerdict> CheckAsync(FallbackContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Candidate.Source == CaptureSource.Keypad)
        {
            return CheckVerdict.Pass; // the caller typed it: a read-back adds a turn and catches nothing
        }

        var value = context.Candidate.Value;
        if (ReadBack.IsSensitive(context.Kind))
        {
            var again = await context.Channel.AskAsync(CallerRequest.Repeat, cancellationToken).ConfigureAwait(false);
            context.CallerTurns += again.CallerTurns;
            var repeated = context.Normalizer.Normalize(context.Kind, again.Value).Value;
            var first = context.Normalizer.Normalize(context.Kind, value).Value;
            if (repeated == first)
            {
                context.Note("confirm: sensitive, said twice alike");
                return CheckVerdict.Pass;
            }

            context.Note("confirm: sensitive, the two captures differ");
            return CheckVerdict.Reject("the value was said twice and the captures differ");
        }

        string readBack;
        try
        {
            readBack = ReadBack.Render(context.Kind, value, context.Options.DefaultRegion);
        }
        catch (ArgumentException ex)
        {
            context.Note($"confirm: cannot read back '{value}' ({ex.Message})");
            return CheckVerdict.Reject("the value cannot be read back: " + ex.Message);
        }

        context.CallerTurns++;
        if (await context.Channel.ConfirmAsync(readBack, cancellationToken).ConfigureAwait(false))
        {
            context.Note($"confirm: caller said yes to '{readBack}'");
            return CheckVerdict.Pass;
        }

        context.Note($"confirm: caller said no to '{readBack}'");
        return CheckVerdict.Reject("the caller said the read-back was wrong");
    }
}
