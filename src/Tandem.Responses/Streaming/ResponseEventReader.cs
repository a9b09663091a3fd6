using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using Tandem.Responses.Protocol;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Responses;

/// <summary>
/// Reads Responses events from a stream of text — an SSE body (<c>text/event-stream</c>) or JSON
/// Lines of WebSocket frames — with the same event model the client uses live. Every event is
/// yielded, including any after a terminal one, because a reader of a recording wants all of it.
/// Input that is not a stream of events throws <see cref="ResponseStreamFormatException"/> naming
/// the line.
/// </summary>
public static class ResponseEventReader
{
    // The wire model allows this depth (ProtocolJson); a syntax check must not be stricter.
    private const int MaxDepth = 128;

    /// <summary>Reads an SSE body; a <c>data: [DONE]</c> sentinel is skipped.</summary>
    public static IAsyncEnumerable<ResponseStreamEvent> ReadSseAsync(Stream stream, CancellationToken cancellationToken = default) =>
        ReadSseAsync(stream, null, cancellationToken);

    /// <summary>Reads an SSE body, recording in <paramref name="stats"/> what was passed over.</summary>
    public static async IAsyncEnumerable<ResponseStreamEvent> ReadSseAsync(Stream stream, ResponseEventReadStats? stats, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var block in ReadSseBlocksAsync(stream, stats, cancellationToken).ConfigureAwait(false))
        {
            if (block.Data.AsSpan().SequenceEqual("[DONE]"u8))
            {
                if (stats is not null)
                {
                    stats.DoneMarkers++;
                }

                continue;
            }

            yield return ParseSseData(block);
        }
    }

    /// <summary>
    /// Reads JSON Lines: one event object per line, or the recorder's wrapper
    /// <c>{"direction":"server"|"client","event":{…}}</c>, whose client frames are skipped.
    /// Blank lines are allowed.
    /// </summary>
    public static IAsyncEnumerable<ResponseStreamEvent> ReadJsonLinesAsync(Stream stream, CancellationToken cancellationToken = default) =>
        ReadJsonLinesAsync(stream, null, cancellationToken);

    /// <summary>Reads JSON Lines, recording in <paramref name="stats"/> what was passed over (client frames).</summary>
    public static async IAsyncEnumerable<ResponseStreamEvent> ReadJsonLinesAsync(Stream stream, ResponseEventReadStats? stats, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new Utf8LineReader(stream);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false))
        {
            if (stats is not null)
            {
                stats.Lines = reader.LineNumber;
            }

            if (ParseJsonLine(reader.Line, reader.LineNumber, stats) is { } evt)
            {
                yield return evt;
            }
        }
    }

    /// <summary>The SSE events as dispatched, data unparsed (the layer that must agree with <c>SseParser</c>).</summary>
    internal static async IAsyncEnumerable<SseBlock> ReadSseBlocksAsync(Stream stream, ResponseEventReadStats? stats, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new Utf8LineReader(stream);
        using var assembler = new SseBlockAssembler();
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false))
        {
            if (stats is not null)
            {
                stats.Lines = reader.LineNumber;
            }

            if (assembler.Feed(reader.Line.Span, reader.LineNumber) is { } block)
            {
                yield return block;
            }
        }

        // The spec discards an event the stream ends inside; say where it was so it is not lost silently.
        if (stats is not null)
        {
            stats.UnterminatedEventLine = assembler.PendingLine;
        }
    }

    private static ResponseStreamEvent ParseSseData(SseBlock block)
    {
        try
        {
            return ParseStrict(block.Data);
        }
        catch (JsonException ex)
        {
            var syntax = FindSyntaxError(block.Data);
            var at = syntax ?? ex;

            // JSON line k of the data is the k-th data line (values cannot contain line breaks).
            var index = (int)Math.Clamp(at.LineNumber ?? 0, 0, block.DataLines.Length - 1);
            var dataLine = block.DataLines[index];
            var column = at.BytePositionInLine is { } position ? dataLine.ValueOffset + (int)position + 1 : (int?)null;
            var problem = syntax is not null
                ? $"data is not JSON: {Describe(syntax, column)}"
                : $"data is not a Responses event: {Describe(ex, column)}";
            throw new ResponseStreamFormatException(dataLine.LineNumber, problem, ex);
        }
    }

    private static ResponseStreamEvent? ParseJsonLine(ReadOnlyMemory<byte> line, int lineNumber, ResponseEventReadStats? stats)
    {
        if (line.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException ex)
        {
            throw new ResponseStreamFormatException(lineNumber, $"not JSON: {Describe(ex, Column(ex))}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ResponseStreamFormatException(lineNumber, $"expected a JSON object (an event or a {{\"direction\",\"event\"}} frame), found {Kind(root.ValueKind)}");
            }

            if (!root.TryGetProperty("direction", out var direction))
            {
                return ParseLineEvent(line.Span, lineNumber, wrapped: false);
            }

            switch (direction.ValueKind == JsonValueKind.String ? direction.GetString() : null)
            {
                case "client":
                    if (stats is not null)
                    {
                        stats.ClientFrames++;
                    }

                    return null;
                case "server":
                    if (!root.TryGetProperty("event", out var inner) || inner.ValueKind != JsonValueKind.Object)
                    {
                        throw new ResponseStreamFormatException(lineNumber, "a \"server\" frame needs an \"event\" object");
                    }

                    return ParseLineEvent(JsonMarshal.GetRawUtf8Value(inner), lineNumber, wrapped: true);
                default:
                    throw new ResponseStreamFormatException(lineNumber, $"\"direction\" must be \"server\" or \"client\", not {direction.GetRawText()}");
            }
        }
    }

    private static ResponseStreamEvent ParseLineEvent(ReadOnlySpan<byte> utf8, int lineNumber, bool wrapped)
    {
        try
        {
            return ParseStrict(utf8);
        }
        catch (JsonException ex)
        {
            // Positions inside a wrapped event are relative to the event, not the line: leave them out.
            var what = wrapped ? "the frame's \"event\" is not a Responses event" : "not a Responses event";
            throw new ResponseStreamFormatException(lineNumber, $"{what}: {Describe(ex, wrapped ? null : Column(ex))}", ex);
        }
    }

    /// <summary>
    /// The serializer's full read of an event, not <see cref="ProtocolJson.ParseEvent"/>'s: that one
    /// leaves the response of an opening event unparsed until it is read, and a reader of a recording
    /// must report a malformed response on its line.
    /// </summary>
    private static ResponseStreamEvent ParseStrict(ReadOnlySpan<byte> utf8) =>
        ProtocolJson.Deserialize<ResponseStreamEvent>(utf8) ?? throw new JsonException("Event is null.");

    /// <summary>The reader's own error when the bytes are not JSON at all; null when they are.</summary>
    private static JsonException? FindSyntaxError(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            while (reader.Read())
            {
            }

            return null;
        }
        catch (JsonException ex)
        {
            return ex;
        }
    }

    private static int? Column(JsonException ex) => ex.BytePositionInLine is { } position ? (int)position + 1 : null;

    /// <summary>
    /// The exception's message without System.Text.Json's "Path: … | LineNumber: … | BytePositionInLine: …"
    /// tail (its line numbers count from 0 within the JSON, which would contradict ours); the path
    /// and our column are added back.
    /// </summary>
    private static string Describe(JsonException ex, int? column)
    {
        var message = ex.Message;
        foreach (var marker in (ReadOnlySpan<string>)[" Path: ", " LineNumber: "])
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut >= 0)
            {
                message = message[..cut];
            }
        }

        message = message.TrimEnd().TrimEnd('.');
        if (ex.Path is { Length: > 1 } path)
        {
            message += $" at {path}";
        }

        return column is { } c ? $"{message} (column {c})" : message;
    }

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
