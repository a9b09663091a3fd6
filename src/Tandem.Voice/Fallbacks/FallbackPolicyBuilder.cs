namespace Tandem.Voice.Fallbacks;

/// <summary>
/// Composes a <see cref="FallbackPolicy"/> step by step, in the order the checks should run:
/// <c>new FallbackPolicyBuilder().Normalize().SecondRecognizer().Validate().Confirm().InParts().Keypad().Build("full")</c>.
/// Any check implies one plain re-ask after a rejection (<see cref="FallbackPolicyOptions.Repeats"/>).
/// </summary>
public sealed class FallbackPolicyBuilder
{
    private readonly List<IFallbackCheck> _checks = [];
    private bool _inParts;
    private bool _keypad;

    public FallbackPolicyBuilder Normalize() => Add(new NormalizeCheck());

    public FallbackPolicyBuilder Validate() => Add(new ValidateCheck());

    public FallbackPolicyBuilder SecondRecognizer() => Add(new SecondRecognizerCheck());

    public FallbackPolicyBuilder Confirm() => Add(new ConfirmCheck());

    public FallbackPolicyBuilder Add(IFallbackCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (_checks.Any(c => c.Name == check.Name))
        {
            throw new InvalidOperationException($"The policy already has the check '{check.Name}'.");
        }

        _checks.Add(check);
        return this;
    }

    /// <summary>After the plain re-asks, ask for the value one group at a time.</summary>
    public FallbackPolicyBuilder InParts()
    {
        _inParts = true;
        return this;
    }

    /// <summary>Last rung: keypad entry, where the channel has it and the value is digits.</summary>
    public FallbackPolicyBuilder Keypad()
    {
        _keypad = true;
        return this;
    }

    public FallbackPolicy Build(string name, FallbackPolicyOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        options ??= new FallbackPolicyOptions();
        if (options.MaxCallerTurns < 1 || options.Repeats < 0)
        {
            throw new ArgumentException($"MaxCallerTurns must be at least 1 and Repeats at least 0 (got {options.MaxCallerTurns} and {options.Repeats}).", nameof(options));
        }

        if (_checks.Count == 0 && (_inParts || _keypad))
        {
            throw new InvalidOperationException("Re-asking needs a check that can reject a value: add Validate, SecondRecognizer or Confirm.");
        }

        var ladder = new List<CallerRequest>();
        if (_checks.Count > 0)
        {
            ladder.Add(CallerRequest.Repeat);
        }

        if (_inParts)
        {
            ladder.Add(CallerRequest.InParts);
        }

        if (_keypad)
        {
            ladder.Add(CallerRequest.Keypad);
        }

        return new FallbackPolicy(name, [.. _checks], ladder, options);
    }

    /// <summary>
    /// The named policies the harness reports side by side, each adding one step to the one before,
    /// so the report shows what each step adds: none, validate, +second-asr, +confirm, +parts+keypad (full).
    /// </summary>
    public static IReadOnlyList<FallbackPolicy> Ladder(FallbackPolicyOptions? options = null) =>
    [
        FallbackPolicy.None,
        new FallbackPolicyBuilder().Normalize().Validate().Build("validate", options),
        new FallbackPolicyBuilder().Normalize().SecondRecognizer().Validate().Build("validate+asr2", options),
        new FallbackPolicyBuilder().Normalize().SecondRecognizer().Validate().Confirm().Build("validate+asr2+confirm", options),
        new FallbackPolicyBuilder().Normalize().SecondRecognizer().Validate().Confirm().InParts().Keypad().Build("full", options),
    ];

    /// <summary>A policy by name: none, validate, validate+asr2, validate+asr2+confirm, full.</summary>
    public static FallbackPolicy Named(string name, FallbackPolicyOptions? options = null) =>
        Ladder(options).FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown fallback policy '{name}': use one of {string.Join(", ", Ladder(options).Select(p => p.Name))}.", nameof(name));
}
