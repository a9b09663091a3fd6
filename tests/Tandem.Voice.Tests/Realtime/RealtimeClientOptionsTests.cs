using Tandem.Voice.Realtime;

namespace Tandem.Voice.Tests.Realtime;

public sealed class RealtimeClientOptionsTests
{
    [Fact]
    public void ToString_WithAKey_NeverShowsIt()
    {
        var options = new RealtimeClientOptions { ApiKey = "sk-proj-secretsecretsecret123456" };

        Assert.DoesNotContain("secret", options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", new RealtimeClient(options).ToString(), StringComparison.Ordinal);
        Assert.Contains("key set", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ConnectUri_Defaults_AreOpenAisEndpointAndModel()
    {
        Assert.Equal("wss://api.openai.com/v1/realtime?model=gpt-realtime-1.5", new RealtimeClientOptions().ConnectUri().AbsoluteUri);
    }

    [Fact]
    public void ConnectUri_LocalServerWithQuery_AddsTheModel()
    {
        var options = new RealtimeClientOptions { BaseUrl = new Uri("ws://127.0.0.1:5123/v1/realtime?trace=1"), Model = "gpt-realtime-2.1" };

        Assert.Equal("ws://127.0.0.1:5123/v1/realtime?trace=1&model=gpt-realtime-2.1", options.ConnectUri().AbsoluteUri);
    }

    [Theory]
    [InlineData("https://api.openai.com/v1/realtime", "BaseUrl")]
    [InlineData("wss://api.openai.com/v1/realtime", "Model")]
    public void Constructor_BadOptions_ThrowNamingTheSetting(string url, string named)
    {
        var options = new RealtimeClientOptions { BaseUrl = new Uri(url), Model = named == "Model" ? " " : "gpt-realtime" };

        var ex = Assert.Throws<ArgumentException>(() => new RealtimeClient(options));
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ZeroCapacity_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RealtimeClient(new RealtimeClientOptions { ReceiveCapacity = 0 }));
    }
}
