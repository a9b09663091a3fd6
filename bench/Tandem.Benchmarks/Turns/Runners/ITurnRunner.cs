namespace Tandem.Benchmarks.Turns.Runners;

/// <summary>One client under test: connects once, then runs one streamed turn per call.</summary>
public interface ITurnRunner : IAsyncDisposable
{
    /// <summary>Opens whatever the client keeps open between turns (a WebSocket), so turns measure only turns.</summary>
    Task InitializeAsync();

    /// <summary>Sends one request and reads its stream to <c>response.completed</c>; returns the number of events read.</summary>
    Task<int> RunTurnAsync();
}
