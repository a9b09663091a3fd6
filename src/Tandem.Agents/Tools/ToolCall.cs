using System.Text.Json;

namespace Tandem.Agents.Tools;

/// <summary>One call the model asked for: already validated against the tool's schema.</summary>
public sealed record ToolCall(string RunId, string CallId, string Name, string Arguments, JsonElement ParsedArguments);
