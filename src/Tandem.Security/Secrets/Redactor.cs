using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tandem.Security.Secrets;

/// <summary>
/// Replaces every known secret value, and text shaped like a credential, with <c>[REDACTED:name]</c>.
/// Used by the logger wrapper, the activity exporter hook and the audit writer (S9).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Known values (from the <see cref="SecretStore"/>, plus their JSON-escaped forms, which is how
/// they appear inside serialized requests) are found in one pass by a single
/// <see cref="SearchValues{T}"/> multi-string search (vectorized Teddy / Aho-Corasick in the
/// runtime). It is rebuilt only when the store learns a new value.</item>
/// <item>Credential shapes (<c>sk-…</c> keys, Bearer and Basic authorization, GitHub, AWS, Slack
/// tokens, JWTs, PEM private keys, key-like URL parameters) are one source-generated regex.</item>
/// <item>Overlapping matches are merged, so no fragment of a secret survives next to a marker.</item>
/// <item>Values shorter than <see cref="MinimumValueLength"/> are not searched for: they cannot be
/// credentials, and hiding every "1" or "true" would make all output unreadable.</item>
/// <item>Text without anything to hide is returned as the same instance, without allocating.</item>
/// </list>
/// </remarks>
public sealed partial class Redactor
{
    /// <summary>Known values shorter than this are not redacted by value.</summary>
    public const int MinimumValueLength = 4;

    private static readonly string[] ShapeNames = ["openai_key", "bearer_token", "basic_auth", "github_token", "aws_access_key", "slack_token", "jwt", "private_key", "url_credential"];
    private static readonly int[] ShapeGroups = [.. ShapeNames.Select(n => KeyShapes().GroupNumberFromName(n))];

    private readonly SecretStore? _store;
    private Compiled _compiled = Compiled.Empty;

    /// <summary>A redactor for the values of <paramref name="store"/> and the common credential shapes.</summary>
    public Redactor(SecretStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    private Redactor()
    {
    }

    /// <summary>A redactor that knows no values, only credential shapes (for code that has no store).</summary>
    public static Redactor ShapesOnly { get; } = new();

    /// <summary><paramref name="text"/> with every secret replaced; the same instance when there is none.</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        List<Hit>? hits = null;
        var compiled = Current();
        if (compiled.Search is { } search)
        {
            var span = text.AsSpan();
            var from = 0;
            while (from < span.Length)
            {
                var at = span[from..].IndexOfAny(search);
                if (at < 0)
                {
                    break;
                }

                at += from;
                foreach (var (value, name) in compiled.ByFirstChar[text[at]])
                {
                    // Longest first, so a value that extends another wins.
                    if (span[at..].StartsWith(value, StringComparison.Ordinal))
                    {
                        (hits ??= []).Add(new Hit(at, value.Length, name, Priority: 0));
                        break;
                    }
                }

                // From the next character, not the end of the match: a value may start inside another.
                from = at + 1;
            }
        }

        if (KeyShapes().IsMatch(text))
        {
            for (var match = KeyShapes().Match(text); match.Success; match = match.NextMatch())
            {
                // A shape must start a word ("task-..." is no sk- key): checked here rather than with
                // \b in the pattern, which would hide the literal prefixes from the regex optimizer.
                if (match.Index > 0 && char.IsAsciiLetterOrDigit(text[match.Index - 1]) && text[match.Index] is not ('?' or '&' or '-'))
                {
                    continue;
                }

                var (group, name) = Shape(match);
                (hits ??= []).Add(new Hit(group.Index, group.Length, name, Priority: 1));
            }
        }

        return hits is null ? text : Apply(text, hits);
    }

    private static (Group Group, string Name) Shape(Match match)
    {
        for (var i = 0; i < ShapeGroups.Length; i++)
        {
            var group = match.Groups[ShapeGroups[i]];
            if (group.Success)
            {
                return (group, ShapeNames[i]);
            }
        }

        return (match, "secret");
    }

