using System.Text.Json;

namespace Tandem.Server.Backends;

/// <summary>
/// One output item of a scripted turn: <c>reasoning</c> (<c>summary</c>, <c>reasoning_tokens</c>),
/// <c>message</c> (<c>text</c>, <c>phase</c>) or <c>function_call</c> (<c>name</c>, <c>arguments</c>,
/// optional <c>call_id</c>, optional <c>expect_output</c>: a substring the client's output must hold).
/// In <c>text</c>, <c>{{last_output}}</c> stands for the latest tool output. <c>item</c> and
/// <c>event</c> inject verbatim JSON (an item or event type a client may not know, an in-band error).
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

    /// <summary><c>type:"item"</c>: an output item of any type, streamed verbatim (added, then done).</summary>
    public JsonElement? Item { get; set; }

    /// <summary><c>type:"event"</c>: a stream event sent verbatim (its <c>sequence_number</c> is set by the server).</summary>
    public JsonElement? Event { get; set; }
}
