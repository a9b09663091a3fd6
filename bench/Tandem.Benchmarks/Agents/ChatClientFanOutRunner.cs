using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace Tandem.Benchmarks.Agents;

/// <summary>
/// Microsoft.Extensions.AI's <see cref="FunctionInvokingChatClient"/> over an <see cref="IChatClient"/>
/// (the OpenAI SDK's, or Tandem's): it runs a response's calls once that response has ended — one
/// after another by default, all at once with <see cref="FunctionInvokingChatClient.AllowConcurrentInvocation"/>.
/// </summary>
/// <remarks>
/// Non-streaming (<see cref="IChatClient.GetResponseAsync"/>): FunctionInvokingChatClient starts the
/// calls after the inner response has ended whether it streams or not, and the server times both the
/// same way (a non-streamed response is returned when its stream would have completed). Streaming is
/// not an option for the OpenAI SDK's chat client here: Microsoft.Extensions.AI.OpenAI 10.11.0 is
/// built against OpenAI 2.14, and its streaming path calls a <c>CreateResponseStreamingAsync</c>
/// overload that OpenAI 2.15 (pinned in this repository) no longer has (MissingMethodException).
/// </remarks>
public sealed class ChatClientFanOutRunner : IFanOutRunner
{
    private readonly TimedChatClient _timed;
    private readonly FunctionInvokingChatClient _client;
    private readonly ChatOptions _options;
    private readonly int _expectedCalls;
    private readonly Func<ValueTask> _disposeInner;
    private readonly List<FanOutRun> _runs = [];

    public ChatClientFanOutRunner(IChatClient inner, bool concurrent, IReadOnlyList<ToolSimulation> tools, int expectedCalls, Func<ValueTask>? disposeInner = null)
    {
        _timed = new TimedChatClient(inner);
        _client = new FunctionInvokingChatClient(_timed) { AllowConcurrentInvocation = concurrent };
        _options = new ChatOptions
        {
            ModelId = FanOutScenario.Model,
            Tools = tools.Select(t => (AITool)new SimulatedFunction(t)).ToList(),
        };
        _expectedCalls = expectedCalls;
        _disposeInner = disposeInner ?? (() => ValueTask.CompletedTask);
    }

    public IReadOnlyList<FanOutRun> Runs => _runs;

    public async Task<int> RunAsync()
    {
        _timed.StartRun();
        var started = Stopwatch.GetTimestamp();
        var response = await _client.GetResponseAsync([new ChatMessage(ChatRole.User, FanOutScenario.UserInput)], _options).ConfigureAwait(false);
        var wall = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var results = response.Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Count();
        var answer = response.Text;
        if (!answer.Contains(FanOutScenario.FinalAnswerStart, StringComparison.Ordinal) || results != _expectedCalls)
        {
            throw new InvalidOperationException($"The run ended after {results} tool results with: {answer}");
        }

        _runs.Add(new FanOutRun(wall, _timed.Calls));
        return results;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _disposeInner().ConfigureAwait(false);
    }
}
