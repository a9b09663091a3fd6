namespace Tandem.Responses.Tests;

/// <summary>Options a client refuses, with the option named.</summary>
public sealed class ResponsesClientOptionsTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(10_001)]
    public void AReceiveSpinLimitOutOfRange_IsRefused_NamingIt(int microseconds)
    {
        var options = Options(TimeSpan.FromMicroseconds(microseconds));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ResponsesClient(options));
        Assert.Equal(nameof(ResponsesClientOptions.ReceiveSpinLimit), ex.ParamName);
        Assert.Contains("10 ms", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(200)]
    [InlineData(10_000)]
    public async Task AReceiveSpinLimitInRange_IsAccepted(int microseconds)
    {
        await using var client = new ResponsesClient(Options(TimeSpan.FromMicroseconds(microseconds)));
        Assert.NotNull(client);
    }

    [Fact]
    public void TheDefaultSpinLimit_Is200Microseconds() =>
        Assert.Equal(TimeSpan.FromMicroseconds(200), new ResponsesClientOptions().ReceiveSpinLimit);

    private static ResponsesClientOptions Options(TimeSpan spin) => new()
    {
        BaseUrl = new Uri("http://127.0.0.1:9/v1/"),
        ApiKeys = { "sk-test" },
        ReceiveSpinLimit = spin,
    };
}
