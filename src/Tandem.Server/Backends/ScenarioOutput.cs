using System.Text.Json;

namespace Tandem.Server.Backends;

/// <summary>
/// One output item of a scripted turn: <c>reasoning</c> (<c>summary</c>, <c>reasoning_tokens</c>),
/// <c>message</c> (<c>text</c>, <c>phase</c>) or <c>function_call</c> (<c>name</c>, <c>arguments</c>,
/// optional <c>call_id</c>, optional <c>expect_output</c>: a substring the client's output must hold).
/// In <c>text</c>, <c>{{last_output}}</c> stands for the latest tool output.
/// </summary>
public sealed class ScenarioOutput
{
    public string Type { get; set; } = "message";

    public string? Text { get; set; }

    public string? Phase { get; set; }

    public string? Summary { get; set; }

    public int ReasoningTokens { get; set; }

    public string? Name { get; set; }

    public JsonElement? Arguments { get; set; }

    public string? CallId { get; set; }

    public string? ExpectOutput { get; set; }
}
