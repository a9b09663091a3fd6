using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using NAudio.Wave;
using Tandem.Voice.Realtime;
using Tandem.Voice.Realtime.Protocol;
using Tandem.Voice.Tests.Realtime.Support;

namespace Tandem.Voice.Tests.Realtime;

/// <summary>Streaming audio: format checks, chunking, pacing on the TimeProvider, cancellation.</summary>
public sealed partial class RealtimeClientTests
{
    private static string SessionCreatedWithInputFormat(string type)
    {
        var created = JsonNode.Parse(SessionCreated)!;
        created["session"]!["audio"]!["input"]!["format"] = new JsonObject { ["type"] = type };
        return created.ToJsonString();
    }

    private async Task<RealtimeClient> ConnectedClientAsync(FakeRealtimeServer server, Action<RealtimeClientOptions>? configure = null)
    {
        var client = NewClient(server, configure);
        await client.ConnectAsync(Ct);
        await client.WaitForAsync<RealtimeSessionCreatedEvent>(cancellationToken: Ct);
        return client;
    }

    private async Task<List<byte[]>> AppendedAudioAsync(FakeRealtimeServer server, RealtimeClient client)
    {
        await client.CloseAsync(Ct);
        await server.AssertScriptSucceededAsync();
        return [.. (await server.Connection).Received
            .Where(e => (string?)e["type"] == "input_audio_buffer.append")
            .Select(e => Convert.FromBase64String((string)e["audio"]!))];
    }

    [Fact]
    public async Task StreamAudioAsync_Wav24kHzMono16Bit_SendsEveryByteInChunks()
    {
        await using var server = await StartQuietServerAsync();
        await using var client = await ConnectedClientAsync(server);
        var pcm = TestAudio.Tone(250);
        using var wav = TestAudio.Wav(new WaveFormat(24000, 16, 1), pcm);

        var duration = await client.StreamAudioAsync(wav.Path, new AudioStreamOptions { ChunkDuration = TimeSpan.FromMilliseconds(40), Pacing = AudioPacing.AsFastAsPossible }, Ct);

        Assert.Equal(TimeSpan.FromMilliseconds(250), duration);
        var chunks = await AppendedAudioAsync(server, client);
        Assert.Equal(7, chunks.Count); // 6 × 40 ms + 10 ms
        Assert.All(chunks.SkipLast(1), c => Assert.Equal(1920, c.Length));
        Assert.Equal(pcm, chunks.SelectMany(c => c).ToArray());
    }

    [Theory]
    [InlineData(16000, 16, 1, "16000 Hz, 16-bit, 1 channel(s)")]
    [InlineData(24000, 16, 2, "24000 Hz, 16-bit, 2 channel(s)")]
    [InlineData(24000, 8, 1, "24000 Hz, 8-bit, 1 channel(s)")]
    public async Task StreamAudioAsync_WavNotInTheSessionsFormat_FailsNamingBothAndSendsNothing(int rate, int bits, int channels, string described)
    {
        await using var server = await StartQuietServerAsync();
        await using var client = await ConnectedClientAsync(server);
        using var wav = TestAudio.Wav(new WaveFormat(rate, bits, channels), new byte[rate / 10 * bits / 8 * channels]);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.StreamAudioAsync(wav.Path, cancellationToken: Ct));

