using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Tandem.Responses;
using Tandem.Responses.Protocol;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Cli.Commands;

/// <summary>
/// What <c>tandem inspect</c> learns from a stream: the accumulator's view (counts, unknown types,
/// gaps, errors, terminal event, the response built from the deltas) plus what the reader passed
/// over, written as a plain-text report or as the response's JSON.
/// </summary>
internal sealed class InspectReport(string path, string format)
{
    private readonly ResponseAccumulator _accumulator = new();

    // The accumulator's counts are a dictionary; the report lists types in the order the stream introduced them.
    private readonly List<string> _typeOrder = [];
    private readonly List<string> _terminals = [];
    private int? _firstSequenceNumber;
    private bool _sawResponse;

    public ResponseEventReadStats Stats { get; } = new();

    public void Add(ResponseStreamEvent evt)
    {
        if (!_accumulator.CountsByType.ContainsKey(evt.Type))
        {
            _typeOrder.Add(evt.Type);
        }

        if (evt.IsTerminal)
        {
            // A failed stream can hold two (error, then response.failed); show each, not just the last.
            _terminals.Add(evt.SequenceNumber is { } seq ? Invariant($"{evt.Type} (#{seq})") : evt.Type);
        }

        _firstSequenceNumber ??= evt.SequenceNumber;
        _sawResponse |= evt is ResponseLifecycleEvent;
        _accumulator.Add(evt);
    }

    /// <summary>
    /// The response with its output built from the events (items, deltas, done events) and its other
    /// fields from the terminal response, or from the latest snapshot when the stream did not end.
    /// </summary>
    public ResponseObject BuildResponse()
    {
        var output = _accumulator.BuildOutput();
        var response = _accumulator.Final is { } final
            ? ProtocolJson.Deserialize<ResponseObject>(ProtocolJson.SerializeToUtf8Bytes(final))! // a copy: Final stays the recorded one
            : _accumulator.BuildResponse() ?? new ResponseObject { Status = string.Empty };
        response.Output = output;
        return response;
    }

