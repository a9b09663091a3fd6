using System.Globalization;
using System.Text.RegularExpressions;
using Tandem.Responses.Protocol;
using Tandem.Server.Operations;

namespace Tandem.Server.Backends;

/// <summary>Reads the structure of a conversation: where the model's turns are, what the tools returned.</summary>
internal static partial class ConversationShape
{
    /// <summary>
    /// The model turns <paramref name="context"/> holds only in compacted form: those a compaction item
    /// stands for, or those a client-side summary (<see cref="SummaryMarker"/>) says it covers. A model
    /// reads a summary and knows where it was; the scripted model reads this count.
    /// </summary>
    public static int CompactedModelTurns(IReadOnlyList<ResponseItem> context)
    {
        for (var i = context.Count - 1; i >= 0; i--)
        {
            switch (context[i])
            {
                case CompactionItem c when CompactionCodec.TryDecode(c.EncryptedContent, out var state):
                    return state.ModelTurns;
                case MessageItem { Role: not "assistant" } m when SummaryMarkerPattern().Match(m.GetText()) is { Success: true } match:
                    return int.Parse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    /// <summary>The note a scripted summary carries so a restarted conversation continues where it was.</summary>
    public static string SummaryMarker(int modelTurns) => string.Create(CultureInfo.InvariantCulture, $"[tandem-model-turns: {modelTurns}]");

    /// <summary>
    /// The number of model turns already in <paramref name="context"/>: maximal runs of items only a
    /// model produces (reasoning, function calls, assistant messages). Works alike for chained and
    /// stateless (full history) requests.
    /// </summary>
    public static int CountModelTurns(IReadOnlyList<ResponseItem> context) => ModelTurnRanges(context).Count;

    public static List<(int Start, int End)> ModelTurnRanges(IReadOnlyList<ResponseItem> context)
    {
        var ranges = new List<(int, int)>();
        var start = -1;
        for (var i = 0; i < context.Count; i++)
        {
            if (IsModelItem(context[i]))
            {
                if (start < 0)
                {
                    start = i;
                }
            }
            else if (start >= 0)
            {
                ranges.Add((start, i));
                start = -1;
            }
        }

        if (start >= 0)
        {
            ranges.Add((start, context.Count));
        }

        return ranges;
    }

    public static bool IsModelItem(ResponseItem item) => item switch
    {
        ReasoningItem or FunctionCallItem => true,
        MessageItem m => m.Role == "assistant",
        _ => false,
    };

    /// <summary>The output of the function call <paramref name="callId"/>, if the context holds one.</summary>
    public static FunctionCallOutputItem? FindOutput(IReadOnlyList<ResponseItem> context, string callId)
    {
        for (var i = context.Count - 1; i >= 0; i--)
        {
            if (context[i] is FunctionCallOutputItem o && o.CallId == callId)
            {
                return o;
            }
        }

        return null;
    }

    /// <summary>The latest tool output or user text, for answers that quote it.</summary>
    public static (string Kind, string Text)? Latest(IReadOnlyList<ResponseItem> items)
    {
        for (var i = items.Count - 1; i >= 0; i--)
        {
            switch (items[i])
            {
                case FunctionCallOutputItem o:
                    return ("tool", Unfenced(o.Output.GetText()));
                case MessageItem { Role: "user" } m:
                    return ("user", m.GetText());
            }
        }

        return null;
    }

    /// <summary>
    /// The data inside a spotlighting fence (<c>&lt;&lt;untrusted:MARKER source="…"&gt;&gt;</c> … <c>&lt;&lt;/untrusted:MARKER&gt;&gt;</c>,
    /// as Tandem's runtime fences tool outputs), as a model reads it; other text as it is.
    /// </summary>
    public static string Unfenced(string text) =>
        FencePattern().Match(text) is { Success: true } m ? m.Groups["data"].Value : text;

    [GeneratedRegex("""\A<<untrusted:(?<marker>[0-9a-f]{16,64}) source="[^"\n]*">>\n(?<data>.*?)\n?<</untrusted:\k<marker>>>\z""", RegexOptions.Singleline)]
    private static partial Regex FencePattern();

    [GeneratedRegex(@"\[tandem-model-turns: (\d{1,6})\]")]
    private static partial Regex SummaryMarkerPattern();
}
