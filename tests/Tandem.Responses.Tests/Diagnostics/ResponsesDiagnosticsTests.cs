using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Tandem.Responses.Protocol;
using Tandem.Responses.Tests.Support;
using Tandem.Server.Tests.Support;

namespace Tandem.Responses.Tests.Diagnostics;

/// <summary>A chat span per call and the GenAI/Tandem metrics, named as OpenTelemetry's GenAI conventions name them.</summary>
public sealed class ResponsesDiagnosticsTests
{
    [Theory]
    [MemberData(nameof(Clients.BothTransports), MemberType = typeof(Clients))]
    public async Task StreamAsync_OneCall_EmitsAChatSpanAndMetricsWithoutKeys(ResponsesTransportKind transport)
    {
        var model = "diag-" + Guid.NewGuid().ToString("N")[..8]; // unique, to pick this test's data out of shared listeners
        var spans = new ConcurrentBag<Activity>();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Tandem.Responses",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => spans.Add(a),
        };
        ActivitySource.AddActivityListener(activityListener);
        var measurements = new ConcurrentBag<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Tandem.Responses")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meterListener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Add((i.Name, v, ToDictionary(tags))));
        meterListener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Add((i.Name, v, ToDictionary(tags))));
        meterListener.Start();

        await using var server = await TestServer.StartAsync();
        await using var client = Clients.Create(server, transport);
        var response = await client.CreateAsync(new ResponseCreateRequest { Model = model, Input = "Hello telemetry" }, TestContext.Current.CancellationToken);
        await foreach (var _ in client.StreamAsync(new ResponseCreateRequest { Model = model, Input = "again" }, cancellationToken: TestContext.Current.CancellationToken))
        {
        }

        var span = spans.First(s => Equals(s.GetTagItem("gen_ai.request.model"), model) && Equals(s.GetTagItem("gen_ai.response.id"), response.Id)
            || Equals(s.GetTagItem("gen_ai.request.model"), model));
        Assert.Equal($"chat {model}", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("chat", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal(transport == ResponsesTransportKind.WebSocket ? "websocket" : "http", span.GetTagItem("tandem.transport"));
        Assert.True((int)span.GetTagItem("gen_ai.usage.input_tokens")! > 0);
        Assert.True((int)span.GetTagItem("gen_ai.usage.output_tokens")! > 0);
        Assert.DoesNotContain(span.Tags, t => t.Value?.Contains(TestServer.KeyA, StringComparison.Ordinal) == true);

        var mine = measurements.Where(m => Equals(m.Tags.GetValueOrDefault("gen_ai.request.model"), model)).ToList();
        Assert.Contains(mine, m => m.Instrument == "gen_ai.client.operation.duration" && m.Value > 0);
        Assert.Contains(mine, m => m.Instrument == "gen_ai.client.token.usage" && Equals(m.Tags["gen_ai.token.type"], "input") && m.Value > 0);
        Assert.Contains(mine, m => m.Instrument == "gen_ai.client.token.usage" && Equals(m.Tags["gen_ai.token.type"], "output") && m.Value > 0);
        var transportTag = transport == ResponsesTransportKind.WebSocket ? "websocket" : "http";
        Assert.Contains(measurements, m => m.Instrument == "tandem.client.bytes_sent" && Equals(m.Tags["tandem.transport"], transportTag) && m.Value > 0);
        Assert.Contains(measurements, m => m.Instrument == "tandem.client.bytes_received" && Equals(m.Tags["tandem.transport"], transportTag) && m.Value > 0);
        Assert.Contains(measurements, m => m.Instrument == "tandem.client.time_to_first_token" && Equals(m.Tags["tandem.transport"], transportTag));
    }

    [Fact]
    public async Task ChainReplayAndReconnect_AreCounted()
    {
        var counts = new ConcurrentDictionary<string, long>();
        using var meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Tandem.Responses" && instrument.Name is "tandem.client.chain_replays" or "tandem.client.reconnects")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meterListener.SetMeasurementEventCallback<long>((i, v, _, _) => counts.AddOrUpdate(i.Name, v, (_, old) => old + v));
        meterListener.Start();
        await using var server = await TestServer.StartAsync();
        await using var client = Clients.Create(server, ResponsesTransportKind.WebSocket);
        var chain = client.CreateChain(new ResponseCreateRequest { Model = "tandem-default", Store = false });

        await chain.SendAndWaitAsync([MessageItem.User("one")], TestContext.Current.CancellationToken);
        server.Host.DropWebSocketConnections();
        await Task.Delay(50, TestContext.Current.CancellationToken);
        await chain.SendAndWaitAsync([MessageItem.User("two")], TestContext.Current.CancellationToken);

        Assert.Equal(1, chain.Replays);
        Assert.True(counts.GetValueOrDefault("tandem.client.chain_replays") >= 1);
        Assert.True(counts.GetValueOrDefault("tandem.client.reconnects") >= 1);
    }

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var d = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var t in tags)
        {
            d[t.Key] = t.Value;
        }

        return d;
    }
}
