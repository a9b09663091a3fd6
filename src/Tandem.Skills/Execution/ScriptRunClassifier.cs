using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tandem.Security.Sandbox;
using Tandem.Skills.Contracts;

namespace Tandem.Skills.Execution;

/// <summary>
/// Reads a finished sandbox run by the script convention (docs/skills.md): exit 0 and one JSON object matching the
/// output schema is a result; exit 1 and <c>{"error": {"code", "message"}}</c> is the tool's own error; anything else
/// is a failure, described by what happened and never by what the script printed.
/// </summary>
internal static partial class ScriptRunClassifier
{
    public static ScriptRun Classify(SandboxResult result, SkillContract contract)
    {
        // How it ended comes first: a killed or cut-off run's stdout is incomplete whatever it looks like.
        if (result.KillReason == SandboxKillReason.WallTimeLimit)
        {
            var seconds = result.Duration.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
            return Failed(result, SkillToolErrors.TimedOutCode, $"The tool timed out: it was still running after {seconds} s and was stopped.");
        }

        if (result.KillReason == SandboxKillReason.OutputLimit || result.StandardOutputTruncated || result.StandardErrorTruncated)
        {
            return Failed(result, SkillToolErrors.OutputLimitCode, "The tool wrote more output than the sandbox allows and was stopped.");
        }

        if (result.Signal is { } signal)
        {
            return Failed(result, SkillToolErrors.KilledCode, string.Create(
                CultureInfo.InvariantCulture, $"The tool was killed by signal {signal} (a CPU or memory limit, or a crash)."));
        }

        switch (result.ExitCode)
        {
            case 0:
                if (!TryParseObject(result.StandardOutput, out var output, out var parseError))
                {
                    return new ScriptRun
                    {
                        Kind = ScriptRunKind.InvalidOutput,
                        ParseError = parseError,
                        FailureCode = SkillToolErrors.InvalidOutputCode,
                        FailureMessage = SkillToolErrors.InvalidOutputMessage,
                        Sandbox = result,
                    };
                }

                var violations = contract.ValidateOutput(output);
                return violations.Count == 0
                    ? new ScriptRun { Kind = ScriptRunKind.Output, Output = output, Sandbox = result }
                    : new ScriptRun
                    {
                        Kind = ScriptRunKind.InvalidOutput,
                        Violations = violations,
                        FailureCode = SkillToolErrors.InvalidOutputCode,
                        FailureMessage = SkillToolErrors.InvalidOutputMessage,
                        Sandbox = result,
                    };
            case 1 when ReadError(result.StandardOutput) is { } error:
                return new ScriptRun { Kind = ScriptRunKind.Error, Error = error, Sandbox = result };
            case 1:
                return Failed(result, SkillToolErrors.CrashedCode, "The tool failed (exit code 1) without a well-formed error object.");
            default:
                return Failed(result, SkillToolErrors.CrashedCode, string.Create(CultureInfo.InvariantCulture, $"The tool failed with exit code {result.ExitCode}."));
        }
    }

    public static ScriptRun NotRun(string message) =>
        new() { Kind = ScriptRunKind.Failed, FailureCode = SkillToolErrors.UnavailableCode, FailureMessage = message };

    private static ScriptRun Failed(SandboxResult result, string code, string message) =>
        new() { Kind = ScriptRunKind.Failed, FailureCode = code, FailureMessage = message, Sandbox = result };

    /// <summary>Exactly one JSON object (whitespace around it allowed): a second value or trailing text is a parse error.</summary>
    private static bool TryParseObject(string text, out JsonElement value, out string? error)
    {
        value = default;
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = $"stdout holds a JSON {doc.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object";
                return false;
            }

            value = doc.RootElement.Clone();
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            error = text.Length == 0 ? "stdout is empty" : "stdout is not one JSON object: " + ex.Message;
            return false;
        }
    }

    /// <summary>The error of <c>{"error": {"code": "...", "message": "..."}}</c>, or null when stdout is not exactly that.</summary>
    private static ContractError? ReadError(string text)
    {
        if (!TryParseObject(text, out var root, out _)
            || !root.TryGetProperty("error", out var error)
            || error.ValueKind != JsonValueKind.Object
            || !error.TryGetProperty("code", out var code)
            || code.ValueKind != JsonValueKind.String
            || !ErrorCodePattern().IsMatch(code.GetString()!))
        {
            return null;
        }

        string? message = null;
        if (error.TryGetProperty("message", out var m))
        {
            if (m.ValueKind == JsonValueKind.String)
            {
                message = m.GetString();
            }
            else if (m.ValueKind != JsonValueKind.Null)
            {
                return null;
            }
        }

        // Only code and message are forwarded, whatever else the object holds.
        return new ContractError(code.GetString()!, message);
    }

    /// <summary>A stable machine code, as examples match on it; not free text (that is what the message is for).</summary>
    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,100}$")]
    private static partial Regex ErrorCodePattern();
}
