using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tandem.Responses.Protocol;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Server.Endpoints;

/// <summary>
/// Writes events in OpenAI's exact SSE framing — <c>event: TYPE\ndata: JSON\n\n</c>, no comments,
/// no <c>[DONE]</c> — straight into the response pipe, flushing after each event.
/// </summary>
internal static class SseEventWriter
{
    private static ReadOnlySpan<byte> EventPrefix => "event: "u8;
    private static ReadOnlySpan<byte> DataPrefix => "\ndata: "u8;
    private static ReadOnlySpan<byte> Terminator => "\n\n"u8;

    public static void Start(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
    }

    public static async ValueTask WriteAsync(PipeWriter writer, ResponseStreamEvent evt, CancellationToken cancellationToken)
    {
        WriteFrameStart(writer, evt.Type);
        using (var json = new Utf8JsonWriter(writer, ProtocolJson.WriterOptions))
        {
            JsonSerializer.Serialize(json, evt, ProtocolJson.Info<ResponseStreamEvent>());
        }

        writer.Write(Terminator);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes an already-serialised event (stored replay).</summary>
    public static async ValueTask WriteRawAsync(PipeWriter writer, string type, ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        WriteFrameStart(writer, type);
        writer.Write(json.Span);
        writer.Write(Terminator);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void WriteFrameStart(PipeWriter writer, string type)
    {
        writer.Write(EventPrefix);
        var span = writer.GetSpan(Encoding.UTF8.GetMaxByteCount(type.Length));
        var n = Encoding.UTF8.GetBytes(type, span);
        writer.Advance(n);
        writer.Write(DataPrefix);
    }
}
