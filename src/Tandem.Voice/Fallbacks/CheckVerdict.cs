namespace Tandem.Voice.Fallbacks;

/// <summary>A check's verdict on the candidate: let it through, or reject it with the reason.</summary>
public readonly record struct CheckVerdict(bool Passed, string? Reason)
{
    public static CheckVerdict Pass { get; } = new(true, null);

    public static CheckVerdict Reject(string reason) => new(false, reason);
}
