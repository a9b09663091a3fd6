using System.Text.Json.Nodes;

namespace Tandem.Agents.Tests.Support;

/// <summary>Writes throwaway scenario folders for tests that need a tool graph of their own.</summary>
public sealed class ScenarioFiles : IDisposable
{
    public ScenarioFiles() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tandem-scenarios-" + Guid.NewGuid().ToString("N"));

    /// <summary>Adds a scenario; each turn is a list of output objects as in docs/scenarios.md.</summary>
    public ScenarioFiles Add(string name, params JsonArray[] turns)
    {
        var scenario = new JsonObject
        {
            ["name"] = name,
            ["turns"] = new JsonArray(turns.Select(t => (JsonNode)new JsonObject { ["output"] = t }).ToArray()),
        };
        File.WriteAllText(System.IO.Path.Combine(Path, name + ".json"), scenario.ToJsonString());
        return this;
    }

    public static JsonObject Call(string name, JsonObject arguments) => new() { ["type"] = "function_call", ["name"] = name, ["arguments"] = arguments };

    public static JsonObject Text(string text) => new() { ["type"] = "message", ["phase"] = "final_answer", ["text"] = text };

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
