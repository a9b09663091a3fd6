using System.Text;
using System.Text.Json;
using Tandem.Responses.Protocol;

namespace Tandem.Responses;

/// <summary>
/// Folds a stream of events into a response: items from <c>output_item.added</c>, text, arguments
/// and reasoning summaries from their deltas, the remaining fields from <c>output_item.done</c>, and
/// the terminal event's response when there is one. Also keeps what a reader of a recorded stream
/// wants to know: counts by type, unknown types, sequence-number gaps and errors.
/// </summary>
public sealed class ResponseAccumulator
{
    private readonly SortedDictionary<int, Slot> _slots = [];
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _unknownTypes = new(StringComparer.Ordinal);
    private readonly List<ErrorEvent> _errors = [];
    private readonly List<(int Expected, int Actual)> _gaps = [];
    private ResponseObject? _snapshot;

    /// <summary>The response of the terminal event (completed, incomplete, failed), once seen.</summary>
    public ResponseObject? Final { get; private set; }

    /// <summary>The terminal event's type, once seen.</summary>
    public string? TerminalType { get; private set; }

    public int EventCount { get; private set; }

    public int? LastSequenceNumber { get; private set; }

    public IReadOnlyDictionary<string, int> CountsByType => _counts;

    public IReadOnlyCollection<string> UnknownTypes => _unknownTypes;

    public IReadOnlyList<ErrorEvent> Errors => _errors;

    /// <summary>Each place where <c>sequence_number</c> did not follow its predecessor by one.</summary>
    public IReadOnlyList<(int Expected, int Actual)> SequenceGaps => _gaps;

    public void Add(ResponseStreamEvent evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        EventCount++;
        _counts[evt.Type] = _counts.GetValueOrDefault(evt.Type) + 1;
        if (evt.SequenceNumber is { } seq)
        {
            if (LastSequenceNumber is { } last && seq != last + 1)
            {
                _gaps.Add((last + 1, seq));
            }

            LastSequenceNumber = seq;
        }

        switch (evt)
        {
            case ResponseLifecycleEvent life:
                _snapshot = life.Response;
                if (life.IsTerminal)
                {
                    Final = life.Response;
                    TerminalType = life.Type;
                }

                break;
            case OutputItemEvent { Type: ResponseEventTypes.OutputItemAdded } added:
                SlotAt(added.OutputIndex).Added = added.Item;
                break;
            case OutputItemEvent done:
                SlotAt(done.OutputIndex).Done = done.Item;
                break;
            case ContentPartEvent part:
                var p = SlotAt(part.OutputIndex).Part(part.ContentIndex);
                if (part.Type == ResponseEventTypes.ContentPartAdded)
                {
                    p.Added = part.Part;
                }
                else
                {
                    p.Done = part.Part;
                }

                break;
            case OutputTextDeltaEvent delta:
                SlotAt(delta.OutputIndex).Part(delta.ContentIndex).Text.Append(delta.Delta);
                break;
            case OutputTextDoneEvent done:
                SlotAt(done.OutputIndex).Part(done.ContentIndex).FinalText = done.Text;
                break;
            case RefusalDeltaEvent refusal:
                SlotAt(refusal.OutputIndex).Part(refusal.ContentIndex).Text.Append(refusal.Delta);
                break;
            case OutputTextAnnotationAddedEvent annotation:
                SlotAt(annotation.OutputIndex).Part(annotation.ContentIndex).Annotations.Add(annotation.Annotation.Clone());
                break;
            case FunctionCallArgumentsDeltaEvent args:
                SlotAt(args.OutputIndex).Arguments.Append(args.Delta);
                break;
            case FunctionCallArgumentsDoneEvent argsDone:
                SlotAt(argsDone.OutputIndex).FinalArguments = argsDone.Arguments;
                break;
            case ReasoningSummaryTextDeltaEvent summary:
                SlotAt(summary.OutputIndex).Summary(summary.SummaryIndex).Append(summary.Delta);
                break;
            case ErrorEvent error:
                _errors.Add(error);
                TerminalType = error.Type;
                break;
            case UnknownStreamEvent unknown:
                _unknownTypes.Add(unknown.Type);
                break;
        }
    }

    /// <summary>
    /// The output as the deltas built it (texts, arguments and summaries from their deltas; ids,
    /// status and opaque fields from the items' added/done events).
    /// </summary>
    public List<ResponseItem> BuildOutput() => _slots.Values.Select(s => s.Build()).Where(i => i is not null).Select(i => i!).ToList();

