using Tandem.Server.Operations;
using Tandem.Voice.Realtime.Protocol;

namespace Tandem.Server.Realtime;

/// <summary>
/// A response's <c>usage</c>, plausible rather than billed: text in o200k tokens (the server's
/// <see cref="TokenCounter"/>, 4 tokens of framing per item), user audio at 1 token per 100 ms and
/// reply audio at 1 token per 50 ms (OpenAI's published audio rates), nothing cached, no images.
/// </summary>
internal static class RealtimeUsageMeter
{
    private const int PerItemOverhead = 4;

    public static RealtimeUsage Measure(ResponseRun run)
    {
        var inputText = TokenCounter.Count(run.Instructions);
        foreach (var tool in run.Tools)
        {
            inputText += PerItemOverhead + TokenCounter.Count(tool.Name) + TokenCounter.Count(tool.Description)
                + (tool.Parameters is { } p ? TokenCounter.Count(p.GetRawText()) : 0);
        }

        var inputAudio = 0;
        foreach (var entry in run.Context)
        {
            inputText += PerItemOverhead + TextTokens(entry.Item);
            if (entry.Item is RealtimeMessageItem { Role: "user" } && entry.Audio is { } audio)
            {
                inputAudio += (int)Math.Ceiling(audio.Length / (RealtimeSessionSettings.PcmRate / 10.0));
            }
        }

        var outputText = TokenCounter.Count(run.OutputText);
        var outputAudio = (int)Math.Ceiling(run.OutputAudioMs / 50.0);
        return new RealtimeUsage
        {
            TotalTokens = inputText + inputAudio + outputText + outputAudio,
            InputTokens = inputText + inputAudio,
            OutputTokens = outputText + outputAudio,
            InputTokenDetails = new RealtimeTokenDetails
            {
                TextTokens = inputText,
                AudioTokens = inputAudio,
                ImageTokens = 0,
                CachedTokens = 0,
                CachedTokensDetails = new RealtimeTokenDetails { TextTokens = 0, AudioTokens = 0, ImageTokens = 0 },
            },
            OutputTokenDetails = new RealtimeTokenDetails { TextTokens = outputText, AudioTokens = outputAudio },
        };
    }

    private static int TextTokens(RealtimeConversationItem item) => item switch
    {
        RealtimeMessageItem m => m.Content?.Sum(p => TokenCounter.Count(p.Text) + TokenCounter.Count(p.Transcript)) ?? 0,
        RealtimeFunctionCallItem f => TokenCounter.Count(f.Name) + TokenCounter.Count(f.Arguments),
        RealtimeFunctionCallOutputItem o => TokenCounter.Count(o.Output),
        _ => 0,
    };
}
