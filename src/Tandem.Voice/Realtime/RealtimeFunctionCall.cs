using System.Text.Json;

namespace Tandem.Voice.Realtime;

/// <summary>A function call the model made: what <see cref="RealtimeClient.HandleFunctionCallsAsync"/> hands to the tool.</summary>
/// <param name="CallId">The id the <c>function_call_output</c> answers.</param>
/// <param name="Name">The function.</param>
/// <param name="Arguments">The arguments as the model wrote them (a JSON string).</param>
/// <param name="ItemId">The <c>function_call</c> item.</param>
/// <param name="ResponseId">The response that made the call.</param>
public sealed record RealtimeFunctionCall(string CallId, string Name, string Arguments, string? ItemId, string? ResponseId)
{
    /// <summary>The arguments parsed; a clear error when the model wrote something that is not JSON.</summary>
    public JsonElement ParseArguments()
    {
        try
        {
            using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(Arguments) ? "{}" : Arguments);
            return doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new RealtimeException($"The arguments of the call {CallId} to '{Name}' are not JSON: {ex.Message}", ex);
        }
    }
}
