using Tandem.Responses.Protocol;
using Tandem.Server.Sessions;

namespace Tandem.Server.Backends;

/// <summary>
/// The deterministic answer to any request that names no scenario, so any client works against the
/// server: with function tools offered and no tool output in the input, it calls the first function
/// tool once with schema-valid arguments; otherwise it answers with text quoting the latest tool
/// output or user text.
/// </summary>
internal sealed class DefaultBackend : IModelBackend
{
    private const int QuoteLimit = 200;

    public bool CanServe(ModelRequest request) => true;

    public ValueTask<ModelTurn> GenerateAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        var firstFunction = request.Request.Tools?.FirstOrDefault(t => t.IsFunction && !string.IsNullOrEmpty(t.Name));
        var toolChoiceNone = request.Request.ToolChoice is { ValueKind: System.Text.Json.JsonValueKind.String } tc && tc.GetString() == "none";
        var hasToolOutput = request.NewInput.Any(i => i is FunctionCallOutputItem);
        if (firstFunction is not null && !hasToolOutput && !toolChoiceNone)
        {
            var arguments = SchemaArgumentGenerator.Generate(firstFunction.Parameters);
            return ValueTask.FromResult(new ModelTurn
            {
                Output =
                [
                    new FunctionCallItem
                    {
                        Id = IdGenerator.FunctionCall(),
                        Status = "completed",
                        CallId = IdGenerator.CallId(),
                        Name = firstFunction.Name!,
                        Arguments = arguments,
                    },
                ],
            });
        }

        var text = ConversationShape.Latest(request.Context) switch
        {
            ("tool", var t) => $"The tool returned: \"{Quote(t)}\"",
            (_, var t) => $"You said: \"{Quote(t)}\"",
            null => "Hello from Tandem.",
        };
        return ValueTask.FromResult(new ModelTurn { Output = [MessageItem.AssistantText(IdGenerator.Message(), text)] });
    }

    private static string Quote(string text) => text.Length <= QuoteLimit ? text : text[..QuoteLimit] + "…";
}
