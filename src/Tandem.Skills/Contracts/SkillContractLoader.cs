using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tandem.Responses.Protocol;

namespace Tandem.Skills.Contracts;

/// <summary>
/// Loads a skill's <c>contracts/</c> folder and checks it: each schema is a valid, self-contained JSON
/// Schema; each input schema is a strict-mode subset (an object, every property required,
/// <c>additionalProperties: false</c> — the model is sent it as is); each example's input matches the
/// input schema and its output the output schema (or its error is well formed); each tool has one
/// script. A failure names the example file and the schema path that failed.
/// </summary>
public static partial class SkillContractLoader
{
    public const string ContractsFolder = "contracts/";
    private const string InputSuffix = ".input.schema.json";
    private const string OutputSuffix = ".output.schema.json";
    private const string ExamplesFolder = "examples";

    /// <summary>Script extensions and the program that runs each: the sandbox runs <c>[interpreter, script]</c>.</summary>
    private static readonly (string Extension, string Interpreter)[] Interpreters = [(".py", "python3"), (".sh", "sh")];

    /// <summary>Loads and checks the contracts of the skill in <paramref name="skillDirectory"/>.</summary>
    /// <param name="strict">Strict mode makes misplaced files and unknown example keys errors; lenient mode warns.</param>
    public static Task<SkillContractSet> LoadAsync(string skillDirectory, bool strict, CancellationToken cancellationToken) =>
        LoadAsync(skillDirectory, strict, keepContractsWithInvalidExamples: false, cancellationToken);

    /// <param name="keepContractsWithInvalidExamples">
    /// For the contract test runner: a contract whose only errors are in example files is kept, without those
    /// examples, so its other examples still run (the broken ones are reported from the diagnostics).
    /// </param>
    internal static async Task<SkillContractSet> LoadAsync(string skillDirectory, bool strict, bool keepContractsWithInvalidExamples, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(skillDirectory);
        var diagnostics = new List<SkillDiagnostic>();
        var real = TrustedPaths.RealPath(skillDirectory);

        // Used on its own (not through a catalog), the skill folder is its own trust boundary.
        var bundle = await SkillBundleReader.ReadAsync(real, real, new SkillsOptions(), IsContractFile, diagnostics, cancellationToken).ConfigureAwait(false);
        var contracts = bundle is null ? [] : Load(skillDirectory, bundle, strict, diagnostics, keepContractsWithInvalidExamples);
        return new SkillContractSet(contracts, diagnostics);
    }

    /// <summary>The files a loader keeps the bytes of: the JSON under <c>contracts/</c>.</summary>
    internal static bool IsContractFile(string relativePath) =>
        relativePath.StartsWith(ContractsFolder, StringComparison.Ordinal) && relativePath.EndsWith(".json", StringComparison.Ordinal);

    internal static IReadOnlyList<SkillContract> Load(
        string skillDirectory, SkillBundle bundle, bool strict, List<SkillDiagnostic> diagnostics, bool keepContractsWithInvalidExamples = false)
    {
        var tools = new SortedDictionary<string, ContractToolFiles>(StringComparer.Ordinal);
        foreach (var file in bundle.Files)
        {
            if (!IsContractFile(file.RelativePath))
            {
                continue;
            }

            var sink = new FileDiagnostics(Path.Combine(skillDirectory, file.RelativePath), strict, diagnostics);
            if (Classify(file.RelativePath, sink) is not { } placed)
            {
                continue;
            }

            if (!ToolNamePattern().IsMatch(placed.Tool))
            {
                sink.Error(SkillRules.ContractLayout, $"'{placed.Tool}' is not a valid tool name: use 1–64 of A-Z, a-z, 0-9, '_' and '-' (the function-name rule of the API).");
                continue;
            }

            var entry = tools.TryGetValue(placed.Tool, out var existing) ? existing : tools[placed.Tool] = new ContractToolFiles();
            switch (placed.Kind)
            {
                case ContractFileKind.Input:
                    entry.Input = file.RelativePath;
                    break;
                case ContractFileKind.Output:
                    entry.Output = file.RelativePath;
                    break;
                default:
                    entry.Examples.Add(file.RelativePath);
                    break;
            }
        }

        var contracts = new List<SkillContract>();
        foreach (var (tool, files) in tools)
        {
            var before = diagnostics.Count;
            var contract = LoadOne(skillDirectory, bundle, tool, files, strict, diagnostics);
            var exampleFiles = files.Examples.Select(e => Path.Combine(skillDirectory, e)).ToHashSet(StringComparer.Ordinal);
            var errors = diagnostics.Skip(before).Where(d => d.IsError);
            var acceptable = keepContractsWithInvalidExamples
                ? errors.All(d => d.File is not null && exampleFiles.Contains(d.File))
                : !errors.Any();
            if (contract is not null && acceptable)
            {
                contracts.Add(contract);
            }
        }

        return contracts;
    }

