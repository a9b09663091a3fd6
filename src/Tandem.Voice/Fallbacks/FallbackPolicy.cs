using Tandem.Voice.Entities;

namespace Tandem.Voice.Fallbacks;

/// <summary>
/// A composed fallback policy: checks run on every candidate in order; a rejection climbs the
/// re-ask ladder (repeat → in parts → keypad, as composed) until a candidate passes every check or
/// the caller-turn budget runs out. A policy without checks accepts the first attempt as it is
/// (the baseline an A/B harness compares against). Build one with <see cref="FallbackPolicyBuilder"/>.
/// </summary>
public sealed class FallbackPolicy
{
    private readonly IReadOnlyList<IFallbackCheck> _checks;
    private readonly IReadOnlyList<CallerRequest> _ladder;
    private readonly FallbackPolicyOptions _options;

    internal FallbackPolicy(string name, IReadOnlyList<IFallbackCheck> checks, IReadOnlyList<CallerRequest> ladder, FallbackPolicyOptions options)
    {
        Name = name;
        _checks = checks;
        _ladder = ladder;
        _options = options;
    }

    /// <summary>Accepts whatever the first attempt captured.</summary>
    public static FallbackPolicy None { get; } = new("none", [], [], new FallbackPolicyOptions());

    public string Name { get; }

    /// <summary>The checks, in order (for reports).</summary>
    public IReadOnlyList<string> Checks => [.. _checks.Select(c => c.Name)];

    /// <summary>The re-ask ladder, mildest first (for reports).</summary>
    public IReadOnlyList<CallerRequest> Ladder => _ladder;

    /// <summary>Runs the policy on <paramref name="first"/>, the caller's first attempt.</summary>
    public async ValueTask<CaptureOutcome> RunAsync(ICallerChannel channel, CaptureAttempt first, EntityOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(first);
        options ??= EntityOptions.Default;
        var context = new FallbackContext(channel, options, new EntityNormalizer(options), first)
        {
            CallerTurns = first.CallerTurns,
            WillConfirm = _checks.Any(c => c is ConfirmCheck),
        };
        var attempts = new List<CaptureAttempt> { first };
        var rung = 0;
        var repeatsLeft = _options.Repeats;
        while (true)
        {
            var verdict = await CheckAllAsync(context, cancellationToken).ConfigureAwait(false);
            if (verdict.Passed)
            {
                context.Note($"accepted '{context.Candidate.Value}' after {context.CallerTurns} caller turn(s)");
                return new CaptureOutcome(true, context.Candidate.Value, context.CallerTurns, attempts, context.Trace, null);
            }

            var next = NextRequest(channel, ref rung, ref repeatsLeft);
            if (next is null)
            {
                return GiveUp(context, attempts, $"{verdict.Reason}; no fallback left");
            }

            if (context.CallerTurns >= _options.MaxCallerTurns)
            {
                return GiveUp(context, attempts, $"{verdict.Reason}; {context.CallerTurns} caller turns spent (limit {_options.MaxCallerTurns})");
            }

            context.Note($"re-ask: {next.Value}");
            var attempt = await channel.AskAsync(next.Value, cancellationToken).ConfigureAwait(false);
            attempts.Add(attempt);
            context.CallerTurns += attempt.CallerTurns;
            context.Candidate = attempt;
        }
    }

    private async ValueTask<CheckVerdict> CheckAllAsync(FallbackContext context, CancellationToken cancellationToken)
    {
        foreach (var check in _checks)
        {
            var verdict = await check.CheckAsync(context, cancellationToken).ConfigureAwait(false);
            if (!verdict.Passed)
            {
                return verdict;
            }
        }

        return CheckVerdict.Pass;
    }

    private CallerRequest? NextRequest(ICallerChannel channel, ref int rung, ref int repeatsLeft)
    {
        while (rung < _ladder.Count)
        {
            var request = _ladder[rung];
            if (request == CallerRequest.Repeat && repeatsLeft > 0)
            {
                repeatsLeft--;
                return request;
            }

            rung++;
            if (request == CallerRequest.Repeat)
            {
                continue;
            }

            if (request == CallerRequest.Keypad && !(channel.HasKeypad && KeypadCanType(channel.Kind)))
            {
                continue;
            }

            return request;
        }

        return null;
    }

    /// <summary>A phone keypad types digits: phone and card numbers only.</summary>
    internal static bool KeypadCanType(EntityKind kind) => kind is EntityKind.PhoneNumber or EntityKind.CardNumber;

    private static CaptureOutcome GiveUp(FallbackContext context, List<CaptureAttempt> attempts, string reason)
    {
        context.Note("gave up: " + reason);
        return new CaptureOutcome(false, null, context.CallerTurns, attempts, context.Trace, reason);
    }
}
