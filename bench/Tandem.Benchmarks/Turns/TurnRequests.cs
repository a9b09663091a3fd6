using Tandem.Benchmarks.Infrastructure;
using Tandem.Responses.Protocol;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Benchmarks.Turns;

/// <summary>
/// What every client asks for, so they all carry the same work: the scripted <c>hello</c> model (a
/// short streamed text answer), <c>store:false</c> (stateless, and the server's memory stays flat
/// over millions of turns), and either a tiny input or a resent history.
/// </summary>
public static class TurnRequests
{
    public const string Model = "scenario/hello";

    public const string SmallInput = "Hi!";

    /// <summary>A fresh request, as an application builds one per turn (its allocation is part of the turn).</summary>
    public static ResponseCreateRequest Create(List<ResponseItem>? history) => new()
    {
        Model = Model,
        Input = history is null ? new ResponseInput(SmallInput) : new ResponseInput(history),
        Store = false,
    };

    /// <summary>The HTTP body the raw client sends: Tandem's own serialisation, done once, so the raw client pays nothing per turn.</summary>
    public static byte[] HttpBody(List<ResponseItem>? history)
    {
        var request = Create(history);
        request.Stream = true;
        return ProtocolJson.SerializeToUtf8Bytes(request);
    }

    /// <summary>The <c>response.create</c> message the raw WebSocket client sends, prebuilt likewise.</summary>
    public static byte[] WebSocketMessage(List<ResponseItem>? history)
    {
        var request = Create(history);
        request.Type = ResponseEventTypes.ResponseCreate;
        return ProtocolJson.SerializeToUtf8Bytes(request);
    }

    public static string Authorization => "Bearer " + LocalServer.ApiKey;
}
