using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Tandem.Security.Sandbox;
using Tandem.Skills.Contracts;
using Tandem.Skills.Execution;

namespace Tandem.Skills.Testing;

/// <summary>
/// <c>tandem skills test</c>: runs every contract example of every skill under a path, through the sandbox, exactly
/// as the runtime runs the tool (<see cref="SkillScriptTool"/>). Per example: a fresh workspace with the example's
/// files; the input must match the input schema; the run must end as the example says — the expected error code, or
/// an output that matches the output schema and equals the expected output; and for a tool with an idempotency key a
/// second run with the same input must give the same result and leave every byte of the workspace as it was.
/// </summary>
/// <remarks>
/// Skills are read as the runtime loads them (lenient; <c>tandem skills validate</c> is the strict check). An example
/// that is itself broken (its expected output does not match the output schema, say) fails with the loader's message,
/// which names the example file and the schema path, and the tool's other examples still run.
/// </remarks>
public sealed class SkillContractRunner
{
    private readonly SkillContractRunnerOptions _options;

    public SkillContractRunner(SkillContractRunnerOptions? options = null) => _options = options ?? new SkillContractRunnerOptions();

    /// <summary>Tests the skills in <paramref name="path"/>: a folder of skill folders, or one skill folder.</summary>
    /// <exception cref="PlatformNotSupportedException">No sandbox here (not Linux), or bubblewrap was required and does not work.</exception>
    public async Task<SkillContractReport> RunAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var validations = Directory.Exists(full)
            ? await SkillValidator.ValidateAllAsync(full, strict: false, cancellationToken).ConfigureAwait(false)
            : [];
        var results = new List<ContractExampleResult>();
        var isolation = new IsolationSeen();
        foreach (var validation in validations)
        {
            var rows = new List<ContractExampleResult>();
            await TestSkillAsync(validation, rows, isolation, cancellationToken).ConfigureAwait(false);
            results.AddRange(rows
                .OrderBy(r => r.Tool ?? string.Empty, StringComparer.Ordinal)
                .ThenBy(r => r.Example ?? string.Empty, StringComparer.Ordinal));
        }

