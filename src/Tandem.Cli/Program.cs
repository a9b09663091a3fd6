using System.CommandLine;
using Tandem.Cli.Commands;

var root = new RootCommand("Tandem: an agent backend for the OpenAI Responses API (HTTP+SSE and WebSocket mode).")
{
    ServeCommand.Create(),
    InspectCommand.Create(),
    RunCommand.Create(),
    BenchCommand.Create(),
    AuditCommand.Create(),
    SkillsCommand.Create(),
    VoiceCommand.Create(),
};

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
