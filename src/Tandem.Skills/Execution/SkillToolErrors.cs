using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Tandem.Skills.Execution;

/// <summary>
/// The errors a skill script tool returns when the script itself did not report one. They have the shape the
/// script convention uses, <c>{"error": {"code", "message"}}</c>, so the model reads every failure the same way,
/// and they say what happened (timed out, killed, exit status) but never carry the script's output or stderr:
/// output that breaks the contract is not forwarded (checklist S4), and stderr is for the log.
/// </summary>
public static class SkillToolErrors
{
    /// <summary>Exit 0, but the output is not one JSON object matching the output schema.</summary>
    public const string InvalidOutputCode = "tool_output_invalid";

    public const string InvalidOutputMessage = "The tool returned output that does not match its contract.";

    /// <summary>Still running at the sandbox's wall-time limit: killed.</summary>
    public const string TimedOutCode = "tool_timed_out";

    /// <summary>Wrote more than the sandbox's output limit: killed, the output cut.</summary>
    public const string OutputLimitCode = "tool_output_too_large";

    /// <summary>Ended by a signal (a CPU or memory limit, or a crash).</summary>
    public const string KilledCode = "tool_killed";

    /// <summary>Exited with a status other than 0 and 1, or with 1 and no well-formed error object.</summary>
    public const string CrashedCode = "tool_crashed";

    /// <summary>Could not be started (the sandbox refused it, the interpreter is missing), or its script changed since loading.</summary>
    public const string UnavailableCode = "tool_unavailable";

    /// <summary>Longest tool error message forwarded; a script's message is cut there.</summary>
    internal const int MaxMessageLength = 2000;

    /// <summary><c>{"error": {"code": CODE, "message": MESSAGE}}</c>, the message cut at <see cref="MaxMessageLength"/>.</summary>
    internal static string Json(string code, string? message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("code", code);
            if (message is not null)
            {
                writer.WriteString("message", message.Length <= MaxMessageLength ? message : message[..MaxMessageLength] + "…");
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
