namespace Tandem.Skills.Tests.Support;

/// <summary>A throw-away folder for skills (deleted on dispose), with writers for skills and contracts.</summary>
internal sealed class TempSkills : IDisposable
{
    public TempSkills()
    {
        Root = Path.Combine(Path.GetTempPath(), "tandem-skills-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>Writes <paramref name="content"/> at <paramref name="relative"/>, creating folders; returns the full path.</summary>
    public string Write(string relative, string content)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A valid skill in <c>ROOT/folder</c> (under <paramref name="under"/> when given); returns its folder.</summary>
    public string AddSkill(string folder, string? under = null, string? name = null, string description = "Does a thing. Use it when a thing must be done.", string extra = "", string body = "# Steps\n\nDo the thing.\n")
    {
        var relative = under is null ? folder : Path.Combine(under, folder);
        Write(Path.Combine(relative, "SKILL.md"), $"---\nname: {name ?? folder}\ndescription: {description}\n{extra}---\n\n{body}");
        return PathOf(relative);
    }

    /// <summary>A complete, valid contract for the tool <paramref name="tool"/> (echo: text in, text out) in the skill folder.</summary>
    public void AddEchoContract(string skillFolder, string tool = "echo_text")
    {
        Write(Path.Combine(skillFolder, "contracts", tool + ".input.schema.json"), EchoInputSchema);
        Write(Path.Combine(skillFolder, "contracts", tool + ".output.schema.json"), EchoOutputSchema);
        Write(Path.Combine(skillFolder, "contracts", "examples", tool, "hello.json"), """{"input":{"text":"hello"},"output":{"text":"hello","length":5}}""");
        Write(Path.Combine(skillFolder, "contracts", "examples", tool, "empty.json"), """{"input":{"text":""},"error":{"code":"empty_text"}}""");
        Write(Path.Combine(skillFolder, "scripts", tool + ".py"), "import json, sys\nprint(json.dumps({'text': sys.argv[1]}))\n");
    }

    public const string EchoInputSchema = """
        {
          "description": "Echoes the text.",
          "type": "object",
          "properties": { "text": { "type": "string" } },
          "required": ["text"],
          "additionalProperties": false
        }
        """;

    public const string EchoOutputSchema = """
        {
          "type": "object",
          "properties": {
            "text": { "type": "string" },
            "length": { "type": "integer", "minimum": 0 }
          },
          "required": ["text", "length"],
          "additionalProperties": false
        }
        """;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
