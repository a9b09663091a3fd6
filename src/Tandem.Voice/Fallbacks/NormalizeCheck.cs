namespace Tandem.Voice.Fallbacks;

/// <summary>
/// Spoken forms to the canonical value in code ("oh" → 0, "double five", "B as in boy", "dot",
/// "at"…): a model that wrote "five five five" or "b as in bravo" into its tool call is not wrong.
/// Never rejects; an empty result leaves the value as it was, for the next check to judge.
/// </summary>
public sealed class NormalizeCheck : IFallbackCheck
{
    public string Name => "normalize";

    public ValueTask<CheckVerdict> CheckAsync(FallbackContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var normalized = context.Normalizer.Normalize(context.Kind, context.Candidate.Value);
        if (!normalized.IsEmpty && normalized.Value != context.Candidate.Value)
        {
            context.Note($"normalize: '{context.Candidate.Value}' → '{normalized.Value}'");
            context.Candidate = context.Candidate with { Value = normalized.Value };
        }

        return ValueTask.FromResult(CheckVerdict.Pass);
    }
}
