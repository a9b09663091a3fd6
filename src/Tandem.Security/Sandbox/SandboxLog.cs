using Microsoft.Extensions.Logging;

namespace Tandem.Security.Sandbox;

/// <summary>The sandbox's log lines. Names and reasons only: never a variable's value, never output.</summary>
internal static partial class SandboxLog
{
    [LoggerMessage(EventId = 800, Level = LogLevel.Information, Message = "sandbox isolation: {Isolation} ({Description})")]
    public static partial void IsolationChosen(ILogger logger, IsolationMode isolation, string description);

    [LoggerMessage(EventId = 801, Level = LogLevel.Warning, Message = "sandbox: {Diagnostic}")]
    public static partial void Refused(ILogger logger, string diagnostic);

    [LoggerMessage(EventId = 802, Level = LogLevel.Warning, Message = "sandboxed process {Pid} ({Executable}) killed: {Reason}; {Killed} process(es) killed in all")]
    public static partial void Killed(ILogger logger, int pid, string executable, string reason, int killed);

    [LoggerMessage(EventId = 803, Level = LogLevel.Warning, Message = "sandboxed process {Pid} ({Executable}) left {Killed} process(es) behind; killed")]
    public static partial void LeftoversKilled(ILogger logger, int pid, string executable, int killed);
}
