using System.Text.Json;
using Microsoft.Extensions.AI;
using Tandem.Extensions.AI.Mapping;
using Tandem.Responses;
using Tandem.Responses.Protocol;

namespace Tandem.Extensions.AI.Tests.Mapping;

/// <summary>What goes on the wire for given messages and options (no server needed).</summary>
public sealed class RequestMapperTests : IAsyncDisposable
{
    private readonly ResponsesClient _client;
    private readonly IChatClient _chat;

    public RequestMapperTests()
    {
        var options = new ResponsesClientOptions { BaseUrl = new Uri("http://127.0.0.1:9/v1/"), Transport = ResponsesTransportKind.HttpSse, KeyProbeInterval = TimeSpan.Zero };
        options.ApiKeys.Add("sk-test-unused");
        _client = new ResponsesClient(options);
        _chat = _client.AsIChatClient("gpt-default");
    }

    public ValueTask DisposeAsync()
    {
        _chat.Dispose();
        return _client.DisposeAsync();
    }

    [Fact]
    public void Map_Options_SetModelSamplingInstructionsAndToolChoice()
    {
        var options = new ChatOptions
        {
            ModelId = "gpt-other",
            Temperature = 0.7f,
            TopP = 0.9f,
            MaxOutputTokens = 256,
            Instructions = "Answer in French.",
            Tools = [AIFunctionFactory.Create((string city) => city, "get_weather")],
            ToolMode = ChatToolMode.RequireSpecific("get_weather"),
            AllowMultipleToolCalls = false,
            Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low, Output = ReasoningOutput.Summary },
        };

        var request = Map([new ChatMessage(ChatRole.User, "Hi")], options);

