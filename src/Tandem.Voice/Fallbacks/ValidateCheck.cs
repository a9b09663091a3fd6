using Tandem.Voice.Entities;

namespace Tandem.Voice.Fallbacks;

/// <summary>Rejects a value its kind's validator refuses (Luhn, phone numbering plan, email syntax, code alphabet and length…).</summary>
public sealed class ValidateCheck : IFallbackCheck
{
    public string Name => "validate";

    public ValueTask<CheckVerdict> CheckAsync(FallbackContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = EntityValidators.For(context.Kind, context.Options).Validate(context.Candidate.Value);
        if (result.IsValid)
        {
            return ValueTask.FromResult(CheckVerdict.Pass);
        }

        context.Note($"validate: rejected ({result.Reason})");
        return ValueTask.FromResult(CheckVerdict.Reject(result.Reason ?? "invalid"));
    }
}
