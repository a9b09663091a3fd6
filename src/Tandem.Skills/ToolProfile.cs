namespace Tandem.Skills;

/// <summary>The tools a deployment grants (a named profile such as "read-only" or "developer"): the most any skill can get.</summary>
public sealed class ToolProfile
{
    public ToolProfile(string name, IEnumerable<string> tools)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(tools);
        Name = name;
        Tools = tools.ToHashSet(StringComparer.Ordinal);
    }

    public string Name { get; }

    /// <summary>Tool names as the runtime registers them (case-sensitive, like function names in the API).</summary>
    public IReadOnlySet<string> Tools { get; }
}
