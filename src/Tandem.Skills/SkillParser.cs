using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Tandem.Skills;

/// <summary>
/// Parses and checks a <c>SKILL.md</c> against the Agent Skills format (agentskills.io/specification):
/// YAML front matter between <c>---</c> lines, then Markdown. Strict mode is for
/// <c>tandem skills validate</c>: anything the format does not define is an error. Lenient mode is
/// for loading: unknown keys and non-portable values are warnings, so a skill written for another
/// client still loads; the rules that decide identity (name, description) and safety
/// (allowed-tools) are errors in both modes.
/// </summary>
public static class SkillParser
{
    public const string FileName = "SKILL.md";
    public const int MaxNameLength = 64;
    public const int MaxDescriptionLength = 1024;
    public const int MaxCompatibilityLength = 500;

    /// <summary>The format's advice for the body: under 500 lines and about 5000 tokens.</summary>
    public const int RecommendedMaxBodyLines = 500;

    public const int RecommendedMaxBodyTokens = 5000;

    private const string NameKey = "name";
    private const string DescriptionKey = "description";
    private const string LicenseKey = "license";
    private const string CompatibilityKey = "compatibility";
    private const string MetadataKey = "metadata";
    private const string AllowedToolsKey = "allowed-tools";

    /// <summary>The front-matter keys the format defines; anything else belongs under <c>metadata</c>.</summary>
    public static IReadOnlyList<string> KnownKeys { get; } = [NameKey, DescriptionKey, LicenseKey, CompatibilityKey, MetadataKey, AllowedToolsKey];

