using System.Globalization;

namespace Tandem.Bench.Reports;

/// <summary>How the reports print numbers: invariant culture, units always shown, "—" for what is missing.</summary>
internal static class ReportFormat
{
    public const string Missing = "—";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Milliseconds with precision that follows the magnitude: 0.42 ms, 12.3 ms, 1,234 ms.</summary>
    public static string Ms(double? value) => value is { } v && double.IsFinite(v) ? Number(v) + " ms" : Missing;

    /// <summary>A signed difference in milliseconds: +12.3 ms, −0.40 ms.</summary>
    public static string SignedMs(double? value) => value is { } v && double.IsFinite(v) ? Sign(v) + Number(Math.Abs(v)) + " ms" : Missing;

    /// <summary>A signed percentage of <paramref name="of"/>: +3.2%.</summary>
    public static string SignedPercent(double? value, double? of)
    {
        if (value is not { } v || of is not { } o || !double.IsFinite(v) || !double.IsFinite(o) || o <= 0)
        {
            return Missing;
        }

        var percent = v / o * 100.0;
        return Sign(percent) + Math.Abs(percent).ToString(Math.Abs(percent) >= 100 ? "F0" : "F1", Invariant) + "%";
    }

    /// <summary>Bytes in binary units: 812 B, 12.3 KiB, 4.56 MiB.</summary>
    public static string Bytes(double? value)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            return Missing;
        }

        var abs = Math.Abs(v);
        return abs switch
        {
            < 1024 => v.ToString("F0", Invariant) + " B",
            < 1024 * 1024 => Number(v / 1024) + " KiB",
            < 1024L * 1024 * 1024 => Number(v / (1024 * 1024)) + " MiB",
            _ => Number(v / (1024.0 * 1024 * 1024)) + " GiB",
        };
    }

    /// <summary>A count (tokens, a median of counts): 12,345.</summary>
    public static string Count(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("N0", Invariant) : Missing;

    /// <summary>A ratio: 0.62×.</summary>
    public static string Ratio(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("F2", Invariant) + "×" : Missing;

    /// <summary>US dollars to three significant digits, at least to the cent: $0.00753, $0.0349, $1.25.</summary>
    public static string Usd(double? value)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            return Missing;
        }

        var abs = Math.Abs(v);
        var decimals = abs > 0 ? Math.Clamp(2 - (int)Math.Floor(Math.Log10(abs)), 2, 10) : 2;
        return (v < 0 ? "−$" : "$") + abs.ToString("F" + decimals.ToString(Invariant), Invariant);
    }

    /// <summary>A profile figure or setting, exactly as loaded (shortest round-trip form).</summary>
    public static string Plain(double value) => value.ToString("R", Invariant);

    public static string Number(double value)
    {
        var abs = Math.Abs(value);
        var format = abs >= 100 ? "N0" : abs >= 10 ? "F1" : "F2";
        return value.ToString(format, Invariant);
    }

    public static string Date(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", Invariant);

    public static string Duration(TimeSpan value) =>
        value.TotalHours >= 1
            ? ((int)value.TotalHours).ToString(Invariant) + " h " + value.Minutes.ToString(Invariant) + " min"
            : value.TotalMinutes >= 1
                ? ((int)value.TotalMinutes).ToString(Invariant) + " min " + value.Seconds.ToString(Invariant) + " s"
                : value.TotalSeconds.ToString("F1", Invariant) + " s";

    /// <summary>Text on one line: line breaks folded into spaces.</summary>
    public static string SingleLine(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty : text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');

    /// <summary>Text that is safe inside a Markdown table cell (on one line, pipes escaped; GFM unescapes them inside code spans too).</summary>
    public static string Cell(string? text) => SingleLine(text).Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>An inline code span that holds any text (the fence is longer than any run of backticks inside).</summary>
    public static string Code(string? text)
    {
        var value = SingleLine(text);
        var fence = new string('`', LongestRun(value, '`') + 1);
        var pad = value.StartsWith('`') || value.EndsWith('`') ? " " : string.Empty;
        return fence + pad + value + pad + fence;
    }

    /// <summary>A fenced code block that holds any text.</summary>
    public static string CodeBlock(string text)
    {
        var body = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
        var fence = new string('`', Math.Max(3, LongestRun(body, '`') + 1));
        return fence + "text\n" + body + "\n" + fence + "\n";
    }

    private static string Sign(double value) => value < 0 ? "−" : "+";

    private static int LongestRun(string text, char c)
    {
        int longest = 0, current = 0;
        foreach (var ch in text)
        {
            current = ch == c ? current + 1 : 0;
            longest = Math.Max(longest, current);
        }

        return longest;
    }
}
