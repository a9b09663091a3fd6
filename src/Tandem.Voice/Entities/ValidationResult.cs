namespace Tandem.Voice.Entities;

/// <summary>The verdict of an <see cref="IEntityValidator"/>: valid, or invalid with a reason that names what is wrong.</summary>
/// <param name="IsValid">Whether the value is acceptable.</param>
/// <param name="Reason">Null when valid; otherwise one sentence fit for a log or for choosing the re-ask question ("card number fails the Luhn check").</param>
public sealed record ValidationResult(bool IsValid, string? Reason)
{
    /// <summary>The one valid result.</summary>
    public static ValidationResult Valid { get; } = new(true, null);

    /// <summary>An invalid result with <paramref name="reason"/>.</summary>
    public static ValidationResult Invalid(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new ValidationResult(false, reason);
    }

    /// <inheritdoc />
    public override string ToString() => IsValid ? "valid" : $"invalid: {Reason}";
}
