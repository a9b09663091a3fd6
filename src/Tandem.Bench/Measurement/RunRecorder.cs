using System.Diagnostics;

namespace Tandem.Bench.Measurement;

/// <summary>
/// Takes a run's measurements the same way for every client: a runner calls <see cref="TurnStarted"/>
/// as its request leaves, <see cref="Output"/> on each streamed output (the first counts),
/// <see cref="TurnCompleted"/> on the response's completion, and <see cref="Finish"/> at the end.
/// Bytes come from the client's <see cref="TrafficMeter"/>.
/// </summary>
public sealed class RunRecorder
{
    private readonly TrafficMeter _meter;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly long _connectionsAtStart;
    private readonly List<TurnMeasurement> _turns = [];
    private long _turnStarted;
    private double? _firstOutput;
    private long _sentAtTurnStart;
    private long _receivedAtTurnStart;
    private bool _inTurn;

    public RunRecorder(TrafficMeter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _meter = meter;
        _connectionsAtStart = meter.Connections;
    }

    public IReadOnlyList<TurnMeasurement> Turns => _turns;

    public void TurnStarted()
    {
        _turnStarted = Stopwatch.GetTimestamp();
        _firstOutput = null;
        _sentAtTurnStart = _meter.BytesSent;
        _receivedAtTurnStart = _meter.BytesReceived;
        _inTurn = true;
    }

    public void Output() => _firstOutput ??= _inTurn ? Stopwatch.GetElapsedTime(_turnStarted).TotalMilliseconds : null;

    public void TurnCompleted(string responseId, int inputTokens, int cachedTokens, int outputTokens, int toolCalls)
    {
        if (!_inTurn)
        {
            throw new InvalidOperationException("TurnCompleted without TurnStarted.");
        }

        _inTurn = false;
        _turns.Add(new TurnMeasurement
        {
            Index = _turns.Count + 1,
            ResponseId = responseId,
            StartMs = Stopwatch.GetElapsedTime(_started, _turnStarted).TotalMilliseconds,
            FirstOutputMs = _firstOutput,
            CompletedMs = Stopwatch.GetElapsedTime(_turnStarted).TotalMilliseconds,
            BytesSent = _meter.BytesSent - _sentAtTurnStart,
            BytesReceived = _meter.BytesReceived - _receivedAtTurnStart,
            InputTokens = inputTokens,
            CachedTokens = cachedTokens,
            OutputTokens = outputTokens,
            ToolCalls = toolCalls,
        });
    }

    public RunMeasurement Finish(string output, string? error = null, int replays = 0, int retries = 0) => new()
    {
        WallMs = Stopwatch.GetElapsedTime(_started).TotalMilliseconds,
        Turns = _turns,
        Output = output,
        Error = error,
        ExtraConnections = _meter.Connections - _connectionsAtStart,
        Replays = replays,
        Retries = retries,
    };
}