        Assert.Contains(described, ex.Message, StringComparison.Ordinal);
        Assert.Contains("audio/pcm needs 24000 Hz 16-bit mono", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await AppendedAudioAsync(server, client));
    }

    [Fact]
    public async Task StreamAudioAsync_NotAWavFile_FailsClearly()
    {
        await using var server = await StartQuietServerAsync();
        await using var client = await ConnectedClientAsync(server);
        var path = Path.Combine(Path.GetTempPath(), "tandem-rt-" + Guid.NewGuid().ToString("N") + ".wav");
        await File.WriteAllTextAsync(path, "not a riff file at all", Ct);
        try
        {
            var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.StreamAudioAsync(path, cancellationToken: Ct));
            Assert.Contains("not a WAV file", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task StreamAudioAsync_RawAudioEndingMidSample_Fails()
    {
        await using var server = await StartQuietServerAsync();
        await using var client = await ConnectedClientAsync(server);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.StreamAudioAsync(new MemoryStream(new byte[4801]), new AudioStreamOptions { Pacing = AudioPacing.AsFastAsPossible }, Ct));

        Assert.Contains("middle of a sample", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamAudioAsync_DeclaredFormatNotTheSessions_FailsBeforeSending()
    {
        await using var server = await StartQuietServerAsync();
        await using var client = await ConnectedClientAsync(server);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.StreamAudioAsync(new MemoryStream(new byte[800]), new AudioStreamOptions { Format = RealtimeAudioFormat.Pcmu }, Ct));

        Assert.Contains("audio/pcmu", ex.Message, StringComparison.Ordinal);
        Assert.Contains("session's input format is audio/pcm", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await AppendedAudioAsync(server, client));
    }

    [Fact]
    public async Task StreamAudioAsync_MuLawSessionAndMuLawWav_StreamsAt8kHz()
    {
        await using var server = await StartQuietServerAsync(SessionCreatedWithInputFormat(RealtimeAudioFormat.PcmuType));
        await using var client = await ConnectedClientAsync(server);
        var ulaw = Enumerable.Range(0, 2400).Select(i => (byte)(i * 7)).ToArray(); // 300 ms at 8 kHz
        using var wav = TestAudio.Wav(WaveFormat.CreateMuLawFormat(8000, 1), ulaw);

        var duration = await client.StreamAudioAsync(wav.Path, new AudioStreamOptions { Pacing = AudioPacing.AsFastAsPossible }, Ct);

        Assert.Equal(TimeSpan.FromMilliseconds(300), duration);
        var chunks = await AppendedAudioAsync(server, client);
        Assert.Equal([800, 800, 800], chunks.Select(c => c.Length));
        Assert.Equal(ulaw, chunks.SelectMany(c => c).ToArray());
    }

    [Fact]
    public async Task StreamAudioAsync_PcmWavWhileTheSessionIsMuLaw_Fails()
    {
        await using var server = await StartQuietServerAsync(SessionCreatedWithInputFormat(RealtimeAudioFormat.PcmuType));
        await using var client = await ConnectedClientAsync(server);
        using var wav = TestAudio.Wav(new WaveFormat(24000, 16, 1), TestAudio.Tone(100));

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.StreamAudioAsync(wav.Path, cancellationToken: Ct));

        Assert.Contains("audio/pcmu needs 8000 Hz mono G.711 µ-law", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamAudioAsync_RealTimePacing_WaitsOnTheTimeProvider()
    {
        var time = new FakeTimeProvider();
        var appended = new SemaphoreSlim(0);
        await using var server = await FakeRealtimeServer.StartAsync(async (c, ct) =>
        {
            await c.SendAsync(SessionCreated, ct);
            while (await c.ReceiveAsync(ct) is { } evt)
            {
                if ((string?)evt["type"] == "input_audio_buffer.append")
                {
                    appended.Release();
                }
            }
        });
        await using var client = await ConnectedClientAsync(server, o => o.TimeProvider = time);

        var streaming = client.StreamAudioAsync(new MemoryStream(TestAudio.Tone(300)), new AudioStreamOptions { Pacing = AudioPacing.RealTime }, Ct);
        await appended.WaitAsync(Ct);

        // The clock has not moved: the next 100 ms chunk is not due.
        Assert.False(streaming.IsCompleted);
        for (var chunk = 2; chunk <= 3; chunk++)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            await appended.WaitAsync(Ct);
        }

        Assert.Equal(TimeSpan.FromMilliseconds(300), await streaming);
    }

    [Fact]
    public async Task StreamAudioAsync_Cancelled_StopsAndTheSessionGoesOn()
    {
        var time = new FakeTimeProvider();
        var appended = new SemaphoreSlim(0);
        await using var server = await FakeRealtimeServer.StartAsync(async (c, ct) =>
        {
            await c.SendAsync(SessionCreated, ct);
            while (await c.ReceiveAsync(ct) is { } evt)
            {
                if ((string?)evt["type"] == "input_audio_buffer.append")
                {
                    appended.Release();
                }
                else
                {
                    await c.SendAsync(FakeRealtimeServer.Error((string?)evt["event_id"], "input_audio_buffer_commit_empty", "buffer too small"), ct);
                }
            }
        });
        await using var client = await ConnectedClientAsync(server, o => o.TimeProvider = time);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var streaming = client.StreamAudioAsync(new MemoryStream(TestAudio.Tone(1000)), new AudioStreamOptions { Pacing = AudioPacing.RealTime }, cts.Token);
        await appended.WaitAsync(Ct);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => streaming);
        var ex = await Assert.ThrowsAsync<RealtimeException>(() => client.CommitAudioAsync(Ct));
        Assert.Equal("input_audio_buffer_commit_empty", ex.Code);
    }

    [Fact]
    public async Task AppendAudioAsync_Empty_Throws()
    {
        await using var server = await StartQuietServerAsync();
        await using var client = await ConnectedClientAsync(server);

        await Assert.ThrowsAsync<ArgumentException>(async () => await client.AppendAudioAsync(ReadOnlyMemory<byte>.Empty, Ct));
    }
}