    private static string Apply(string text, List<Hit> hits)
    {
        // Earliest first; at the same start the longer (and a known value before a shape) first.
        hits.Sort(static (a, b) =>
            a.Start != b.Start ? a.Start.CompareTo(b.Start)
            : a.Length != b.Length ? b.Length.CompareTo(a.Length)
            : a.Priority.CompareTo(b.Priority));
        var result = new StringBuilder(text.Length);
        var position = 0;
        var i = 0;
        while (i < hits.Count)
        {
            var start = hits[i].Start;
            var end = start + hits[i].Length;
            var name = hits[i].Name;
            for (i++; i < hits.Count && hits[i].Start <= end; i++)
            {
                end = Math.Max(end, hits[i].Start + hits[i].Length);
            }

            result.Append(text, position, start - position).Append("[REDACTED:").Append(name).Append(']');
            position = end;
        }

        return result.Append(text, position, text.Length - position).ToString();
    }

    private Compiled Current()
    {
        if (_store is null)
        {
            return Compiled.Empty;
        }

        var compiled = Volatile.Read(ref _compiled);
        var version = _store.Version;
        if (compiled.Version == version)
        {
            return compiled;
        }

        compiled = Compiled.Build(version, _store.Snapshot());
        Volatile.Write(ref _compiled, compiled);
        return compiled;
    }

    // Every alternative starts with a literal (sk-, bearer, authorization, gh, AKIA, xox, eyJ,
    // -----BEGIN, ? or &), so the regex engine scans for those prefixes with a vectorized search
    // instead of trying a match at every position; the secret itself is the named group, the prefix
    // around it stays readable. The patterns are linear (no nested quantifiers over the same
    // characters), so no timeout is needed: a log call must never throw RegexMatchTimeoutException.
    [GeneratedRegex("""
        (?<openai_key>sk-[A-Za-z0-9_-]{20,})
        |(?i:bearer)[ \t]+(?<bearer_token>[A-Za-z0-9._~+/_-]{16,}=*)
        |(?i:authorization)["']?[ \t]*[:=][ \t]*["']?(?i:basic)[ \t]+(?<basic_auth>[A-Za-z0-9+/]{8,}=*)
        |(?<github_token>gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})
        |(?<aws_access_key>(?:AKIA|ASIA)[0-9A-Z]{16})
        |(?<slack_token>xox[abprs]-[A-Za-z0-9-]{10,})
        |(?<jwt>eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})
        |(?<private_key>-----BEGIN[ A-Z]{0,40}PRIVATE[ ]KEY-----[A-Za-z0-9+/=\s:,]*(?:-----END[ A-Z]{0,40}PRIVATE[ ]KEY-----)?)
        |[?&](?i:api[_-]?key|access[_-]?token|token|secret|password|sig)=(?<url_credential>[^&\s"'#<>]{8,})
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant)]
    private static partial Regex KeyShapes();

    private readonly record struct Hit(int Start, int Length, string Name, int Priority);

    private sealed class Compiled
    {
        public static readonly Compiled Empty = new(-1, null, new Dictionary<char, (string, string)[]>());

        private Compiled(int version, SearchValues<string>? search, Dictionary<char, (string Value, string Name)[]> byFirstChar)
        {
            Version = version;
            Search = search;
            ByFirstChar = byFirstChar;
        }

        public int Version { get; }

        public SearchValues<string>? Search { get; }

        public Dictionary<char, (string Value, string Name)[]> ByFirstChar { get; }

        public static Compiled Build(int version, KeyValuePair<string, string>[] secrets)
        {
            var byValue = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, value) in secrets)
            {
                if (value.Length < MinimumValueLength)
                {
                    continue;
                }

                byValue.TryAdd(value, name);

                // How the value reads inside JSON (a request body, a tool argument) if it has
                // characters that JSON escapes: both the strict and the relaxed escaping.
                byValue.TryAdd(JsonEncodedText.Encode(value).Value, name);
                byValue.TryAdd(JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value, name);
            }

            if (byValue.Count == 0)
            {
                return new Compiled(version, null, []);
            }

            var byFirstChar = byValue
                .GroupBy(p => p.Key[0])
                .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Key.Length).Select(p => (p.Key, p.Value)).ToArray());
            return new Compiled(version, SearchValues.Create([.. byValue.Keys], StringComparison.Ordinal), byFirstChar);
        }
    }
}
