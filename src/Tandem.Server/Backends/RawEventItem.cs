using System.Text.Json;
using System.Text.Json.Nodes;
using Tandem.Responses.Protocol;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Server.Backends;

/// <summary>
/// A scenario's verbatim stream event. It rides in a turn's output so it keeps its place among the
/// items, but it is an event, not an item: the renderer sends it and leaves it out of the response.
/// </summary>
internal sealed class RawEventItem(JsonElement raw) : ResponseItem
{
    public JsonElement Raw { get; } = raw;

    /// <summary>The event with this response's sequence number, parsed as any client would read it.</summary>
    public ResponseStreamEvent ToEvent(int sequenceNumber)
    {
        var node = JsonNode.Parse(Raw.GetRawText())!.AsObject();
        node["sequence_number"] = sequenceNumber;
        return ProtocolJson.ParseEvent(JsonSerializer.SerializeToUtf8Bytes(node, ProtocolJson.Info<JsonNode>()));
    }
}
