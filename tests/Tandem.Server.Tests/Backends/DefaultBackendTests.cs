using System.Text.Json;
using System.Text.Json.Nodes;
using Tandem.Server.Tests.Support;
using static Tandem.Server.Tests.Endpoints.HttpTestHelpers;

namespace Tandem.Server.Tests.Backends;

/// <summary>The default backend over HTTP: one schema-valid call of the first function tool, then text quoting tool output or user input.</summary>
public sealed class DefaultBackendTests
{
    private static JsonObject PlanTool() => new()
    {
        ["type"] = "function",
        ["name"] = "plan_trip",
        ["description"] = "Plans a trip.",
        ["parameters"] = JsonNode.Parse(SchemaArgumentGeneratorTests.ComplexStrictSchema),
        ["strict"] = true,
    };

    private static JsonObject SecondTool() => new()
    {
        ["type"] = "function",
        ["name"] = "never_called",
        ["parameters"] = JsonNode.Parse("""{"type":"object","properties":{},"required":[],"additionalProperties":false}"""),
        ["strict"] = true,
    };

    [Fact]
    public async Task Create_StrictToolWithComplexSchema_CallsItOnceWithValidArguments()
    {
        await using var server = await TestServer.StartAsync();

        var frames = await StreamAsync(server.Http, new JsonObject
        {
            ["model"] = "tandem-default",
            ["input"] = UserInput("Plan a trip to Lyon."),
            ["tools"] = new JsonArray(PlanTool(), SecondTool()),
        });

        var response = frames[^1].Json["response"]!.AsObject();
        var call = Assert.Single(response["output"]!.AsArray())!.AsObject();
        Assert.Equal("function_call", (string?)call["type"]);
        Assert.Equal("plan_trip", (string?)call["name"]);
        Assert.Equal("completed", (string?)call["status"]);
        Assert.StartsWith("call_", (string?)call["call_id"], StringComparison.Ordinal);
        var arguments = (string)call["arguments"]!;
        using (var schema = JsonDocument.Parse(SchemaArgumentGeneratorTests.ComplexStrictSchema))
        using (var value = JsonDocument.Parse(arguments))
        {
            var errors = StrictSchemaValidator.Validate(schema.RootElement, value.RootElement);
            Assert.True(errors.Count == 0, arguments + "\n" + string.Join('\n', errors));
        }

        // The streamed arguments rebuild the same string, and the done event names the function.
        Assert.Equal(arguments, string.Concat(frames.Where(f => f.Event == "response.function_call_arguments.delta").Select(f => (string)f.Json["delta"]!)));
        var done = Assert.Single(frames, f => f.Event == "response.function_call_arguments.done").Json;
        Assert.Equal(arguments, (string?)done["arguments"]);
        Assert.Equal("plan_trip", (string?)done["name"]);
    }

    [Fact]
    public async Task Create_WithFunctionCallOutput_AnswersTextQuotingTheOutput()
    {
        await using var server = await TestServer.StartAsync();
        var first = await CreateAsync(server.Http, new JsonObject
        {
            ["model"] = "tandem-default",
            ["input"] = UserInput("Plan a trip to Lyon."),
            ["tools"] = new JsonArray(PlanTool()),
        });
        var callId = (string)first["output"]![0]!["call_id"]!;

        var second = await CreateAsync(server.Http, new JsonObject
        {
            ["model"] = "tandem-default",
            ["previous_response_id"] = (string)first["id"]!,
            ["tools"] = new JsonArray(PlanTool()),
            ["input"] = new JsonArray(new JsonObject { ["type"] = "function_call_output", ["call_id"] = callId, ["output"] = "{\"booked\":true}" }),
        });

        var message = Assert.Single(second["output"]!.AsArray())!;
        Assert.Equal("message", (string?)message["type"]);
        Assert.Equal("assistant", (string?)message["role"]);
        Assert.Equal("The tool returned: \"{\"booked\":true}\"", (string?)message["content"]![0]!["text"]);
    }

    [Fact]
    public async Task Create_StatelessHistoryEndingInFunctionCallOutput_AnswersTextQuotingTheOutput()
    {
        await using var server = await TestServer.StartAsync();

        var response = await CreateAsync(server.Http, new JsonObject
        {
            ["model"] = "tandem-default",
            ["store"] = false,
            ["tools"] = new JsonArray(PlanTool()),
            ["input"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = "Plan a trip." },
                new JsonObject { ["type"] = "function_call", ["call_id"] = "call_1", ["name"] = "plan_trip", ["arguments"] = "{}" },
                new JsonObject { ["type"] = "function_call_output", ["call_id"] = "call_1", ["output"] = "done" }),
        });

        Assert.Equal("The tool returned: \"done\"", (string?)response["output"]![0]!["content"]![0]!["text"]);
    }

    [Fact]
    public async Task Create_WithoutTools_AnswersTextQuotingTheUserInput()
    {
        await using var server = await TestServer.StartAsync();

        var response = await CreateAsync(server.Http, new JsonObject { ["model"] = "tandem-default", ["input"] = "Is anyone there?" });

        var message = Assert.Single(response["output"]!.AsArray())!;
        Assert.Equal("message", (string?)message["type"]);
        Assert.Equal("You said: \"Is anyone there?\"", (string?)message["content"]![0]!["text"]);
    }

    [Fact]
    public async Task Create_ToolChoiceNone_AnswersTextInsteadOfCalling()
    {
        await using var server = await TestServer.StartAsync();

        var response = await CreateAsync(server.Http, new JsonObject
        {
            ["model"] = "tandem-default",
            ["input"] = "Just talk.",
            ["tools"] = new JsonArray(PlanTool()),
            ["tool_choice"] = "none",
        });

        Assert.Equal("You said: \"Just talk.\"", (string?)response["output"]![0]!["content"]![0]!["text"]);
    }
}
