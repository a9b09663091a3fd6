using System.Collections.Frozen;
using System.Text.Json;
using Tandem.Server.Operations;

namespace Tandem.Server.Backends;

/// <summary>The scenarios of a folder, loaded and validated once.</summary>
public sealed class ScenarioCatalog
{
    private readonly FrozenDictionary<string, Scenario> _scenarios;

    private ScenarioCatalog(Dictionary<string, Scenario> scenarios) => _scenarios = scenarios.ToFrozenDictionary(StringComparer.Ordinal);

    public static ScenarioCatalog Empty { get; } = new([]);

    public IReadOnlyCollection<string> Names => _scenarios.Keys;

    public bool TryGet(string name, out Scenario scenario) => _scenarios.TryGetValue(name, out scenario!);

    /// <summary>Loads every <c>*.json</c> of <paramref name="directory"/>; a bad file is an error that names it.</summary>
    public static ScenarioCatalog Load(string directory)
    {
        var scenarios = new Dictionary<string, Scenario>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var scenario = Parse(File.ReadAllText(file), file);
            if (!scenarios.TryAdd(scenario.Name, scenario))
            {
                throw new InvalidDataException($"Scenario file '{file}': the name '{scenario.Name}' is used by another scenario file.");
            }
        }

        return new ScenarioCatalog(scenarios);
    }

    /// <summary>Finds <c>scenarios/</c> in <paramref name="start"/> or a folder above it.</summary>
    public static string? FindDirectory(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scenarios");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public static Scenario Parse(string json, string origin)
    {
        Scenario? scenario;
        try
        {
            scenario = JsonSerializer.Deserialize(json, ServerJsonContext.Default.Scenario);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Scenario file '{origin}' is not a valid scenario: {ex.Message}", ex);
        }

        if (scenario is null || string.IsNullOrWhiteSpace(scenario.Name))
        {
            throw new InvalidDataException($"Scenario file '{origin}': 'name' is required.");
        }

        if (scenario.Turns.Count == 0)
        {
            throw new InvalidDataException($"Scenario '{scenario.Name}' ({origin}): 'turns' must hold at least one turn.");
        }

        for (var t = 0; t < scenario.Turns.Count; t++)
        {
            var turn = scenario.Turns[t];
            if (turn.Output.Count == 0)
            {
                throw new InvalidDataException($"Scenario '{scenario.Name}' ({origin}) turn {t}: 'output' is empty.");
            }

            for (var i = 0; i < turn.Output.Count; i++)
            {
                var o = turn.Output[i];
                // Name the file too: a scenario's name need not match its file name.
                var where = $"Scenario '{scenario.Name}' ({origin}) turn {t} output {i}";
                switch (o.Type)
                {
                    case "message" when o.Text is null:
                        throw new InvalidDataException($"{where}: a message needs 'text'.");
                    case "message" when o.Phase is not (null or "commentary" or "final_answer"):
                        throw new InvalidDataException($"{where}: 'phase' must be 'commentary' or 'final_answer', not '{o.Phase}'.");
                    case "function_call" when string.IsNullOrEmpty(o.Name):
                        throw new InvalidDataException($"{where}: a function_call needs 'name'.");
                    case "function_call" when o.Arguments is not { ValueKind: JsonValueKind.Object }:
                        throw new InvalidDataException($"{where}: a function_call needs 'arguments' as a JSON object.");
                    case "item" when o.Item is not { ValueKind: JsonValueKind.Object } item || !item.TryGetProperty("type", out _):
                        throw new InvalidDataException($"{where}: an item output needs 'item' as a JSON object with a 'type'.");
                    case "event" when o.Event is not { ValueKind: JsonValueKind.Object } evt || !evt.TryGetProperty("type", out _):
                        throw new InvalidDataException($"{where}: an event output needs 'event' as a JSON object with a 'type'.");
                    case "message" or "function_call" or "reasoning" or "item" or "event":
                        break;
                    default:
                        throw new InvalidDataException($"{where}: unknown type '{o.Type}' (expected message, function_call, reasoning, item or event).");
                }
            }
        }

        return scenario;
    }
}
