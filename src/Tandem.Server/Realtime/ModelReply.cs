namespace Tandem.Server.Realtime;

/// <summary>The local model's answer: a function call (<see cref="FunctionName"/> with JSON <see cref="Arguments"/>) or a text.</summary>
internal sealed record ModelReply(string? Text, string? FunctionName, string? Arguments)
{
    public bool IsFunctionCall => FunctionName is not null;

    public static ModelReply Say(string text) => new(text, null, null);

    public static ModelReply Call(string name, string arguments) => new(null, name, arguments);
}
