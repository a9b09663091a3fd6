using System.Text;
using System.Text.Json;
using Json.Schema;

namespace Tandem.Agents.Tools;

/// <summary>
/// Checks a call's arguments against the tool's schema before it runs (security checklist S3): a call
/// that does not validate never reaches the tool; its errors go back to the model instead.
/// </summary>
internal sealed class ToolArgumentValidator
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List };
    private readonly JsonSchema _schema;

    public ToolArgumentValidator(JsonElement schema) => _schema = JsonSchema.FromText(schema.GetRawText());

    /// <summary>The parsed arguments, or the reason they are refused (named by JSON pointer).</summary>
    public bool TryValidate(string arguments, out JsonElement parsed, out string? error)
    {
        parsed = default;
        try
        {
            using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(arguments) ? "{}" : arguments);
            parsed = doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            error = $"The arguments are not valid JSON: {ex.Message}";
            return false;
        }

        var result = _schema.Evaluate(parsed, Options);
        if (result.IsValid)
        {
            error = null;
            return true;
        }

        var sb = new StringBuilder("The arguments do not match the tool's schema:");
        foreach (var detail in result.Details ?? [])
        {
            if (detail.Errors is null)
            {
                continue;
            }

            foreach (var (keyword, message) in detail.Errors)
            {
                var at = detail.InstanceLocation.ToString();
                sb.Append(' ').Append(at.Length == 0 ? "(root)" : at).Append(" (").Append(keyword).Append("): ").Append(message).Append(';');
            }
        }

        error = sb.ToString().TrimEnd(';');
        return false;
    }
}
