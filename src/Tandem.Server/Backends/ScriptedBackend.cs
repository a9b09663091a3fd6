using System.Text;
using System.Text.Json;
using Tandem.Responses.Protocol;
using Tandem.Responses.Protocol.Json;
using Tandem.Server.Sessions;

namespace Tandem.Server.Backends;

/// <summary>
/// Plays a <see cref="Scenario"/>: the turn is chosen by how many model turns the context already
/// holds, and the tool outputs of the previous turn are checked against the scenario's expectations.
/// </summary>
internal sealed class ScriptedBackend(ScenarioCatalog catalog) : IModelBackend
{
    private const string LastOutputToken = "{{last_output}}";

    public bool CanServe(ModelRequest request) => request.ScenarioName is not null;

    public ValueTask<ModelTurn> GenerateAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        var name = request.ScenarioName!;
        if (!catalog.TryGet(name, out var scenario))
        {
            var param = request.Model.StartsWith("scenario/", StringComparison.Ordinal) ? "model" : "metadata";
            throw new ProtocolException(400, $"The requested model '{(param == "model" ? request.Model : "scenario/" + name)}' does not exist.", ErrorCodes.ModelNotFound, param);
        }

        // Turns a compaction (or a client's summary) stands for count as played: the run goes on from there.
        var turns = ConversationShape.ModelTurnRanges(request.Context);
        var index = ConversationShape.CompactedModelTurns(request.Context) + turns.Count;
        if (turns.Count > 0)
        {
            CheckExpectations(scenario, index - 1, request.Context, turns[^1]);
        }

        if (request.IsSummaryRequest)
        {
            return ValueTask.FromResult(new ModelTurn { Output = [MessageItem.AssistantText(IdGenerator.Message(), Summary(scenario, index, request.Context))] });
        }

        if (index >= scenario.Turns.Count)
        {
            return ValueTask.FromResult(new ModelTurn
            {
                Output = [MessageItem.AssistantText(IdGenerator.Message(), $"Scenario '{scenario.Name}' is complete.", "final_answer")],
            });
        }

        var lastOutput = ConversationShape.Latest(request.NewInput) is ("tool", var text) ? text : string.Empty;
        var output = new List<ResponseItem>();
        var reasoningTokens = 0;
        foreach (var o in scenario.Turns[index].Output)
        {
            switch (o.Type)
            {
                case "reasoning":
                    reasoningTokens += o.ReasoningTokens;
                    output.Add(new ReasoningItem
                    {
                        Id = IdGenerator.Reasoning(),
                        Summary = o.Summary is null ? [] : [new ContentPart { Type = "summary_text", Text = o.Summary }],
                        EncryptedContent = OpaqueReasoning(scenario.Name, index, o.Summary),
                    });
                    break;
                case "message":
                    output.Add(MessageItem.AssistantText(IdGenerator.Message(), o.Text!.Replace(LastOutputToken, lastOutput, StringComparison.Ordinal), o.Phase));
                    break;
                case "item":
                    output.Add(new UnknownResponseItem(o.Item!.Value.Clone()));
                    break;
                case "event":
                    output.Add(new RawEventItem(o.Event!.Value.Clone()));
                    break;
                case "function_call":
                    output.Add(new FunctionCallItem
                    {
                        Id = IdGenerator.FunctionCall(),
                        Status = "completed",
                        CallId = o.CallId ?? IdGenerator.CallId(),
                        Name = o.Name!,
                        // Compact, as models emit arguments, whatever the scenario file's layout.
                        Arguments = ProtocolJson.Serialize(o.Arguments!.Value),
                    });
                    break;
            }
        }

        return ValueTask.FromResult(new ModelTurn { Output = output, ReasoningTokens = reasoningTokens });
    }

    private static void CheckExpectations(Scenario scenario, int turnIndex, IReadOnlyList<ResponseItem> context, (int Start, int End) lastTurn)
    {
        if (turnIndex >= scenario.Turns.Count)
        {
            return;
        }

        var scripted = scenario.Turns[turnIndex].Output.Where(o => o.Type == "function_call").ToList();
        var calls = new List<FunctionCallItem>();
        for (var i = lastTurn.Start; i < lastTurn.End; i++)
        {
            if (context[i] is FunctionCallItem f)
            {
                calls.Add(f);
            }
        }

        for (var i = 0; i < scripted.Count && i < calls.Count; i++)
        {
            if (scripted[i].ExpectOutput is not { } expected)
            {
                continue;
            }

            var actual = ConversationShape.FindOutput(context, calls[i].CallId)?.Output.GetText() ?? string.Empty;
            if (!actual.Contains(expected, StringComparison.Ordinal))
            {
                throw ProtocolException.BadRequest(
                    $"Scenario '{scenario.Name}' turn {turnIndex}: the output of call {calls[i].CallId} ({calls[i].Name}) must contain \"{expected}\".",
                    "scenario_expectation_failed",
                    "input");
            }
        }
    }

    // What a model would write when asked to summarise; the marker carries the scenario's position.
    private static string Summary(Scenario scenario, int modelTurns, IReadOnlyList<ResponseItem> context)
    {
        var latest = ConversationShape.Latest(context) is ("tool", var text) ? $" The latest tool output was: \"{(text.Length <= 200 ? text : text[..200] + "…")}\"." : string.Empty;
        return $"Summary of the conversation so far: scenario '{scenario.Name}', {modelTurns} model turns played.{latest} {ConversationShape.SummaryMarker(modelTurns)}";
    }

    // Stands in for the service's encrypted reasoning: opaque, stable for a turn, and never decoded by clients.
    private static string OpaqueReasoning(string scenario, int turn, string? summary) =>
        "tdm_" + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{scenario}|{turn}|{summary}"));
}
