using Microsoft.Extensions.Logging;

namespace Tandem.Skills.Execution;

/// <summary>
/// Log messages of skill script tools. What the model is not shown goes here: which schema rule the output broke,
/// how the run ended, and a short excerpt of stderr (at Debug). The script's stdout is never logged: on a contract
/// violation it is exactly the untrusted text that was withheld.
/// </summary>
internal static partial class SkillToolLog
{
    [LoggerMessage(EventId = 710, Level = LogLevel.Warning, Message = "skill tool '{Tool}' ({Skill}): output does not match {SchemaFile}: {Violations}")]
    public static partial void OutputInvalid(ILogger logger, string tool, string skill, string schemaFile, string violations);

    [LoggerMessage(EventId = 711, Level = LogLevel.Warning, Message = "skill tool '{Tool}' ({Skill}) failed: {Failure} ({Isolation}, {DurationMs} ms)")]
    public static partial void Failed(ILogger logger, string tool, string skill, string failure, string isolation, long durationMs);

    [LoggerMessage(EventId = 712, Level = LogLevel.Debug, Message = "skill tool '{Tool}' stderr ({Length} chars, last part): {Excerpt}")]
    public static partial void StandardError(ILogger logger, string tool, int length, string excerpt);

    [LoggerMessage(EventId = 713, Level = LogLevel.Error, Message = "skill tool '{Tool}' ({Skill}) not run: {Reason}")]
    public static partial void NotRun(ILogger logger, string tool, string skill, string reason);

    [LoggerMessage(EventId = 714, Level = LogLevel.Debug, Message = "skill tool '{Tool}' ({Skill}) ran: {Kind}, exit {ExitCode} ({Isolation}, {DurationMs} ms)")]
    public static partial void Ran(ILogger logger, string tool, string skill, string kind, int exitCode, string isolation, long durationMs);
}
