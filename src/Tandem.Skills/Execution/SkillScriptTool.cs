using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tandem.Agents.Tools;
using Tandem.Security.Sandbox;
using Tandem.Skills.Contracts;

namespace Tandem.Skills.Execution;

/// <summary>
/// A skill's contract as a runtime tool: runs <c>[interpreter, script]</c> in an <see cref="ISandbox"/> (argv only, the
/// sandbox's workspace as the working directory, its environment allowlist and limits; checklist S8) with the call's
/// arguments as one JSON object on stdin, and reads the result by the script convention. Output that does not match
/// the output schema never reaches the model: it gets a generic error and the details go to the log (S4). Any other
/// failure (timed out, killed, output cut, an unexpected exit status) is reported by what happened, never with the
/// script's stderr.
/// </summary>
/// <remarks>
/// The sandbox's policy must list the skill's folder (where the script really is) in
/// <see cref="SandboxOptions.ReadOnlyPaths"/>: under bubblewrap that bind is what makes a skill under <c>/tmp</c>
/// visible at all, and what keeps a skill inside the workspace from being rewritten by its own runs.
/// <see cref="SkillToolset.ReadOnlyPathsFor"/> gives the list. Before every run the script is hashed and compared
/// with the SHA-256 recorded when the skill was loaded: a script edited since is not run.
/// </remarks>
public sealed class SkillScriptTool : ITool
{
    // The sandbox's own wall-time limit should end a run, not the runtime's timeout: the sandbox kills the whole
    // tree and says what happened. This covers its kill, exit and pipe-drain graces on top of the wall time.
    private static readonly TimeSpan s_timeoutMargin = TimeSpan.FromSeconds(15);

    private readonly Skill _skill;
    private readonly BundleFile _script;
    private readonly ISandbox _sandbox;
    private readonly ILogger _logger;

    /// <exception cref="ArgumentException">
    /// The contract has no script, the script is not a file of the skill, or the sandbox does not bind it read-only.
    /// </exception>
    public SkillScriptTool(Skill skill, SkillContract contract, ISandbox sandbox, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(skill);
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(sandbox);
        if (contract.Script is null || contract.Interpreter is null)
        {
            throw new ArgumentException($"The tool '{contract.ToolName}' of skill '{skill.Name}' has no script (scripts/{contract.ToolName}.py or .sh).", nameof(contract));
        }

        if (!skill.BundleFiles.TryGetValue(contract.Script, out var script))
        {
            throw new ArgumentException($"The script {contract.Script} is not a file of skill '{skill.Name}' as loaded.", nameof(contract));
        }

        if (!sandbox.Policy.ReadOnlyPaths.Any(p => TrustedPaths.IsUnder(script.FullPath, p)))
        {
            throw new ArgumentException(
                $"The sandbox does not bind the script {script.FullPath} of skill '{skill.Name}' read-only: add the skill's folder to "
                + "SandboxOptions.ReadOnlyPaths (SkillToolset.ReadOnlyPathsFor lists them).",
                nameof(sandbox));
        }

        _skill = skill;
        _script = script;
        _sandbox = sandbox;
        _logger = logger ?? NullLogger.Instance;
        Contract = contract;
        var d = contract.ToToolDefinition();
        Definition = new ToolDefinition
        {
            Name = d.Name,
            Description = d.Description,
            Parameters = d.Parameters,
            Strict = d.Strict,
            SideEffect = d.SideEffect,
            Risk = d.Risk,
            UntrustedOutput = d.UntrustedOutput,
            ReplaySafe = d.ReplaySafe,
            MaxConcurrency = d.MaxConcurrency,
            Timeout = sandbox.Policy.Limits.WallTime + s_timeoutMargin,
        };
    }

    public ToolDefinition Definition { get; }

    public SkillContract Contract { get; }

    public string SkillName => _skill.Name;

    public async ValueTask<ToolResult> InvokeAsync(ToolCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);

