namespace Tandem.Server.Realtime;

/// <summary>
/// What the local model answers: the user's latest words (<see cref="UserText"/>, typed or
/// recognised), or the output of the tool it called last (<see cref="ToolOutput"/>, when a
/// <c>function_call_output</c> follows the latest user message), or nothing at all.
/// </summary>
internal sealed record ModelTurn(string? UserText, string? ToolOutput, string? ToolName)
{
    public static ModelTurn Nothing { get; } = new(null, null, null);

    public static ModelTurn User(string text) => new(text, null, null);

    public static ModelTurn Tool(string output, string? name) => new(null, output, name);
}
