using Tandem.Responses.Protocol;

namespace Tandem.Server.Sessions;

/// <summary>Gives items the shape the API stores and returns: explicit types, content parts, ids, status.</summary>
internal static class ItemNormalizer
{
    public static List<ResponseItem> NormalizeInput(IReadOnlyList<ResponseItem> items)
    {
        var result = new List<ResponseItem>(items.Count);
        foreach (var item in items)
        {
            result.Add(item switch
            {
                MessageItem m => new MessageItem
                {
                    Id = m.Id ?? IdGenerator.Message(),
                    Status = m.Status ?? "completed",
                    Role = m.Role,
                    Phase = m.Phase,
                    Content = m.Content.Parts is { } parts ? m.Content : new MessageContent(
                        [m.Role == "assistant" ? ContentPart.OutputText(m.Content.Text ?? string.Empty) : ContentPart.InputText(m.Content.Text ?? string.Empty)]),
                    ExtensionData = m.ExtensionData,
                },
                FunctionCallOutputItem o when o.Id is null => new FunctionCallOutputItem
                {
                    Id = IdGenerator.FunctionCallOutput(),
                    CallId = o.CallId,
                    Output = o.Output,
                    Status = o.Status ?? "completed",
                    ExtensionData = o.ExtensionData,
                },
                _ => item,
            });
        }

        return result;
    }

    public static List<ResponseItem> NormalizeOutput(IReadOnlyList<ResponseItem> items)
    {
        var result = new List<ResponseItem>(items.Count);
        foreach (var item in items)
        {
            switch (item)
            {
                case MessageItem m:
                    m.Id ??= IdGenerator.Message();
                    m.Status ??= "completed";
                    break;
                case FunctionCallItem f:
                    f.Id ??= IdGenerator.FunctionCall();
                    f.Status ??= "completed";
                    break;
                case ReasoningItem r:
                    r.Id ??= IdGenerator.Reasoning();
                    break;
            }

            result.Add(item);
        }

        return result;
    }
}
