using Microsoft.Extensions.Logging;

namespace Tandem.Skills;

/// <summary>The assembly's log messages: each loaded skill is recorded with its bundle SHA-256 (checklist S7).</summary>
internal static partial class SkillsLog
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "skill '{Name}' loaded from {Directory}, bundle sha256 {Sha256}")]
    public static partial void Loaded(ILogger logger, string name, string directory, string sha256);

    [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "skill at {Directory} refused: {Reason}")]
    public static partial void Refused(ILogger logger, string directory, string reason);

    [LoggerMessage(EventId = 702, Level = LogLevel.Warning, Message = "trusted skills root {Root} is unusable: {Reason}")]
    public static partial void RootUnusable(ILogger logger, string root, string reason);
}
