using System.Text.RegularExpressions;

namespace Tandem.Voice.Recognition;

/// <summary>The words a JSGF grammar uses, so only they need loading into a grammar decoder's dictionary.</summary>
internal static partial class JsgfGrammarWords
{
    public static IReadOnlySet<string> Extract(string jsgf)
    {
        ArgumentNullException.ThrowIfNull(jsgf);
        var body = Comments().Replace(jsgf, " ");
        body = Header().Replace(body, " ");
        body = NonWords().Replace(body, " ");
        var words = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var token in body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (token != "public")
            {
                words.Add(token);
            }
        }

        return words;
    }

    [GeneratedRegex(@"/\*.*?\*/|//[^\n]*", RegexOptions.Singleline)]
    private static partial Regex Comments();

    // "#JSGF V1.0 [encoding];", "grammar name;", "import <a.b.*>;"
    [GeneratedRegex(@"#JSGF[^;]*;|\b(grammar|import)\s[^;]*;")]
    private static partial Regex Header();

    // Rule names and references, tags, weights, and the operators.
    [GeneratedRegex(@"<[^>]*>|\{[^}]*\}|/[^/]*/|[=|()\[\]*+;]")]
    private static partial Regex NonWords();
}