    /// <summary>Parses <paramref name="text"/>, the content of <paramref name="file"/> (the path diagnostics name).</summary>
    /// <param name="folderName">The name of the folder holding the file, which <c>name</c> must equal; <see langword="null"/> skips that rule.</param>
    /// <param name="strict">Strict (validate command) or lenient (loading) mode.</param>
    public static SkillParseResult Parse(string text, string file, string? folderName, bool strict)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        var diagnostics = new List<SkillDiagnostic>();
        var document = ParseCore(text, new FileDiagnostics(file, strict, diagnostics), folderName);
        return new SkillParseResult(diagnostics.Any(d => d.IsError) ? null : document, diagnostics);
    }

    /// <summary>Whether <paramref name="name"/> follows the naming rule: 1–64 of <c>a-z</c>, <c>0-9</c>, single inner hyphens.</summary>
    /// <remarks>
    /// The format names the allowed letters as <c>a-z</c>. Tandem keeps to ASCII: the name is a JSON enum
    /// value the model sends back and is compared with a folder name byte for byte (the process runs
    /// with invariant globalization, so there is no Unicode normalization to reconcile other scripts).
    /// </remarks>
    public static bool IsValidName(string? name) =>
        name is { Length: > 0 and <= MaxNameLength } && name.All(IsNameChar) && name[0] != '-' && name[^1] != '-' &&
        !name.Contains("--", StringComparison.Ordinal);

    private static bool IsNameChar(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-';

    private static SkillDocument? ParseCore(string text, FileDiagnostics sink, string? folderName)
    {
        if (!FrontMatter.TrySplit(text, out var yaml, out var body, out var bodyFirstLine, out var splitError))
        {
            sink.Error(SkillRules.FrontMatter, splitError!, 1, 1);
            return null;
        }

        var root = LoadYaml(yaml, sink);
        if (root is null)
        {
            return null;
        }

        string? name = null;
        string? description = null;
        string? license = null;
        string? compatibility = null;
        IReadOnlyDictionary<string, string>? metadata = null;
        IReadOnlyList<string>? allowedTools = null;
        YamlNode? nameNode = null;
        YamlNode? descriptionNode = null;
        foreach (var (keyNode, value) in root.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                sink.Error(SkillRules.Yaml, "Front-matter keys must be plain strings.", keyNode);
                continue;
            }

            switch (key)
            {
                case NameKey:
                    nameNode = value;
                    name = ReadString(value, key, sink, SkillRules.NameRequired);
                    break;
                case DescriptionKey:
                    descriptionNode = value;
                    description = ReadString(value, key, sink, SkillRules.DescriptionRequired);
                    break;
                case LicenseKey:
                    license = ReadOptionalString(value, key, sink, SkillRules.LicenseType);
                    break;
                case CompatibilityKey:
                    compatibility = ReadString(value, key, sink, SkillRules.CompatibilityLength);
                    if (compatibility is not null)
                    {
                        CheckCompatibility(compatibility, value, sink);
                    }

                    break;
                case MetadataKey:
                    metadata = ReadMetadata(value, sink);
                    break;
                case AllowedToolsKey:
                    allowedTools = ReadAllowedTools(value, sink);
                    break;
                default:
                    sink.Conformance(
                        SkillRules.UnknownKey,
                        $"Unknown front-matter key '{key}'. The Agent Skills format defines {string.Join(", ", KnownKeys)}; put other properties under 'metadata'.",
                        keyNode);
                    break;
            }
        }

        CheckName(name, nameNode, folderName, sink);
        CheckDescription(description, descriptionNode, sink);
        body = body.Trim();
        CheckBody(body, bodyFirstLine, sink);
        if (name is null || description is null)
        {
            return null;
        }

        return new SkillDocument
        {
            Name = name,
            Description = description.Trim(),
            License = license,
            Compatibility = compatibility,
            Metadata = metadata ?? new Dictionary<string, string>(StringComparer.Ordinal),
            AllowedTools = allowedTools,
            Body = body,
        };
    }

    private static YamlMappingNode? LoadYaml(string yaml, FileDiagnostics sink)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            // Marks count lines within the front matter, which starts on the file's second line.
            int? line = ex.Start.Line > 0 ? (int)ex.Start.Line + 1 : null;
            int? column = ex.Start.Line > 0 ? (int)ex.Start.Column : null;
            sink.Error(SkillRules.Yaml, "The front matter is not valid YAML: " + ex.Message, line, column);
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            sink.Error(SkillRules.Yaml, "The front matter is empty: 'name' and 'description' are required.", 1, 1);
            return null;
        }

        if (stream.Documents.Count > 1 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            sink.Error(SkillRules.Yaml, "The front matter must be one YAML mapping of keys to values.", stream.Documents[0].RootNode);
            return null;
        }

        return mapping;
    }

    /// <summary>A string field's text; null (with a diagnostic under <paramref name="missingRule"/>) when it is not a scalar or has no value.</summary>
    private static string? ReadString(YamlNode node, string key, FileDiagnostics sink, string missingRule)
    {
        if (node is not YamlScalarNode scalar)
        {
            sink.Error(missingRule, $"'{key}' must be a string, not a {Describe(node)}.", node);
            return null;
        }

        if (YamlScalars.IsNull(scalar))
        {
            sink.Error(missingRule, $"'{key}' has no value: give it a string.", node);
            return null;
        }

        if (YamlScalars.NonStringType(scalar) is { } type)
        {
            sink.Conformance(SkillRules.ValueType, $"'{key}' is read as a {type} by other YAML parsers; quote it so every client reads the same string.", node);
        }

        return scalar.Value ?? string.Empty;
    }

    /// <summary>An optional string whose shape matters to no rule of identity or safety: a bad one is ignored (an error only in strict mode).</summary>
    private static string? ReadOptionalString(YamlNode node, string key, FileDiagnostics sink, string rule)
    {
        if (node is not YamlScalarNode scalar || YamlScalars.IsNull(scalar))
        {
            sink.Conformance(rule, $"'{key}' must be a string; it is ignored.", node);
            return null;
        }

        return ReadString(node, key, sink, rule);
    }

    private static void CheckName(string? name, YamlNode? node, string? folderName, FileDiagnostics sink)
    {
        if (node is null)
        {
            sink.Error(SkillRules.NameRequired, "'name' is required.", 1, 1);
            return;
        }

        if (name is null)
        {
            return;
        }

        if (name.Length == 0)
        {
            sink.Error(SkillRules.NameRequired, "'name' must not be empty.", node);
            return;
        }

        if (name.Length > MaxNameLength)
        {
            sink.Error(SkillRules.NameLength, $"'name' is {name.Length} characters; the limit is {MaxNameLength}.", node);
        }

        if (!name.All(IsNameChar))
        {
            var reason = name.Any(char.IsUpper) ? "must be lowercase" : "may only contain a-z, 0-9 and hyphens";
            sink.Error(SkillRules.NameCharacters, $"'name' {reason}: '{name}'.", node);
        }

        if (name.StartsWith('-') || name.EndsWith('-'))
        {
            sink.Error(SkillRules.NameHyphens, $"'name' must not start or end with a hyphen: '{name}'.", node);
        }

        if (name.Contains("--", StringComparison.Ordinal))
        {
            sink.Error(SkillRules.NameHyphens, $"'name' must not contain consecutive hyphens: '{name}'.", node);
        }

        if (folderName is not null && !string.Equals(name, folderName, StringComparison.Ordinal))
        {
            sink.Error(SkillRules.NameFolder, $"'name' is '{name}' but the skill's folder is '{folderName}'; they must be equal.", node);
        }
    }

    private static void CheckDescription(string? description, YamlNode? node, FileDiagnostics sink)
    {
        if (node is null)
        {
            sink.Error(SkillRules.DescriptionRequired, "'description' is required: say what the skill does and when to use it.", 1, 1);
            return;
        }

        if (description is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(description))
        {
            sink.Error(SkillRules.DescriptionRequired, "'description' must not be empty: say what the skill does and when to use it.", node);
            return;
        }

        var length = CountCharacters(description);
        if (length > MaxDescriptionLength)
        {
            sink.Error(SkillRules.DescriptionLength, $"'description' is {length} characters; the limit is {MaxDescriptionLength}. Move detail into the body.", node);
        }
    }

    private static void CheckCompatibility(string compatibility, YamlNode node, FileDiagnostics sink)
    {
        var length = CountCharacters(compatibility);
        if (length is 0 or > MaxCompatibilityLength)
        {
            sink.Error(SkillRules.CompatibilityLength, $"'compatibility' must be 1–{MaxCompatibilityLength} characters when present (it is {length}); leave it out if the skill has no special requirements.", node);
        }
    }

    private static Dictionary<string, string>? ReadMetadata(YamlNode node, FileDiagnostics sink)
    {
        if (node is not YamlMappingNode mapping)
        {
            if (node is YamlScalarNode scalar && YamlScalars.IsNull(scalar))
            {
                return new Dictionary<string, string>(StringComparer.Ordinal);
            }

            sink.Conformance(SkillRules.MetadataType, $"'metadata' must be a map from strings to strings, not a {Describe(node)}; it is ignored.", node);
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                sink.Conformance(SkillRules.MetadataType, "'metadata' keys must be strings; the entry is ignored.", keyNode);
                continue;
            }

            if (valueNode is not YamlScalarNode value)
            {
                sink.Conformance(SkillRules.MetadataType, $"'metadata.{key}' must be a string, not a {Describe(valueNode)}; the entry is ignored.", valueNode);
                continue;
            }

            if (YamlScalars.NonStringType(value) is { } type)
            {
                sink.Conformance(SkillRules.ValueType, $"'metadata.{key}' is read as a {type} by other YAML parsers; quote it (metadata maps strings to strings).", valueNode);
            }

            result[key] = value.Value ?? string.Empty;
        }

        return result;
    }

    /// <remarks>
    /// Errors in both modes: <c>allowed-tools</c> narrows what a skill may use, so ignoring a malformed
    /// one would leave the skill with more tools than its author asked for.
    /// </remarks>
    private static List<string>? ReadAllowedTools(YamlNode node, FileDiagnostics sink)
    {
        var tools = new List<string>();
        switch (node)
        {
            case YamlScalarNode scalar when YamlScalars.IsNull(scalar):
                sink.Warning(SkillRules.AllowedToolsType, "'allowed-tools' is empty: while the skill is active no tool is allowed.", node);
                return tools;
            case YamlScalarNode scalar:
                tools.AddRange((scalar.Value ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                {
                    if (item is not YamlScalarNode { Value: { } entry } || string.IsNullOrWhiteSpace(entry))
                    {
                        sink.Error(SkillRules.AllowedToolsType, "Each 'allowed-tools' entry must be a non-empty string.", item);
                        return null;
                    }

                    tools.Add(entry.Trim());
                }

                break;
            default:
                sink.Error(SkillRules.AllowedToolsType, $"'allowed-tools' must be a space-delimited string or a list of strings, not a {Describe(node)}.", node);
                return null;
        }

        return tools.Distinct(StringComparer.Ordinal).ToList();
    }

    private static void CheckBody(string body, int firstLine, FileDiagnostics sink)
    {
        if (body.Length == 0)
        {
            sink.Warning(SkillRules.BodySize, "The body is empty: an activated skill gives the model no instructions.", firstLine, 1);
            return;
        }

        var lines = body.Count(c => c == '\n') + 1;
        if (lines > RecommendedMaxBodyLines)
        {
            sink.Warning(SkillRules.BodySize, $"The body is {lines} lines; keep SKILL.md under {RecommendedMaxBodyLines} and move detail into referenced files.", firstLine, 1);
        }

        // About four characters a token for English text: a warning threshold, not a tokenizer.
        var tokens = body.Length / 4;
        if (tokens > RecommendedMaxBodyTokens)
        {
            sink.Warning(SkillRules.BodySize, $"The body is about {tokens} tokens; the format recommends under {RecommendedMaxBodyTokens}.", firstLine, 1);
        }
    }

    /// <summary>Characters as the format counts them: Unicode scalar values, not UTF-16 code units.</summary>
    private static int CountCharacters(string s) => s.EnumerateRunes().Count();

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "mapping",
        YamlSequenceNode => "list",
        _ => "scalar",
    };

    // YAML marks count lines from 1 within the front matter, which starts on the file's second line.
    private static (int? Line, int? Column) At(YamlNode node) =>
        node.Start.Line > 0 ? ((int)node.Start.Line + 1, (int)node.Start.Column) : (null, null);

    private static void Error(this FileDiagnostics sink, string rule, string message, YamlNode node)
    {
        var (line, column) = At(node);
        sink.Error(rule, message, line, column);
    }

    private static void Warning(this FileDiagnostics sink, string rule, string message, YamlNode node)
    {
        var (line, column) = At(node);
        sink.Warning(rule, message, line, column);
    }

    private static void Conformance(this FileDiagnostics sink, string rule, string message, YamlNode node)
    {
        var (line, column) = At(node);
        sink.Conformance(rule, message, line, column);
    }
}