    private static SkillContract? LoadOne(string skillDirectory, SkillBundle bundle, string tool, ContractToolFiles files, bool strict, List<SkillDiagnostic> diagnostics)
    {
        string Full(string relative) => Path.Combine(skillDirectory, relative);
        var toolSink = new FileDiagnostics(Full(files.Input ?? files.Output ?? files.Examples[0]), strict, diagnostics);
        if (files.Input is null || files.Output is null)
        {
            var missing = files.Input is null ? $"{ContractsFolder}{tool}{InputSuffix}" : $"{ContractsFolder}{tool}{OutputSuffix}";
            toolSink.Error(SkillRules.ContractLayout, $"The tool '{tool}' has no {missing}: a contract needs an input and an output schema.");
            return null;
        }

        var input = CompileSchema(bundle, files.Input, new FileDiagnostics(Full(files.Input), strict, diagnostics), isInput: true);
        var output = CompileSchema(bundle, files.Output, new FileDiagnostics(Full(files.Output), strict, diagnostics), isInput: false);
        if (input is null || output is null)
        {
            return null;
        }

        var scripts = Interpreters
            .Select(i => (Path: $"scripts/{tool}{i.Extension}", i.Interpreter))
            .Where(s => bundle.Files.Any(f => f.RelativePath == s.Path))
            .ToList();
        if (scripts.Count != 1)
        {
            toolSink.Conformance(
                SkillRules.ContractScript,
                scripts.Count == 0
                    ? $"The tool '{tool}' has no script: add scripts/{tool}.py or scripts/{tool}.sh."
                    : $"The tool '{tool}' has more than one script ({string.Join(", ", scripts.Select(s => s.Path))}); keep one.");
        }

        var contract = new SkillContract(tool, input, output)
        {
            Script = scripts.Count == 1 ? scripts[0].Path : null,
            Interpreter = scripts.Count == 1 ? scripts[0].Interpreter : null,
        };
        if (contract.Description is null)
        {
            new FileDiagnostics(Full(files.Input), strict, diagnostics).Conformance(
                SkillRules.ContractSchema, $"{files.Input} has no top-level 'description': the model is told nothing about what '{tool}' does.");
        }

        var examples = new List<ContractExample>();
        foreach (var file in files.Examples)
        {
            if (LoadExample(bundle, file, contract, new FileDiagnostics(Full(file), strict, diagnostics)) is { } example)
            {
                examples.Add(example);
            }
        }

        if (files.Examples.Count == 0)
        {
            toolSink.Warning(SkillRules.ContractExample, $"The tool '{tool}' has no examples in {ContractsFolder}{ExamplesFolder}/{tool}/: nothing tests it.");
        }

        contract.Examples = examples;
        return contract;
    }

    private static ContractSchema? CompileSchema(SkillBundle bundle, string file, FileDiagnostics sink, bool isInput)
    {
        if (ParseJson(bundle, file, sink) is not { } json)
        {
            return null;
        }

        var schema = ContractSchema.Compile(json, file, sink);
        if (schema is null || !isInput)
        {
            return schema;
        }

        if (!json.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "object")
        {
            sink.Error(SkillRules.ContractSchema, $"{file} must describe an object (\"type\": \"object\"): function arguments are a JSON object.");
            return null;
        }

        if (StrictSchema.FindViolation(json) is { } violation)
        {
            sink.Error(SkillRules.ContractSchema, $"{file} is not a strict schema: {violation} Make every property required (nullable when optional) and set additionalProperties to false.");
            return null;
        }

        return schema;
    }

    private static ContractExample? LoadExample(SkillBundle bundle, string file, SkillContract contract, FileDiagnostics sink)
    {
        if (ParseJson(bundle, file, sink) is not { } json)
        {
            return null;
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            sink.Error(SkillRules.ContractExample, $"{file} must be a JSON object: {{\"input\": ..., \"output\": ...}} or {{\"input\": ..., \"error\": ...}}.");
            return null;
        }

        JsonElement? input = null, output = null;
        ContractError? error = null;
        string? description = null;
        var workspace = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in json.EnumerateObject())
        {
            switch (p.Name)
            {
                case "input":
                    input = p.Value;
                    break;
                case "output":
                    output = p.Value;
                    break;
                case "error":
                    error = ReadError(p.Value, file, sink);
                    break;
                case "description" when p.Value.ValueKind == JsonValueKind.String:
                    description = p.Value.GetString();
                    break;
                case "workspace":
                    ReadWorkspace(p.Value, file, workspace, sink);
                    break;
                default:
                    sink.Conformance(SkillRules.ContractExample, $"{file} has an unknown member '{p.Name}': an example has input, output or error, and optionally description and workspace.");
                    break;
            }
        }

