namespace Tandem.Voice.Fallbacks;

/// <summary>
/// One composable step of a fallback policy that looks at the candidate value: normalise it,
/// validate it, compare it with a second recogniser, confirm it with the caller. A rejection makes
/// the policy ask again (see <see cref="CallerRequest"/>); a check may spend caller turns.
/// </summary>
public interface IFallbackCheck
{
    /// <summary>Short name for reports (<c>validate</c>, <c>confirm</c>…).</summary>
    string Name { get; }

    ValueTask<CheckVerdict> CheckAsync(FallbackContext context, CancellationToken cancellationToken);
}