    public void WriteJson(TextWriter output)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = ProtocolJson.WriterOptions.Encoder, SkipValidation = true }))
        {
            JsonSerializer.Serialize(writer, BuildResponse(), ProtocolJson.Info<ResponseObject>());
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    public void Write(TextWriter w)
    {
        var formatName = format == InspectCommand.JsonLines ? "JSON Lines" : "SSE";
        w.WriteLine(Invariant($"{path} ({formatName}, {Stats.Lines} lines)"));
        w.WriteLine();
        WriteEvents(w);
        w.WriteLine();
        WriteResponse(w, BuildResponse());
    }

    private void WriteEvents(TextWriter w)
    {
        var sequence = _accumulator.LastSequenceNumber is { } last
            ? Invariant($", sequence_number {_firstSequenceNumber}..{last}")
            : _accumulator.EventCount > 0 ? ", no sequence_number" : string.Empty;
        w.WriteLine(Invariant($"Events: {_accumulator.EventCount}{sequence}"));
        var width = _typeOrder.Count == 0 ? 0 : _typeOrder.Max(t => Label(t).Length);
        foreach (var type in _typeOrder)
        {
            w.WriteLine(Invariant($"  {Label(type).PadRight(width)}  {_accumulator.CountsByType[type],5}"));
        }

        if (Stats.ClientFrames > 0 || Stats.DoneMarkers > 0)
        {
            var skipped = new List<string>();
            if (Stats.ClientFrames > 0)
            {
                skipped.Add(Invariant($"{Stats.ClientFrames} client frame(s)"));
            }

            if (Stats.DoneMarkers > 0)
            {
                skipped.Add(Invariant($"{Stats.DoneMarkers} [DONE] marker(s)"));
            }

            w.WriteLine($"Skipped: {string.Join(", ", skipped)}");
        }

        w.WriteLine(_accumulator.UnknownTypes.Count == 0
            ? "Unknown types: none"
            : $"Unknown types: {string.Join(", ", _accumulator.UnknownTypes.Select(t => Invariant($"{Label(t)} ({_accumulator.CountsByType[t]})")))}");

        w.WriteLine(_accumulator.SequenceGaps.Count == 0
            ? "Sequence gaps: none"
            : $"Sequence gaps: {string.Join(", ", _accumulator.SequenceGaps.Select(g => Invariant($"expected {g.Expected}, got {g.Actual}")))}");

        if (_accumulator.Errors.Count == 0)
        {
            w.WriteLine("Errors: none");
        }
        else
        {
            w.WriteLine(Invariant($"Errors: {_accumulator.Errors.Count}"));
            foreach (var error in _accumulator.Errors)
            {
                var at = error.SequenceNumber is { } seq ? Invariant($"#{seq} ") : string.Empty;
                var param = error.EffectiveParam is { } p ? $" (param {p})" : string.Empty;
                w.WriteLine($"  {at}{error.EffectiveCode ?? error.Error?.Type ?? "(no code)"}: {error.EffectiveMessage}{param}");
            }
        }

        w.WriteLine(_terminals.Count > 0
            ? $"Terminal event: {string.Join(", then ", _terminals)}"
            : "Terminal event: none (the stream ends before response.completed, .failed, .incomplete or error)");

        if (Stats.UnterminatedEventLine is { } line)
        {
            w.WriteLine(Invariant($"Warning: the file ends inside the event starting at line {line} (no blank line after it); an SSE client discards it."));
        }
    }

    private void WriteResponse(TextWriter w, ResponseObject response)
    {
        w.WriteLine("Response");
        if (!_sawResponse)
        {
            w.WriteLine("  (no response.created, .in_progress or terminal event: id, status and model unknown)");
        }
        else
        {
            w.WriteLine($"  id:     {response.Id}");
            w.WriteLine($"  status: {response.Status}{(_accumulator.Final is null ? " (latest snapshot; no terminal response)" : string.Empty)}");
            w.WriteLine($"  model:  {response.Model}");
            if (response.Usage is { } u)
            {
                w.WriteLine(Invariant($"  usage:  {u.InputTokens} input ({u.InputTokensDetails.CachedTokens} cached), {u.OutputTokens} output ({u.OutputTokensDetails.ReasoningTokens} reasoning), {u.TotalTokens} total"));
            }
            else
            {
                w.WriteLine("  usage:  none");
            }

            if (response.Error is { } error)
            {
                w.WriteLine($"  error:  {error.Code ?? "(no code)"}: {error.Message}");
            }

            if (response.IncompleteDetails?.Reason is { } reason)
            {
                w.WriteLine($"  incomplete: {reason}");
            }
        }

        w.WriteLine();
        w.WriteLine(Invariant($"Output ({response.Output.Count} item{(response.Output.Count == 1 ? string.Empty : "s")}, built from the events)"));
        for (var i = 0; i < response.Output.Count; i++)
        {
            WriteItem(w, i, response.Output[i]);
        }

        if (_accumulator.Final is { } final && DifferingItems(response.Output, final.Output) is { Count: > 0 } differing)
        {
            w.WriteLine();
            w.WriteLine($"Note: the output built from the events differs from the {_accumulator.TerminalType} response's output at {string.Join(", ", differing)}.");
        }
    }

    private static void WriteItem(TextWriter w, int index, ResponseItem item)
    {
        var (id, status) = IdAndStatus(item);
        var head = new StringBuilder(Invariant($"  [{index}] {item.Type ?? "(no type)"}"));
        if (id is not null)
        {
            head.Append(' ').Append(id);
        }

        if (item is MessageItem { } m)
        {
            head.Append(" role=").Append(m.Role);
            if (m.Phase is not null)
            {
                head.Append(" phase=").Append(m.Phase);
            }
        }

        if (status is not null)
        {
            head.Append(" (").Append(status).Append(')');
        }

        w.WriteLine(head.ToString());
        switch (item)
        {
            case MessageItem message:
                if (message.Content.Text is { } shorthand)
                {
                    WriteField(w, "text", shorthand);
                }

                foreach (var part in message.Content.Parts ?? [])
                {
                    if (part.Refusal is { } refusal)
                    {
                        WriteField(w, "refusal", refusal);
                    }
                    else
                    {
                        WriteField(w, part.Type == "output_text" ? "text" : part.Type, part.Text ?? string.Empty);
                    }
                }

                break;
            case FunctionCallItem call:
                WriteField(w, "name", call.Name);
                WriteField(w, "call_id", call.CallId);
                WriteField(w, "arguments", call.Arguments);
                break;
            case ReasoningItem reasoning:
                if (reasoning.Summary.Count == 0)
                {
                    WriteField(w, "summary", "(none)");
                }

                foreach (var summary in reasoning.Summary)
                {
                    WriteField(w, "summary", summary.Text ?? string.Empty);
                }

                if (reasoning.EncryptedContent is { } encrypted)
                {
                    WriteField(w, "encrypted_content", Invariant($"{encrypted.Length} chars"));
                }

                break;
        }
    }

    /// <summary>Writes <c>name: value</c>, continuing a multi-line value under its first line.</summary>
    private static void WriteField(TextWriter w, string name, string value)
    {
        var lines = value.ReplaceLineEndings("\n").Split('\n');
        var prefix = $"      {name}: ";
        w.WriteLine(prefix + lines[0]);
        var indent = new string(' ', prefix.Length);
        foreach (var line in lines.Skip(1))
        {
            w.WriteLine(indent + line);
        }
    }

    /// <summary>Every item type carries id and status the same way on the wire, known to the model or not.</summary>
    private static (string? Id, string? Status) IdAndStatus(ResponseItem item)
    {
        var json = JsonSerializer.SerializeToElement(item, ProtocolJson.Info<ResponseItem>());
        return (StringProperty(json, "id"), StringProperty(json, "status"));
    }

    private static string? StringProperty(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The items (by index) where the built output and the terminal response's output are not the same JSON.</summary>
    private static List<string> DifferingItems(List<ResponseItem> built, List<ResponseItem> final)
    {
        var differing = new List<string>();
        for (var i = 0; i < Math.Max(built.Count, final.Count); i++)
        {
            if (i >= built.Count)
            {
                differing.Add(Invariant($"item {i} ({final[i].Type}: only in the response)"));
            }
            else if (i >= final.Count)
            {
                differing.Add(Invariant($"item {i} ({built[i].Type}: only in the events)"));
            }
            else if (DifferingFields(ToJson(built[i]), ToJson(final[i])) is { Count: > 0 } fields)
            {
                differing.Add(Invariant($"item {i} ({built[i].Type}: {string.Join(", ", fields)})"));
            }
        }

        return differing;
    }

    private static List<string> DifferingFields(JsonElement built, JsonElement final)
    {
        if (built.ValueKind != JsonValueKind.Object || final.ValueKind != JsonValueKind.Object)
        {
            return JsonElement.DeepEquals(built, final) ? [] : ["the whole item"];
        }

        var names = built.EnumerateObject().Select(p => p.Name).Union(final.EnumerateObject().Select(p => p.Name), StringComparer.Ordinal);
        return names
            .Where(n => !(built.TryGetProperty(n, out var a) && final.TryGetProperty(n, out var b) && JsonElement.DeepEquals(a, b)))
            .ToList();
    }

    private static JsonElement ToJson(ResponseItem item) => JsonSerializer.SerializeToElement(item, ProtocolJson.Info<ResponseItem>());

    private static string Label(string type) => type.Length == 0 ? "(no type)" : type;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
