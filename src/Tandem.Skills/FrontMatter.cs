namespace Tandem.Skills;

/// <summary>
/// Splits <c>SKILL.md</c> into its YAML front matter and Markdown body. The front matter is the text
/// between a first line of <c>---</c> and the next line of <c>---</c>; line numbers are kept so YAML
/// errors point into the file, not into the extracted text.
/// </summary>
internal static class FrontMatter
{
    private const string Fence = "---";

    public static bool TrySplit(string text, out string yaml, out string body, out int bodyFirstLine, out string? error)
    {
        // A BOM and CRLF line ends are common in files written on Windows; neither changes the meaning.
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        yaml = string.Empty;
        body = string.Empty;
        bodyFirstLine = 0;
        if (lines[0].TrimEnd() != Fence)
        {
            error = "SKILL.md must start with a line of '---' that opens the YAML front matter.";
            return false;
        }

        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].TrimEnd() == Fence)
            {
                yaml = string.Join('\n', lines[1..i]);
                body = string.Join('\n', lines[(i + 1)..]);
                bodyFirstLine = i + 2;
                error = null;
                return true;
            }
        }

        error = "The YAML front matter is not closed: add a line of '---' after it.";
        return false;
    }
}