        if (input is null)
        {
            sink.Error(SkillRules.ContractExample, $"{file} has no 'input'.");
        }
        else
        {
            foreach (var v in contract.ValidateInput(input.Value))
            {
                sink.Error(SkillRules.ContractExample, $"{file}: the input does not match {contract.InputSchemaFile} at {v}");
            }
        }

        if (json.TryGetProperty("output", out _) == json.TryGetProperty("error", out _))
        {
            sink.Error(SkillRules.ContractExample, $"{file} must have exactly one of 'output' (the expected result) and 'error' (the expected failure).");
        }
        else if (output is { } value)
        {
            foreach (var v in contract.ValidateOutput(value))
            {
                sink.Error(SkillRules.ContractExample, $"{file}: the output does not match {contract.OutputSchemaFile} at {v}");
            }
        }

        if (sink.ErrorCount > 0 || input is null)
        {
            return null;
        }

        return new ContractExample
        {
            Name = Path.GetFileNameWithoutExtension(file),
            File = file,
            Description = description,
            Input = input.Value,
            Output = output,
            Error = error,
            Workspace = workspace,
        };
    }

    private static ContractError? ReadError(JsonElement value, string file, FileDiagnostics sink)
    {
        string? code = null, message = null;
        var wellFormed = value.ValueKind == JsonValueKind.Object;
        if (wellFormed)
        {
            foreach (var p in value.EnumerateObject())
            {
                switch (p.Name)
                {
                    case "code" when p.Value.ValueKind == JsonValueKind.String:
                        code = p.Value.GetString();
                        break;
                    case "message" when p.Value.ValueKind == JsonValueKind.String:
                        message = p.Value.GetString();
                        break;
                    default:
                        wellFormed = false;
                        break;
                }
            }
        }

        if (!wellFormed || string.IsNullOrWhiteSpace(code))
        {
            sink.Error(SkillRules.ContractExample, $"{file}: 'error' must be {{\"code\": \"a_stable_code\", \"message\": \"optional text\"}}.");
            return null;
        }

        return new ContractError(code, message);
    }

    private static void ReadWorkspace(JsonElement value, string file, Dictionary<string, string> workspace, FileDiagnostics sink)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            sink.Error(SkillRules.ContractExample, $"{file}: 'workspace' must map relative file paths to their text.");
            return;
        }

        foreach (var p in value.EnumerateObject())
        {
            var segments = p.Name.Split('/');
            var safe = p.Name.Length > 0 && !Path.IsPathRooted(p.Name) && !p.Name.Contains('\\', StringComparison.Ordinal) &&
                segments.All(s => s.Length > 0 && s != "." && s != "..");
            if (!safe || p.Value.ValueKind != JsonValueKind.String)
            {
                sink.Error(SkillRules.ContractExample, $"{file}: workspace entry '{p.Name}' must be a relative path inside the workspace (no '..', no leading '/') mapped to a string.");
                continue;
            }

            workspace[p.Name] = p.Value.GetString()!;
        }
    }

    private static JsonElement? ParseJson(SkillBundle bundle, string file, FileDiagnostics sink)
    {
        var bytes = bundle.Contents[file].AsMemory();
        if (bytes.Span.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        }

        try
        {
            using var doc = JsonDocument.Parse(bytes);
            return doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            sink.Error(SkillRules.ContractSchema, $"{file} is not valid JSON: {ex.Message}", (int?)ex.LineNumber + 1, (int?)ex.BytePositionInLine + 1);
            return null;
        }
    }

    private static (string Tool, ContractFileKind Kind)? Classify(string relative, FileDiagnostics sink)
    {
        var rest = relative[ContractsFolder.Length..];
        var segments = rest.Split('/');
        if (segments.Length == 1 && rest.EndsWith(InputSuffix, StringComparison.Ordinal))
        {
            return (rest[..^InputSuffix.Length], ContractFileKind.Input);
        }

        if (segments.Length == 1 && rest.EndsWith(OutputSuffix, StringComparison.Ordinal))
        {
            return (rest[..^OutputSuffix.Length], ContractFileKind.Output);
        }

        if (segments.Length == 3 && segments[0] == ExamplesFolder)
        {
            return (segments[1], ContractFileKind.Example);
        }

        sink.Conformance(
            SkillRules.ContractLayout,
            $"{relative} is not a contract file: use {ContractsFolder}TOOL{InputSuffix}, {ContractsFolder}TOOL{OutputSuffix} or {ContractsFolder}{ExamplesFolder}/TOOL/NAME.json.");
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ToolNamePattern();
}