        Assert.Equal("gpt-other", request.Model);
        Assert.Equal(0.7, request.Temperature);
        Assert.Equal(0.9, request.TopP);
        Assert.Equal(256, request.MaxOutputTokens);
        Assert.Equal("Answer in French.", request.Instructions);
        Assert.False(request.ParallelToolCalls);
        Assert.Equal("""{"type":"function","name":"get_weather"}""", request.ToolChoice!.Value.GetRawText());
        Assert.Equal("""{"effort":"low","summary":"auto"}""", request.Reasoning!.Value.GetRawText());
        Assert.Null(request.PreviousResponseId);
        Assert.Null(request.Store);
    }

    [Fact]
    public void Map_NoModelId_UsesTheDefaultModel()
    {
        Assert.Equal("gpt-default", Map([new ChatMessage(ChatRole.User, "Hi")], null).Model);
    }

    [Fact]
    public void Map_FunctionWithRequiredParametersOnly_IsStrictWithAdditionalPropertiesClosed()
    {
        var tool = Assert.Single(Map([], new ChatOptions { Tools = [AIFunctionFactory.Create((string city, int days) => city, "forecast", "Forecast.")] }).Tools!);

        Assert.Equal(("function", "forecast", "Forecast.", true), (tool.Type, tool.Name, tool.Description, tool.Strict));
        Assert.False(tool.Parameters!.Value.GetProperty("additionalProperties").GetBoolean());
        Assert.Null(StrictSchema.FindViolation(tool.Parameters.Value));
    }

    [Fact]
    public void Map_FunctionWithOptionalParameter_IsSentNonStrictAndUnchanged()
    {
        var function = AIFunctionFactory.Create((string city, string unit = "C") => city, "weather");

        var tool = Assert.Single(Map([], new ChatOptions { Tools = [function] }).Tools!);

        Assert.False(tool.Strict);
        Assert.Equal(function.JsonSchema.GetRawText(), tool.Parameters!.Value.GetRawText());
    }

    [Fact]
    public void Map_StrictFalseInOptions_OverridesAStrictValidSchema()
    {
        var options = new ChatOptions
        {
            Tools = [AIFunctionFactory.Create((string city) => city, "weather")],
            AdditionalProperties = new() { [ResponsesChatPropertyNames.Strict] = false },
        };

        Assert.False(Assert.Single(Map([], options).Tools!).Strict);
    }

    [Fact]
    public void Map_ConversationId_SendsOnlyTheMessagesAfterTheLastAssistantMessage()
    {
        List<ChatMessage> history =
        [
            new(ChatRole.User, "one"),
            new(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" })]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", "sunny")]),
            new(ChatRole.Assistant, "It is sunny."),
            new(ChatRole.User, "two"),
            new(ChatRole.User, "three"),
        ];

        var request = Map(history, new ChatOptions { ConversationId = "resp_123" });

        Assert.Equal("resp_123", request.PreviousResponseId);
        Assert.Equal(["two", "three"], request.Input!.Items!.Cast<MessageItem>().Select(m => m.GetText()));
    }

    [Fact]
    public void Map_ConversationIdAfterAToolCall_SendsTheToolResults()
    {
        List<ChatMessage> history =
        [
            new(ChatRole.User, "one"),
            new(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" })]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", JsonSerializer.SerializeToElement("sunny"))]),
        ];

        var output = Assert.IsType<FunctionCallOutputItem>(Assert.Single(Map(history, new ChatOptions { ConversationId = "resp_1" }).Input!.Items!));

        Assert.Equal(("call_1", "sunny"), (output.CallId, output.Output.GetText())); // a JSON string result goes unquoted
    }

    [Fact]
    public void Map_ConversationIdOfAHostedConversation_SetsConversationAndKeepsItsId()
    {
        var call = RequestMapper.Map([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { ConversationId = "conv_42" }, "gpt-default", _chat);

        Assert.Null(call.Request.PreviousResponseId);
        Assert.Equal("conv_42", call.Request.Conversation!.Value.GetString());
        Assert.Equal("conv_42", call.HostedConversationId);
    }

    [Fact]
    public void Map_StoreFalseAndLane_RequestEncryptedReasoningAndALane()
    {
        var options = new ChatOptions
        {
            AdditionalProperties = new() { [ResponsesChatPropertyNames.Store] = false, [ResponsesChatPropertyNames.Lane] = "agent-1" },
        };

        var call = RequestMapper.Map([new ChatMessage(ChatRole.User, "Hi")], options, "gpt-default", _chat);

        Assert.False(call.Request.Store);
        Assert.Equal(["reasoning.encrypted_content"], call.Request.Include!);
        Assert.Equal("agent-1", call.CallOptions!.Lane);
    }

    [Fact]
    public void Map_RawRepresentationFactory_IsTheBaseOfTheRequest()
    {
        var options = new ChatOptions
        {
            Temperature = 0.2f,
            RawRepresentationFactory = _ => new ResponseCreateRequest { Temperature = 1.5, PromptCacheKey = "agent-1", ServiceTier = "flex" },
        };

        var request = Map([new ChatMessage(ChatRole.User, "Hi")], options);

        Assert.Equal((1.5, "agent-1", "flex"), (request.Temperature, request.PromptCacheKey, request.ServiceTier));
    }

    [Fact]
    public void Map_RolesAndMedia_BecomeMessageItemsWithParts()
    {
        List<ChatMessage> messages =
        [
            new(ChatRole.System, "sys"),
            new(new ChatRole("developer"), "dev"),
            new(ChatRole.User, [new TextContent("look"), new UriContent("https://example.com/cat.png", "image/png")]),
            new(ChatRole.Assistant, "a cat") { AdditionalProperties = new() { [ResponsesChatPropertyNames.Phase] = "final_answer" } },
        ];

        var items = Map(messages, null).Input!.Items!.Cast<MessageItem>().ToList();

        Assert.Equal(["system", "developer", "user", "assistant"], items.Select(i => i.Role));
        Assert.Equal(["input_text", "input_image"], items[2].Content.Parts!.Select(p => p.Type));
        Assert.Equal("https://example.com/cat.png", items[2].Content.Parts![1].ExtensionData!["image_url"].GetString());
        Assert.Equal(("output_text", "final_answer"), (items[3].Content.Parts![0].Type, items[3].Phase));
    }

    private ResponseCreateRequest Map(IEnumerable<ChatMessage> messages, ChatOptions? options) =>
        RequestMapper.Map(messages, options, "gpt-default", _chat).Request;
}
