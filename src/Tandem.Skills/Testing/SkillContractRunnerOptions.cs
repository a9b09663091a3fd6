using Microsoft.Extensions.Logging;
using Tandem.Security.Sandbox;

namespace Tandem.Skills.Testing;

/// <summary>The sandbox every example runs in; each example gets a fresh workspace of its own.</summary>
public sealed class SkillContractRunnerOptions
{
    /// <summary><see cref="IsolationMode.Auto"/> (default): bubblewrap where it works, otherwise a plain subprocess (the report says which).</summary>
    public IsolationMode Isolation { get; init; } = IsolationMode.Auto;

    /// <summary>Limits of every run (wall time, CPU, memory, output).</summary>
    public SandboxLimits Limits { get; init; } = new();

    /// <summary>Gets the sandbox's and the tools' logs (contract violations, failures, stderr excerpts at Debug).</summary>
    public ILogger? Logger { get; init; }
}
