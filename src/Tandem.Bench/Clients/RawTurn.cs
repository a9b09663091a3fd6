using Tandem.Bench.Scenarios;

namespace Tandem.Bench.Clients;

/// <summary>
/// One turn of a raw runner as its events arrive: each function call is started as soon as its
/// <c>response.output_item.done</c> is read (what a hand-written loop that wants the floor does),
/// the final text and the completion are kept. Reused turn after turn by one runner (a run at a time).
/// </summary>
internal sealed class RawTurn
{
    private readonly List<RawFunctionCall> _calls = [];
    private readonly List<Task<string>> _tools = [];
    private BenchScenario? _scenario;
    private CancellationToken _cancellationToken;
    private string _text = string.Empty;

    /// <summary>The calls of this turn, in the order they were streamed.</summary>
    public IReadOnlyList<RawFunctionCall> Calls => _calls;

    /// <summary>The text the turn's messages ended with (the final answer on the last turn).</summary>
    public string Text => _text;

    public RawCompletion? Completion { get; private set; }

    /// <summary>What a failure event said, if one came.</summary>
    public string? Failure { get; private set; }

    /// <summary>Clears the turn for the next request of a run of <paramref name="scenario"/>.</summary>
    public void Reset(BenchScenario scenario, CancellationToken cancellationToken)
    {
        _scenario = scenario;
        _cancellationToken = cancellationToken;
        _calls.Clear();
        _tools.Clear();
        _text = string.Empty;
        Completion = null;
        Failure = null;
    }

    /// <summary>Acts on one event's data; returns its kind so the caller can time output and stop on completion.</summary>
    public RawEventKind Handle(RawEventKind kind, ReadOnlySpan<byte> data)
    {
        switch (kind)
        {
            case RawEventKind.OutputItemDone when RawResponsesProtocol.TryReadFunctionCall(data, out var call):
                _calls.Add(call);
                _tools.Add(SimulatedTool.RunAsync(_scenario!.Tool(call.Name), call.Arguments, _cancellationToken));
                break;
            case RawEventKind.TextDone:
                _text = _text.Length == 0 ? RawResponsesProtocol.ReadText(data) : _text + RawResponsesProtocol.ReadText(data);
                break;
            case RawEventKind.Completed:
                Completion = RawResponsesProtocol.ReadCompletion(data);
                break;
            case RawEventKind.Failed:
                Failure = RawResponsesProtocol.DescribeFailure(data);
                break;
        }

        return kind;
    }

    /// <summary>The outputs of this turn's calls, in call order, once all have finished.</summary>
    public Task<string[]> OutputsAsync() => Task.WhenAll(_tools);
}
