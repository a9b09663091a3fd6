using System.Text.Json;

namespace Tandem.Voice.Realtime.Protocol.Json;

/// <summary>Conversation items by <c>type</c>; unknown types stay raw (<see cref="RealtimeUnknownItem"/>).</summary>
internal sealed class RealtimeConversationItemConverter : TypeDispatchConverter<RealtimeConversationItem>
{
    protected override string Kind => "conversation item";

    protected override Type? ClassOf(string type) => type switch
    {
        RealtimeItemTypes.Message => typeof(RealtimeMessageItem),
        RealtimeItemTypes.FunctionCall => typeof(RealtimeFunctionCallItem),
        RealtimeItemTypes.FunctionCallOutput => typeof(RealtimeFunctionCallOutputItem),
        _ => null,
    };

    protected override RealtimeConversationItem CreateRaw(JsonElement raw) => new RealtimeUnknownItem(raw);

    protected override bool TryGetRaw(RealtimeConversationItem value, out JsonElement raw)
    {
        if (value is RealtimeUnknownItem unknown)
        {
            raw = unknown.Raw;
            return true;
        }

        raw = default;
        return false;
    }
}
