namespace Tandem.Bench.Clients;

/// <summary>A function call as the raw runners read it from <c>response.output_item.done</c>.</summary>
internal readonly record struct RawFunctionCall(string CallId, string Name, string Arguments);