        return new SkillContractReport(full, validations.Count, results, isolation.Mode, isolation.Description);
    }

    private async Task TestSkillAsync(SkillValidationResult validation, List<ContractExampleResult> rows, IsolationSeen isolation, CancellationToken cancellationToken)
    {
        var name = validation.FolderName;
        if (validation.Skill is not { } skill)
        {
            // SKILL.md (or the bundle) is invalid: the runtime would not load the skill, so none of its tools exist.
            var errors = validation.Diagnostics.Where(d => d.IsError).Select(d => Describe(d, validation.Directory));
            rows.Add(new ContractExampleResult
            {
                Skill = name,
                Outcome = ContractExampleOutcome.Failed,
                Message = "the skill does not load: " + string.Join("; ", errors),
            });
            return;
        }

        var set = await SkillContractLoader.LoadAsync(skill.Directory, strict: false, keepContractsWithInvalidExamples: true, cancellationToken).ConfigureAwait(false);

        // Errors outside the contract files themselves (a tool name another skill already uses).
        foreach (var d in validation.Diagnostics.Where(d => d.IsError).Except(set.Diagnostics))
        {
            rows.Add(new ContractExampleResult { Skill = name, Outcome = ContractExampleOutcome.Failed, Message = Describe(d, skill.Directory), File = Relative(d.File, skill.Directory) });
        }

        // Broken contract files, one row per file: an example that does not match its schemas names the schema path.
        foreach (var file in set.Diagnostics.Where(d => d.IsError).GroupBy(d => d.File))
        {
            var relative = Relative(file.Key, skill.Directory);
            var (tool, example) = Locate(relative);
            rows.Add(new ContractExampleResult
            {
                Skill = name,
                Tool = tool,
                Example = example,
                File = relative,
                Outcome = ContractExampleOutcome.Failed,
                Message = string.Join("; ", file.Select(d => Describe(d, skill.Directory))),
            });
        }

        foreach (var contract in set.Contracts)
        {
            if (contract.Script is null)
            {
                rows.Add(new ContractExampleResult
                {
                    Skill = name,
                    Tool = contract.ToolName,
                    Outcome = ContractExampleOutcome.Failed,
                    Message = $"the tool has no script: add scripts/{contract.ToolName}.py or scripts/{contract.ToolName}.sh",
                });
                continue;
            }

            if (contract.Examples.Count == 0 && !rows.Any(r => r.Tool == contract.ToolName))
            {
                rows.Add(new ContractExampleResult
                {
                    Skill = name,
                    Tool = contract.ToolName,
                    Outcome = ContractExampleOutcome.Skipped,
                    Message = $"no examples in contracts/examples/{contract.ToolName}/: nothing tests this tool",
                });
            }

            foreach (var example in contract.Examples)
            {
                rows.Add(await TestExampleAsync(skill, contract, example, isolation, cancellationToken).ConfigureAwait(false));
            }
        }
    }

    private async Task<ContractExampleResult> TestExampleAsync(Skill skill, SkillContract contract, ContractExample example, IsolationSeen isolation, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        string? failure;
        string? passed = null;
        try
        {
            (failure, passed) = await CheckExampleAsync(skill, contract, example, isolation, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            failure = $"{example.File}: the example could not be run: {ex.Message}";
        }

        return new ContractExampleResult
        {
            Skill = Path.GetFileName(Path.TrimEndingDirectorySeparator(skill.Directory)),
            Tool = contract.ToolName,
            Example = example.Name,
            File = example.File,
            Outcome = failure is null ? ContractExampleOutcome.Passed : ContractExampleOutcome.Failed,
            Message = failure ?? passed!,
            Duration = Stopwatch.GetElapsedTime(started),
        };
    }

    /// <returns>The failure (naming the example file), or null and what passed.</returns>
    private async Task<(string? Failure, string? Passed)> CheckExampleAsync(
        Skill skill, SkillContract contract, ContractExample example, IsolationSeen isolation, CancellationToken cancellationToken)
    {
        // Checked at load too; checked again because this is the contract test the checklist names (S3).
        if (contract.ValidateInput(example.Input) is [var bad, ..] inputViolations)
        {
            return ($"{example.File}: the input does not match {contract.InputSchemaFile} at {bad}{More(inputViolations.Count)}", null);
        }

        using var workspace = ExampleWorkspace.Create(example.Workspace);
        var sandbox = Sandboxes.Create(new SandboxOptions
        {
            WorkspaceRoot = workspace.Path,
            ReadOnlyPaths = SkillToolset.ReadOnlyPathsFor(skill, contract),
            Isolation = _options.Isolation,
            Limits = _options.Limits,
            Logger = _options.Logger,
        });
        var tool = new SkillScriptTool(skill, contract, sandbox, _options.Logger);

        var first = await tool.RunAsync(example.Input, cancellationToken).ConfigureAwait(false);
        isolation.Record(first.Sandbox);
        if (Check(contract, example, first) is { } failure)
        {
            return ($"{example.File}: {failure}", null);
        }

        var verdict = example.Error is { } error ? $"error '{error.Code}' as expected" : "output matches the schema and the example";
        if (!contract.HasIdempotencyKey)
        {
            return (null, verdict);
        }

        // S14 at the script's level: the same key again is a no-op, whether the first run filed something or refused.
        var before = workspace.Snapshot();
        var again = await tool.RunAsync(example.Input, cancellationToken).ConfigureAwait(false);
        if (Check(contract, example, again) is { } repeatFailure)
        {
            return ($"{example.File}: the repeat with the same idempotency key: {repeatFailure}", null);
        }

        if (first.Output is { } firstOutput && again.Output is { } secondOutput && JsonDifference.Find(firstOutput, secondOutput) is { } differs)
        {
            return ($"{example.File}: the repeat with the same idempotency key returned another output: {differs}", null);
        }

        if (ExampleWorkspace.Difference(before, workspace.Snapshot()) is { } change)
        {
            return ($"{example.File}: the repeat with the same idempotency key had a second side effect: {change}", null);
        }

        return (null, verdict + "; repeat with the same idempotency key: same result, workspace unchanged");
    }

    /// <summary>How the run differs from what the example expects, or null.</summary>
    private static string? Check(SkillContract contract, ContractExample example, ScriptRun run)
    {
        if (example.Error is { } expected)
        {
            return run.Kind switch
            {
                ScriptRunKind.Error when run.Error!.Code == expected.Code => null,
                ScriptRunKind.Error => $"expected the error '{expected.Code}', got the error '{run.Error!.Code}'{Colon(run.Error.Message)}",
                ScriptRunKind.Output => $"expected the error '{expected.Code}', got an output",
                ScriptRunKind.InvalidOutput => $"expected the error '{expected.Code}', got exit status 0 and {InvalidOutput(contract, run)}",
                _ => $"expected the error '{expected.Code}', but {Failure(run)}",
            };
        }

        return run.Kind switch
        {
            ScriptRunKind.Output => example.FindOutputMismatch(run.Output!.Value) is { } mismatch ? $"the output differs from the example's {mismatch}" : null,
            ScriptRunKind.InvalidOutput => InvalidOutput(contract, run),
            ScriptRunKind.Error => $"expected an output, got the error '{run.Error!.Code}'{Colon(run.Error.Message)}",
            _ => Failure(run),
        };
    }

    private static string InvalidOutput(SkillContract contract, ScriptRun run) =>
        run.Violations is [var first, ..] all
            ? $"the output does not match {contract.OutputSchemaFile} at {first}{More(all.Count)}"
            : $"the output is not one JSON object ({run.ParseError})";

    /// <summary>The failure as the model would read it, plus (for the developer, never the model) stderr's last line.</summary>
    private static string Failure(ScriptRun run)
    {
        var text = run.FailureMessage ?? "the tool failed";
        var stderr = run.Sandbox?.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (stderr is { Length: > 0 })
        {
            text += " stderr: " + (stderr.Length <= 300 ? stderr : stderr[..300] + "…");
        }

        return text;
    }

    private static string Colon(string? message) => string.IsNullOrEmpty(message) ? string.Empty : ": " + message;

    private static string More(int count) => count > 1 ? $" (and {count - 1} more)" : string.Empty;

    /// <summary>The tool and example a contract file belongs to: <c>contracts/examples/TOOL/NAME.json</c>, <c>contracts/TOOL.*.schema.json</c>.</summary>
    private static (string? Tool, string? Example) Locate(string? relative)
    {
        if (relative is null)
        {
            return (null, null);
        }

        var parts = relative.Split('/');
        if (parts is ["contracts", "examples", var tool, var file])
        {
            return (tool, Path.GetFileNameWithoutExtension(file));
        }

        if (parts is ["contracts", var schema] && schema.IndexOf(".", StringComparison.Ordinal) is > 0 and var dot)
        {
            return (schema[..dot], null);
        }

        return (null, null);
    }

    private static string? Relative(string? file, string skillDirectory) =>
        file is null ? null : Path.GetRelativePath(skillDirectory, file).Replace('\\', '/');

    /// <summary>
    /// A diagnostic named by its path inside the skill (the table already says which skill). Contract messages start
    /// with that path already; the others get the compiler-style form, line and column included.
    /// </summary>
    private static string Describe(SkillDiagnostic d, string skillDirectory)
    {
        var relative = Relative(d.File, skillDirectory);
        if (relative is not null && relative != "." && d.Message.StartsWith(relative, StringComparison.Ordinal))
        {
            return d.Message;
        }

        return (relative is null or "." ? d with { File = null } : d with { File = relative }).ToString();
    }

    /// <summary>The isolation mode of the first run (every run uses the same options, so the same mode).</summary>
    private sealed class IsolationSeen
    {
        public IsolationMode? Mode { get; private set; }

        public string? Description { get; private set; }

        public void Record(SandboxResult? result)
        {
            if (result is not null && Mode is null)
            {
                Mode = result.Isolation;
                Description = result.IsolationDescription;
            }
        }
    }
}
