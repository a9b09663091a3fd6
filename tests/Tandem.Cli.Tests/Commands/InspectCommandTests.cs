using System.Text.Json.Nodes;
using Tandem.Cli.Tests.Support;
using Tandem.TestSupport;

namespace Tandem.Cli.Tests.Commands;

/// <summary>
/// <c>tandem inspect</c> as a user runs it: the built tandem.dll in a subprocess, on recorded OpenAI
/// streams and on files written here to hold exactly one problem each.
/// </summary>
public sealed class InspectCommandTests : IDisposable
{
    private const string FunctionCallStream = "openai-dotnet-stream-function-call";

    private readonly string _dir = Directory.CreateTempSubdirectory("tandem-inspect-").FullName;

    private static string FunctionCallSse => Fixtures.RecordedFile(FunctionCallStream, "response.sse");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Inspect_RecordedFunctionCallStream_ReportsCountsAndTheCall()
    {
        var (exit, stdout, stderr) = await TandemProcess.RunAsync("inspect", FunctionCallSse);

        Assert.True(exit == 0, stderr);
        Assert.Contains("(SSE, 42 lines)", stdout, StringComparison.Ordinal);
        Assert.Contains("Events: 14, sequence_number 0..13", stdout, StringComparison.Ordinal);
        Assert.Matches(@"\n  response\.function_call_arguments\.delta +8\n", stdout);
        Assert.Matches(@"\n  response\.output_item\.added +1\n", stdout);
        Assert.Contains("Unknown types: none", stdout, StringComparison.Ordinal);
        Assert.Contains("Sequence gaps: none", stdout, StringComparison.Ordinal);
        Assert.Contains("Errors: none", stdout, StringComparison.Ordinal);
        Assert.Contains("Terminal event: response.completed (#13)", stdout, StringComparison.Ordinal);
        Assert.Contains("id:     resp_0c25e60be926327b0069305eb9ac6c8195833249c070ef4e7e", stdout, StringComparison.Ordinal);
        Assert.Contains("status: completed", stdout, StringComparison.Ordinal);
        Assert.Contains("model:  gpt-4o-mini-2024-07-18", stdout, StringComparison.Ordinal);
        Assert.Contains("usage:  74 input (0 cached), 20 output (0 reasoning), 94 total", stdout, StringComparison.Ordinal);
        Assert.Contains("[0] function_call fc_0c25e60be926327b0069305ebaa9648195b0273f9500448380 (completed)", stdout, StringComparison.Ordinal);
        Assert.Contains("name: get_weather_at_location", stdout, StringComparison.Ordinal);
        Assert.Contains("""arguments: {"location":"San Francisco, CA"}""", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Note:", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_Json_PrintsTheResponseWithTheRecordedCompletedOutput()
    {
        var (exit, stdout, stderr) = await TandemProcess.RunAsync("inspect", "--json", FunctionCallSse);

        Assert.True(exit == 0, stderr);
        var response = JsonNode.Parse(stdout)!.AsObject();
        var completed = RecordedCompleted(FunctionCallSse);
        Assert.Equal("response", (string?)response["object"]);
        Assert.Equal((string?)completed["id"], (string?)response["id"]);
        Assert.Equal("completed", (string?)response["status"]);
        Assert.Equal((string?)completed["model"], (string?)response["model"]);
        Assert.True(JsonNode.DeepEquals(completed["usage"], response["usage"]));
        Assert.True(JsonNode.DeepEquals(completed["output"], response["output"]), response["output"]!.ToJsonString());
    }

    [Fact]
    public async Task Inspect_JsonLinesOfTheSameStream_GivesTheSameResult()
    {
        var data = Fixtures.SseData(FunctionCallSse).ToList();
        var bare = Write("bare.jsonl", data);
        var wrapped = Write("wrapped.jsonl", [
            """{"direction":"client","event":{"type":"response.create","model":"gpt-4o-mini"}}""",
            .. data.Select(d => $$"""{"direction":"server","event":{{d}}}"""),
            """{"direction":"client","event":{"type":"response.create","model":"gpt-4o-mini"}}""",
        ]);

        var sse = await TandemProcess.RunAsync("inspect", FunctionCallSse);
        var fromBare = await TandemProcess.RunAsync("inspect", bare);
        var fromWrapped = await TandemProcess.RunAsync("inspect", wrapped);

        Assert.Equal(0, fromBare.Exit);
        Assert.Equal(0, fromWrapped.Exit);
        Assert.Contains("(JSON Lines, 14 lines)", fromBare.Stdout, StringComparison.Ordinal);
        Assert.Contains("Skipped: 2 client frame(s)", fromWrapped.Stdout, StringComparison.Ordinal);

        // Everything but the heading (file name, format) and the skipped-frames line is the same report.
        Assert.Equal(Body(sse.Stdout), Body(fromBare.Stdout));
        Assert.Equal(Body(sse.Stdout), Body(fromWrapped.Stdout));

        var json = await TandemProcess.RunAsync("inspect", "--json", FunctionCallSse);
        var jsonFromWrapped = await TandemProcess.RunAsync("inspect", "--json", wrapped);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json.Stdout), JsonNode.Parse(jsonFromWrapped.Stdout)));
    }

    [Fact]
    public async Task Inspect_SequenceGapAndUnknownType_ReportsBoth()
    {
        var file = Write("gap.sse", [
            "event: response.created",
            """data: {"type":"response.created","sequence_number":0,"response":{"id":"resp_gap","status":"in_progress","model":"m"}}""",
            string.Empty,
            "event: response.mystery.happened",
            """data: {"type":"response.mystery.happened","sequence_number":1,"detail":"?"}""",
            string.Empty,
            "event: response.output_item.added",
            """data: {"type":"response.output_item.added","sequence_number":4,"output_index":0,"item":{"id":"msg_1","type":"message","status":"in_progress","role":"assistant","content":[]}}""",
            string.Empty,
            "event: response.output_text.delta",
            """data: {"type":"response.output_text.delta","sequence_number":5,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"Half an ans"}""",
            string.Empty,
        ]);

        var (exit, stdout, stderr) = await TandemProcess.RunAsync("inspect", file);

        Assert.True(exit == 0, stderr);
        Assert.Contains("Events: 4, sequence_number 0..5", stdout, StringComparison.Ordinal);
        Assert.Contains("Unknown types: response.mystery.happened (1)", stdout, StringComparison.Ordinal);
        Assert.Contains("Sequence gaps: expected 2, got 4", stdout, StringComparison.Ordinal);
        Assert.Contains("Terminal event: none", stdout, StringComparison.Ordinal);
        Assert.Contains("status: in_progress (latest snapshot; no terminal response)", stdout, StringComparison.Ordinal);
        Assert.Contains("[0] message msg_1 role=assistant (in_progress)", stdout, StringComparison.Ordinal);
        Assert.Contains("text: Half an ans", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_InBandError_ReportsTheErrorAndBothTerminalEvents()
    {
        var file = Fixtures.RecordedFile("vercel-ai-stream-in-band-error-insufficient-quota", "response.chunks.jsonl");

        var (exit, stdout, stderr) = await TandemProcess.RunAsync("inspect", file);

        Assert.True(exit == 0, stderr);
        Assert.Contains("Errors: 1\n  #2 insufficient_quota: You exceeded your current quota", stdout, StringComparison.Ordinal);
        Assert.Contains("Terminal event: error (#2), then response.failed (#3)", stdout, StringComparison.Ordinal);
        Assert.Contains("status: failed", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_BadJsonOnADataLine_Exits2NamingTheLine()
    {
        var lines = File.ReadAllLines(FunctionCallSse);
        Assert.StartsWith("data: {", lines[13], StringComparison.Ordinal);
        lines[13] = lines[13][..^5]; // cut the closing of line 14's JSON
        var file = Write("truncated.sse", lines);

        var (exit, stdout, stderr) = await TandemProcess.RunAsync("inspect", file);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains($"{file}: line 14: data is not JSON: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_MissingFile_Exits2NamingIt()
    {
        var missing = Path.Combine(_dir, "no-such-recording.sse");

        var (exit, _, stderr) = await TandemProcess.RunAsync("inspect", missing);

        Assert.Equal(2, exit);
        Assert.Contains(missing, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_UnrecognisedFirstLine_Exits2AskingForTheFormat()
    {
        var file = Write("notes.txt", [string.Empty, "hello", "data: {}"]);

        var (exit, _, stderr) = await TandemProcess.RunAsync("inspect", file);

        Assert.Equal(2, exit);
        Assert.Contains("line 2: cannot tell the format", stderr, StringComparison.Ordinal);
        Assert.Contains("--format", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_FormatOption_OverridesDetection()
    {
        var (exit, _, stderr) = await TandemProcess.RunAsync("inspect", "--format", "jsonl", FunctionCallSse);

        Assert.Equal(2, exit);
        Assert.Contains("line 1: not JSON: ", stderr, StringComparison.Ordinal);
    }

    private static string Body(string report) =>
        string.Join('\n', report.Split('\n').Skip(1).Where(l => !l.StartsWith("Skipped:", StringComparison.Ordinal)));

    private static JsonObject RecordedCompleted(string sse) =>
        Fixtures.SseData(sse).Select(d => JsonNode.Parse(d)!.AsObject()).Single(e => (string?)e["type"] == "response.completed")["response"]!.AsObject();

    private string Write(string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }
}
