using System.Collections.Concurrent;
using Tandem.Responses.Protocol;

namespace Tandem.Agents.Tools;

/// <summary>The tools a runner may call, by name; each with its argument validator.</summary>
public sealed class ToolRegistry
{
    private readonly ConcurrentDictionary<string, (ITool Tool, ToolArgumentValidator Validator)> _tools = new(StringComparer.Ordinal);

    public ToolRegistry Add(ITool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var d = tool.Definition;
        if (d.Strict && StrictSchema.FindViolation(d.Parameters) is { } violation)
        {
            throw new ArgumentException($"Tool '{d.Name}' is strict but its schema is not strict-valid: {violation}");
        }

        if (!_tools.TryAdd(d.Name, (tool, new ToolArgumentValidator(d.Parameters))))
        {
            throw new ArgumentException($"A tool named '{d.Name}' is already registered.");
        }

        return this;
    }

    public IReadOnlyCollection<ITool> Tools => _tools.Values.Select(v => v.Tool).ToList();

    public bool TryGet(string name, out ITool tool)
    {
        if (_tools.TryGetValue(name, out var entry))
        {
            tool = entry.Tool;
            return true;
        }

        tool = null!;
        return false;
    }

    internal ToolArgumentValidator ValidatorFor(string name) => _tools[name].Validator;

    /// <summary>The function tools to offer the model, in name order (stable across turns, friendlier to caches).</summary>
    public List<ResponseTool> ToResponseTools() =>
        _tools.Values.Select(v => v.Tool.Definition).OrderBy(d => d.Name, StringComparer.Ordinal).Select(d => d.ToResponseTool()).ToList();
}