    /// <summary>The response: the terminal one when the stream ended, else the latest snapshot with the output built so far.</summary>
    public ResponseObject? BuildResponse()
    {
        if (Final is not null)
        {
            return Final;
        }

        if (_snapshot is null)
        {
            return null;
        }

        var json = Protocol.Json.ProtocolJson.SerializeToUtf8Bytes(_snapshot);
        var copy = Protocol.Json.ProtocolJson.Deserialize<ResponseObject>(json)!;
        copy.Output = BuildOutput();
        return copy;
    }

    private Slot SlotAt(int index)
    {
        if (!_slots.TryGetValue(index, out var slot))
        {
            slot = new Slot();
            _slots[index] = slot;
        }

        return slot;
    }

    private sealed class Slot
    {
        private readonly SortedDictionary<int, PartState> _parts = [];
        private readonly SortedDictionary<int, StringBuilder> _summaries = [];

        public ResponseItem? Added { get; set; }

        public ResponseItem? Done { get; set; }

        public StringBuilder Arguments { get; } = new();

        public string? FinalArguments { get; set; }

        public PartState Part(int index)
        {
            if (!_parts.TryGetValue(index, out var part))
            {
                part = new PartState();
                _parts[index] = part;
            }

            return part;
        }

        public StringBuilder Summary(int index)
        {
            if (!_summaries.TryGetValue(index, out var sb))
            {
                sb = new StringBuilder();
                _summaries[index] = sb;
            }

            return sb;
        }

        public ResponseItem? Build()
        {
            var basis = Done ?? Added;
            switch (basis)
            {
                case MessageItem message:
                    var doneParts = (Done as MessageItem)?.Content.Parts;
                    var parts = new List<ContentPart>();
                    foreach (var (index, state) in _parts)
                    {
                        parts.Add(state.Build(doneParts is not null && index < doneParts.Count ? doneParts[index] : null));
                    }

                    if (parts.Count == 0 && doneParts is not null)
                    {
                        parts.AddRange(doneParts);
                    }

                    return new MessageItem
                    {
                        Id = message.Id,
                        Status = message.Status,
                        Role = message.Role,
                        Phase = message.Phase ?? (Added as MessageItem)?.Phase,
                        Content = new MessageContent(parts),
                    };
                case FunctionCallItem call:
                    return new FunctionCallItem
                    {
                        Id = call.Id,
                        Status = call.Status,
                        CallId = call.CallId,
                        Name = call.Name,
                        Arguments = Arguments.Length > 0 ? Arguments.ToString() : FinalArguments ?? call.Arguments,
                    };
                case ReasoningItem reasoning:
                    var summary = _summaries.Count > 0
                        ? _summaries.Values.Select(s => new ContentPart { Type = "summary_text", Text = s.ToString() }).ToList()
                        : reasoning.Summary;
                    return new ReasoningItem
                    {
                        Id = reasoning.Id,
                        Status = reasoning.Status,
                        Summary = summary,
                        EncryptedContent = reasoning.EncryptedContent,
                        Content = reasoning.Content,
                    };
                default:
                    return basis;
            }
        }
    }

    private sealed class PartState
    {
        public ContentPart? Added { get; set; }

        public ContentPart? Done { get; set; }

        public StringBuilder Text { get; } = new();

        public string? FinalText { get; set; }

        public List<JsonElement> Annotations { get; } = [];

        public ContentPart Build(ContentPart? fromItem)
        {
            // The item's own part (output_item.done) is the most complete: content_part.done may carry empty logprobs.
            var basis = fromItem ?? Done ?? Added ?? new ContentPart { Type = "output_text" };
            var text = Text.Length > 0 ? Text.ToString() : FinalText ?? basis.Text ?? basis.Refusal ?? string.Empty;
            var part = new ContentPart
            {
                Type = basis.Type,
                Annotations = Annotations.Count > 0 ? JsonSerializer.SerializeToElement(Annotations, Protocol.Json.ProtocolJson.Info<List<JsonElement>>()) : basis.Annotations,
                Logprobs = basis.Logprobs,
                ExtensionData = basis.ExtensionData,
            };
            if (basis.Type == "refusal")
            {
                part.Refusal = text;
            }
            else
            {
                part.Text = text;
            }

            return part;
        }
    }
}
