namespace Tandem.Security.Sandbox;

/// <summary>How a sandboxed run ended, what it wrote, and which isolation it ran under.</summary>
public sealed record SandboxResult
{
    /// <summary>Exit status; 128+N when it died of signal N (the convention of both .NET and bwrap).</summary>
    public required int ExitCode { get; init; }

    /// <summary>The signal that ended it, read from <see cref="ExitCode"/> by the 128+N convention (so a program that exits 137 itself reads as 9).</summary>
    public int? Signal => ExitCode is > 128 and < 128 + 65 ? ExitCode - 128 : null;

    /// <summary>Stdout as UTF-8, cut at the output limit and then ending with a truncation marker.</summary>
    public required string StandardOutput { get; init; }

    public required string StandardError { get; init; }

    public required bool StandardOutputTruncated { get; init; }

    public required bool StandardErrorTruncated { get; init; }

    public required SandboxKillReason KillReason { get; init; }

    public bool TimedOut => KillReason == SandboxKillReason.WallTimeLimit;

    public required TimeSpan Duration { get; init; }

    /// <summary>The mode that actually ran (never <see cref="IsolationMode.Auto"/>).</summary>
    public required IsolationMode Isolation { get; init; }

    /// <summary>The mode in words, with why the other one did not run.</summary>
    public required string IsolationDescription { get; init; }

    /// <summary>Host process id of the started process (bwrap itself in the bubblewrap mode).</summary>
    public required int ProcessId { get; init; }

    /// <summary>Everything refused or not enforced for this run (secret-named variables dropped, limits missing, ...).</summary>
    public required IReadOnlyList<string> Diagnostics { get; init; }

    /// <summary>Exited 0 by itself, with nothing cut.</summary>
    public bool Succeeded => ExitCode == 0 && KillReason == SandboxKillReason.None && !StandardOutputTruncated && !StandardErrorTruncated;
}