        // The runtime validated the arguments against the input schema (S3); the registry-less path re-checks below.
        var arguments = call.ParsedArguments.ValueKind == JsonValueKind.Object ? call.ParsedArguments : ParseOrDefault(call.Arguments);
        if (arguments.ValueKind != JsonValueKind.Object || Contract.ValidateInput(arguments).Count > 0)
        {
            return ToolResult.Error(SkillToolErrors.Json("invalid_arguments", $"The arguments do not match the input schema of '{Contract.ToolName}'."));
        }

        var run = await RunAsync(arguments, cancellationToken).ConfigureAwait(false);
        return run.ToToolResult();
    }

    /// <summary>Runs the script once with <paramref name="arguments"/> (already valid against the input schema) and classifies the run.</summary>
    internal async Task<ScriptRun> RunAsync(JsonElement arguments, CancellationToken cancellationToken)
    {
        if (await ScriptChangedAsync(cancellationToken).ConfigureAwait(false) is { } change)
        {
            SkillToolLog.NotRun(_logger, Contract.ToolName, _skill.Name, change);
            return ScriptRunClassifier.NotRun("The tool's script changed after its skill was loaded, so it was not run. Reload the skills.");
        }

        var command = new SandboxCommand(Contract.Interpreter!, [SandboxArgument.Literal(_script.FullPath)])
        {
            StandardInput = arguments.GetRawText(),
        };

        SandboxResult result;
        try
        {
            result = await _sandbox.RunAsync(command, cancellationToken).ConfigureAwait(false);
        }
        catch (SandboxRefusedException ex)
        {
            // E.g. the interpreter is not installed. The reason names a program or path of ours, not model input, but
            // the model still only learns that the tool is unavailable.
            SkillToolLog.NotRun(_logger, Contract.ToolName, _skill.Name, ex.Message);
            return ScriptRunClassifier.NotRun("The tool could not be started.");
        }

        var run = ScriptRunClassifier.Classify(result, Contract);
        Log(run, result);
        return run;
    }

    private void Log(ScriptRun run, SandboxResult result)
    {
        var isolation = result.Isolation.ToString();
        var ms = (long)result.Duration.TotalMilliseconds;
        SkillToolLog.Ran(_logger, Contract.ToolName, _skill.Name, run.Kind.ToString(), result.ExitCode, isolation, ms);
        if (run.Kind == ScriptRunKind.InvalidOutput)
        {
            var details = run.ParseError ?? string.Join("; ", run.Violations.Take(5).Select(v => v.ToString()));
            SkillToolLog.OutputInvalid(_logger, Contract.ToolName, _skill.Name, Contract.OutputSchemaFile, details);
        }
        else if (run.Kind == ScriptRunKind.Failed)
        {
            SkillToolLog.Failed(_logger, Contract.ToolName, _skill.Name, run.FailureMessage!, isolation, ms);
        }

        if (run.Kind != ScriptRunKind.Output && result.StandardError.Length > 0 && _logger.IsEnabled(LogLevel.Debug))
        {
            SkillToolLog.StandardError(_logger, Contract.ToolName, result.StandardError.Length, Tail(result.StandardError, 500));
        }
    }

    /// <summary>Why the script on disk is not the one hashed at load, or null when it is.</summary>
    private async Task<string?> ScriptChangedAsync(CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await File.ReadAllBytesAsync(_script.FullPath, cancellationToken).ConfigureAwait(false);
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
            return sha256 == _script.Sha256
                ? null
                : string.Create(CultureInfo.InvariantCulture, $"{_script.FullPath} has sha256 {sha256}, not {_script.Sha256} as loaded");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"{_script.FullPath} cannot be read: {ex.Message}";
        }
    }

    private static JsonElement ParseOrDefault(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static string Tail(string text, int length) => text.Length <= length ? text : "…" + text[^length..];
}
