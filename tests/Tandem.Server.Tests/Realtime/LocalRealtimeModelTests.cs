using System.Text.Json;
using Tandem.Server.Realtime;
using Tandem.Voice.Entities;
using Tandem.Voice.Realtime.Protocol;

namespace Tandem.Server.Tests.Realtime;

/// <summary>The rule "model" behind the local endpoint: which reply, which tool, which argument, which entity kind.</summary>
public sealed class LocalRealtimeModelTests
{
    private static readonly LocalRealtimeModel Model = new(new EntityNormalizer());

    private static RealtimeTool Capture(string name = "capture", string? description = "Records the value.", string schema = """{"type":"object","properties":{"value":{"type":"string"}},"required":["value"]}""") =>
        RealtimeTool.Function(name, description, schema);

    [Theory]
    [InlineData("Ask for the caller's phone number.", "my number is four one five five five five oh one two three", "+14155550123")]
    [InlineData("Take the confirmation code.", "it's alpha bravo seven two nine", "AB729")]
    [InlineData("Ask for the card number.", "four two four two four two four two four two four two four two four two", "4242424242424242")]
    [InlineData("Ask them to spell their surname.", "S M I T H", "SMITH")]
    [InlineData("Get the email.", "john dot smith at example dot com", "john.smith@example.com")]
    [InlineData("Use the tool for any weather question.", "What is the weather in London?", "What is the weather in London?")]
    public void Reply_UserSaidWithATool_CallsItWithTheNormalisedValue(string instructions, string transcript, string expected)
    {
        var reply = Model.Reply(ModelTurn.User(transcript), instructions, [Capture()], RealtimeToolChoice.Auto);

        Assert.True(reply.IsFunctionCall);
        Assert.Equal("capture", reply.FunctionName);
        Assert.Equal(expected, JsonDocument.Parse(reply.Arguments!).RootElement.GetProperty("value").GetString());
    }

    [Fact]
    public void Reply_ToolDescriptionNamesTheKind_BeatsTheInstructions()
    {
        var tool = Capture("save", "Saves the postcode.");

        var reply = Model.Reply(ModelTurn.User("nine four one oh three"), "Ask for their phone number.", [tool], RealtimeToolChoice.Auto);
        var british = new LocalRealtimeModel(new EntityNormalizer(new EntityOptions { DefaultRegion = "GB" }))
            .Reply(ModelTurn.User("S W one A one A A"), "Ask for their phone number.", [tool], RealtimeToolChoice.Auto);

        Assert.Equal("""{"value":"94103"}""", reply.Arguments);
        Assert.Equal("""{"value":"SW1A 1AA"}""", british.Arguments);
    }

    [Fact]
    public void Reply_NoRequiredStringProperty_UsesValue()
    {
        var tool = Capture(schema: """{"type":"object","properties":{"count":{"type":"integer"}},"required":["count"]}""");

        var reply = Model.Reply(ModelTurn.User("hello"), null, [tool], RealtimeToolChoice.Auto);

        Assert.Equal("""{"value":"hello"}""", reply.Arguments);
    }

    [Fact]
    public void Reply_AfterToolOutput_ThanksWithTheOutput()
    {
        var reply = Model.Reply(ModelTurn.Tool("It is foggy and 12 degrees in London", "get_weather"), null, [Capture()], RealtimeToolChoice.Auto);

        Assert.Equal("Thanks. It is foggy and 12 degrees in London.", reply.Text);
    }

    [Theory]
    [InlineData("", "Sorry, I didn't catch that.")]
    [InlineData("  ", "Sorry, I didn't catch that.")]
    public void Reply_NothingHeard_AsksAgainEvenWithTools(string transcript, string expected)
    {
        Assert.Equal(expected, Model.Reply(ModelTurn.User(transcript), null, [Capture()], RealtimeToolChoice.Auto).Text);
    }

    [Fact]
    public void Reply_NoUserInput_Greets()
    {
        Assert.Equal("Hello! How can I help?", Model.Reply(ModelTurn.Nothing, null, [], RealtimeToolChoice.Auto).Text);
    }

    [Theory]
    [InlineData("Ask for the phone number and the name.", EntityKind.PhoneNumber)]
    [InlineData("What is your card number?", EntityKind.CardNumber)]
    [InlineData("Read me the order number.", EntityKind.OrderCode)]
    [InlineData("the zip code please", EntityKind.Postcode)]
    [InlineData("The booking reference", EntityKind.OrderCode)]
    [InlineData("Your e-mail address", EntityKind.Email)]
    [InlineData("Spell it for me", EntityKind.SpelledName)]
    [InlineData("any number will do", EntityKind.PhoneNumber)]
    [InlineData("getPhoneNumber", EntityKind.PhoneNumber)]
    [InlineData("capture_postcode", EntityKind.Postcode)]
    public void Infer_Keywords_GiveTheKind(string text, EntityKind expected)
    {
        Assert.Equal(expected, EntityKindInference.Infer(text));
    }

    [Fact]
    public void Infer_NoKeyword_IsNullAndTheFirstSourceWithOneWins()
    {
        Assert.Null(EntityKindInference.Infer("Look up the weather for a city.", null, "get_weather"));
        Assert.Equal(EntityKind.Email, EntityKindInference.Infer(null, "where to write", "send_email", "Ask for the phone number."));
    }
}
