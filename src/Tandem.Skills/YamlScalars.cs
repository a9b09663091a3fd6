using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Tandem.Skills;

/// <summary>
/// What type other YAML parsers give a scalar. YamlDotNet's representation model keeps every scalar
/// as text, but the format is read by many tools: an unquoted <c>1.0</c> is a number to PyYAML and
/// js-yaml, <c>yes</c> a boolean, <c>~</c> null. A string field holding one of those is not portable,
/// so the parser flags it (YAML 1.2 core schema plus the YAML 1.1 booleans still in wide use).
/// </summary>
internal static partial class YamlScalars
{
    private const string StringTag = "tag:yaml.org,2002:str";

    public static bool IsNull(YamlScalarNode node) =>
        node.Style == ScalarStyle.Plain && node.Tag.IsEmpty && NullPattern().IsMatch(node.Value ?? string.Empty);

    /// <summary>The YAML type a plain scalar resolves to when it is not a string ("number", "boolean", "null"), else null.</summary>
    public static string? NonStringType(YamlScalarNode node)
    {
        if (!node.Tag.IsEmpty)
        {
            return node.Tag.Value is StringTag or "!" ? null : node.Tag.Value;
        }

        if (node.Style != ScalarStyle.Plain)
        {
            return null;
        }

        var value = node.Value ?? string.Empty;
        if (NullPattern().IsMatch(value))
        {
            return "null";
        }

        if (BooleanPattern().IsMatch(value))
        {
            return "boolean";
        }

        return NumberPattern().IsMatch(value) ? "number" : null;
    }

    [GeneratedRegex("^(~|null|Null|NULL|)$")]
    private static partial Regex NullPattern();

    [GeneratedRegex("^(true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$")]
    private static partial Regex BooleanPattern();

    [GeneratedRegex(@"^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex NumberPattern();
}
