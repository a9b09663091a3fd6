using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tandem.Server.Operations;

/// <summary>
/// The local server's stand-in for the service's encrypted compaction: an opaque string that records
/// what a model would carry forward — how many model turns and items it replaces, and how many tokens
/// the compacted state costs to read — with a checksum, so a damaged or foreign item is refused the
/// way the service refuses encrypted content it cannot verify.
/// </summary>
internal static class CompactionCodec
{
    private const string Prefix = "tdmc1_";

    /// <summary>What a compaction stands for.</summary>
    public readonly record struct State(int ModelTurns, int Items, int Tokens);

    /// <summary>What reading a compacted context costs: a tenth of what it replaces, within fixed bounds.</summary>
    public static int SummaryTokens(int compactedTokens) => Math.Clamp(compactedTokens / 10, 256, 4096);

    public static string Encode(State state)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"1|{state.ModelTurns}|{state.Items}|{state.Tokens}");
        return Prefix + Convert.ToBase64String(Encoding.UTF8.GetBytes(body + "|" + Checksum(body)));
    }

    public static bool TryDecode(string? content, out State state)
    {
        state = default;
        if (content is null || !content.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Convert.FromBase64String(content[Prefix.Length..]));
        }
        catch (FormatException)
        {
            return false;
        }

        var parts = text.Split('|');
        if (parts.Length != 5 || parts[0] != "1" || Checksum(string.Join('|', parts[..4])) != parts[4])
        {
            return false;
        }

        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var turns)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var items)
            || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var tokens))
        {
            return false;
        }

        state = new State(turns, items, tokens);
        return true;
    }

    private static string Checksum(string body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)).AsSpan(0, 8));
}
