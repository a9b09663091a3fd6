using System.CommandLine;
using System.Text;
using Tandem.Responses;
using Tandem.Responses.Protocol;

namespace Tandem.Cli.Commands;

/// <summary>
/// <c>tandem inspect FILE</c>: reads a recorded stream (SSE, or JSON Lines of WebSocket frames)
/// with the client's own reader and accumulator, and reports what a client would have seen.
/// </summary>
internal static class InspectCommand
{
    public const string Sse = "sse";
    public const string JsonLines = "jsonl";

    // What an SSE file can start with; "event:" and "data:" are what real streams start with, the
    // others are legal SSE too and cost nothing to recognise.
    private static readonly string[] SsePrefixes = ["event:", "data:", "id:", "retry:", ":"];

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A recorded stream: an SSE body (e.g. response.sse) or JSON Lines of events / {\"direction\",\"event\"} frames." };
        var json = new Option<bool>("--json") { Description = "Print the response accumulated from the events as JSON instead of the report." };
        var format = new Option<string?>("--format") { Description = "The input format; by default detected from the first non-blank line." };
        format.AcceptOnlyFromAmong(Sse, JsonLines);

        var command = new Command("inspect", "Read a recorded Responses stream with the client's reader and report its events and the response they build.")
        {
            file, json, format,
        };

        command.SetAction((parse, cancellationToken) =>
            RunAsync(parse.GetValue(file)!, parse.GetValue(format), parse.GetValue(json), Console.Out, Console.Error, cancellationToken));
        return command;
    }

    /// <summary>Exit codes: 0 the file was read (whatever the stream says), 2 it could not be read or is not a stream of events.</summary>
    public static async Task<int> RunAsync(string path, string? format, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            await error.WriteLineAsync($"tandem inspect: no such file: {path}").ConfigureAwait(false);
            return 2;
        }

        InspectReport report;
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                format ??= await DetectFormatAsync(stream, cancellationToken).ConfigureAwait(false);
                report = new InspectReport(path, format);
                var events = format == JsonLines
                    ? ResponseEventReader.ReadJsonLinesAsync(stream, report.Stats, cancellationToken)
                    : ResponseEventReader.ReadSseAsync(stream, report.Stats, cancellationToken);
                await foreach (var evt in events.ConfigureAwait(false))
                {
                    report.Add(evt);
                }
            }
        }
        catch (ResponseStreamFormatException ex)
        {
            await error.WriteLineAsync($"tandem inspect: {path}: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"tandem inspect: cannot read {path}: {ex.Message}").ConfigureAwait(false);
            return 2;
        }

        if (json)
        {
            report.WriteJson(output);
        }
        else
        {
            report.Write(output);
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    /// <summary>
    /// SSE when the first non-blank line is an SSE field or comment, JSON Lines when it opens an object;
    /// an empty file reads as an empty SSE stream. Leaves the stream at its start.
    /// </summary>
    private static async Task<string> DetectFormatAsync(Stream stream, CancellationToken cancellationToken)
    {
        try
        {
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
            var lineNumber = 0;
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                if (line.TrimStart().StartsWith('{'))
                {
                    return JsonLines;
                }

                if (SsePrefixes.Any(p => line.StartsWith(p, StringComparison.Ordinal)))
                {
                    return Sse;
                }

                throw new ResponseStreamFormatException(lineNumber, "cannot tell the format: the first line is neither an SSE field (\"event:\", \"data:\") nor a JSON object; use --format sse|jsonl");
            }

            return Sse;
        }
        finally
        {
            stream.Position = 0;
        }
    }
}
