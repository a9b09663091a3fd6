using System.Net;
using System.Text;
using Tandem.Bench.Measurement;
using Tandem.Server.Tests.Support;

namespace Tandem.Bench.Tests.Measurement;

public sealed class TrafficMeterTests
{
    [Fact]
    public async Task Handler_CountsWireBytesBothWays_HeadersIncluded()
    {
        using var meter = new TrafficMeter();
        await using var server = await TestServer.StartAsync();
        using var http = new HttpClient(meter.Handler, disposeHandler: false) { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestServer.KeyA);
        const string body = """{"model":"tandem-default","input":"Hello"}""";

        using var response = await http.PostAsync("/v1/responses", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(meter.BytesSent > body.Length, $"sent {meter.BytesSent} for a {body.Length}-byte body");
        Assert.True(meter.BytesReceived > Encoding.UTF8.GetByteCount(text), $"received {meter.BytesReceived} for a {text.Length}-character body");
        Assert.Equal(1, meter.Connections);
    }
}
