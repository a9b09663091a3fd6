namespace Tandem.Security.Sandbox;

/// <summary>Runs commands under one <see cref="SandboxPolicy"/>. Thread-safe; runs are independent. Create with <see cref="Sandboxes.Create"/>.</summary>
public interface ISandbox
{
    /// <summary>The mode every run of this sandbox uses (never <see cref="IsolationMode.Auto"/>).</summary>
    IsolationMode Isolation { get; }

    /// <summary>Which mode, what it enforces, and why the other mode was not chosen.</summary>
    string Description { get; }

    SandboxPolicy Policy { get; }

    /// <summary>What the policy refused and what this mode cannot enforce; repeated in every result.</summary>
    IReadOnlyList<string> Diagnostics { get; }

    /// <summary>
    /// Runs the command to completion or to a limit. Paths are checked first: a refusal throws
    /// <see cref="SandboxRefusedException"/> without starting anything. Cancellation kills the whole process tree and then
    /// throws <see cref="OperationCanceledException"/>; a limit kills it and returns a result saying which.
    /// </summary>
    Task<SandboxResult> RunAsync(SandboxCommand command, CancellationToken cancellationToken);
}
