using Tandem.Voice.Realtime;
using Tandem.Voice.Realtime.Protocol;

namespace Tandem.Voice.Tests.Live;

/// <summary>
/// Against api.openai.com, only when <c>OPENAI_API_KEY</c> is set (model: <c>OPENAI_REALTIME_TEST_MODEL</c>
/// or gpt-realtime-1.5): one text turn with a capture tool through the GA interface. Skipped otherwise, never failed.
/// </summary>
public sealed class OpenAiRealtimeLiveTests
{
    [Fact]
    public async Task CaptureTool_TextTurn_CallsTheToolWithTheNumber()
    {
        var key = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
        if (string.IsNullOrWhiteSpace(key))
        {
            Assert.Skip("OPENAI_API_KEY is not set: live Realtime tests against api.openai.com are skipped.");
        }

        var ct = TestContext.Current.CancellationToken;
        var model = Environment.GetEnvironmentVariable("OPENAI_REALTIME_TEST_MODEL") is { Length: > 0 } m ? m : RealtimeClientOptions.DefaultModel;
        await using var client = new RealtimeClient(new RealtimeClientOptions { Model = model, ApiKey = key });
        await client.ConnectAsync(ct);
        await client.UpdateSessionAsync(new RealtimeSessionConfig
        {
            Instructions = "Call capture_entity with the caller's phone number in E.164 form. Do not reply with text.",
            OutputModalities = ["text"],
            Tools = [RealtimeTool.Function("capture_entity", "Records the phone number.", """{"type":"object","properties":{"value":{"type":"string"}},"required":["value"]}""")],
            ToolChoice = RealtimeToolChoice.Required,
        }, ct);
        await client.CreateItemAsync(RealtimeMessageItem.UserText("My number is four one five, five five five, oh one two three. I'm in the US."), cancellationToken: ct);
        await client.SendAsync(new RealtimeResponseCreateEvent(), ct);

        var call = await client.WaitForAsync<RealtimeResponseFunctionCallArgumentsDoneEvent>(cancellationToken: ct);

        Assert.Equal("capture_entity", call.Name);
        Assert.Contains("4155550123", Tandem.Voice.Harness.RealtimeArm.ValueOf(call.Arguments).Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
