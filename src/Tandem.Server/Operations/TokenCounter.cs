using Microsoft.ML.Tokenizers;
using Tandem.Responses.Protocol;

namespace Tandem.Server.Operations;

/// <summary>Counts tokens with the o200k_base encoding (the GPT-4o / GPT-5 family's).</summary>
internal static class TokenCounter
{
    // Per-item framing tokens, as the chat format adds role/separator tokens around each message.
    private const int PerItemOverhead = 4;
    private static readonly Lazy<Tokenizer> Encoding = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    public static Tokenizer Tokenizer => Encoding.Value;

    public static int Count(string? text) => string.IsNullOrEmpty(text) ? 0 : Tokenizer.CountTokens(text);

    public static int Count(ResponseItem item) => PerItemOverhead + item switch
    {
        MessageItem m => Count(m.GetText()),
        FunctionCallItem f => Count(f.Name) + Count(f.Arguments),
        FunctionCallOutputItem o => Count(o.Output.GetText()),
        ReasoningItem r => Count(r.EncryptedContent) / 4 + r.Summary.Sum(s => Count(s.Text)),
        CompactionItem c => CompactionCodec.TryDecode(c.EncryptedContent, out var state) ? state.Tokens : Count(c.EncryptedContent) / 4,
        UnknownResponseItem u => Count(u.Raw.GetRawText()) / 2,
        _ => 0,
    };

    public static int Count(IEnumerable<ResponseItem> items) => items.Sum(Count);

    public static int Count(ResponseTool tool) =>
        PerItemOverhead + Count(tool.Name) + Count(tool.Description) + (tool.Parameters is { } p ? Count(p.GetRawText()) : 0);

    /// <summary>Splits <paramref name="text"/> into token-sized pieces, the way a model streams it.</summary>
    public static List<string> SplitIntoTokens(string text)
    {
        var pieces = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return pieces;
        }

        var tokens = Tokenizer.EncodeToTokens(text, out _);
        var last = 0;
        foreach (var token in tokens)
        {
            var (offset, length) = token.Offset.GetOffsetAndLength(text.Length);
            var end = offset + length;
            if (end <= last)
            {
                continue;
            }

            pieces.Add(text[last..end]);
            last = end;
        }

        if (last < text.Length)
        {
            pieces.Add(text[last..]);
        }

        return pieces;
    }
}
