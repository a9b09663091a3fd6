using System.Text;
using Tandem.Benchmarks.Infrastructure;

namespace Tandem.Benchmarks.Parsing;

/// <summary>
/// A recorded event stream from tests/fixtures/recorded, in the two shapes a client receives it:
/// the SSE body of an HTTP response, and one WebSocket text frame (the JSON) per event.
/// </summary>
public sealed class RecordedStream
{
    private RecordedStream(string name, byte[] sse, byte[][] frames)
    {
        Name = name;
        Sse = sse;
        Frames = frames;
    }

    public string Name { get; }

    /// <summary>The SSE bytes as recorded (<c>event:</c>/<c>data:</c> blocks, one blank line between events).</summary>
    public byte[] Sse { get; }

    /// <summary>Each event's <c>data:</c> payload: exactly what WebSocket mode sends as a text frame.</summary>
    public byte[][] Frames { get; }

    public int EventCount => Frames.Length;

    /// <summary>
    /// Concatenates the <c>response.sse</c> of <paramref name="folders"/>, in order. Every recorded
    /// file is one complete response, so the result reads like consecutive turns on one stream.
    /// </summary>
    public static RecordedStream Load(string name, params string[] folders)
    {
        var sse = new MemoryStream();
        var frames = new List<byte[]>();
        foreach (var folder in folders)
        {
            var path = Path.Combine(RepositoryPaths.Recorded, folder, "response.sse");
            var text = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
            foreach (var line in text.Split('\n'))
            {
                if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    frames.Add(Encoding.UTF8.GetBytes(line[5..].TrimStart()));
                }
            }

            // Keep a blank line between files so the last event of one cannot run into the next.
            var bytes = Encoding.UTF8.GetBytes(text.TrimEnd('\n') + "\n\n");
            sse.Write(bytes);
        }

        return new RecordedStream(name, sse.ToArray(), [.. frames]);
    }
}
