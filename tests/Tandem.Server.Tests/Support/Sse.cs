using System.Text.Json.Nodes;

namespace Tandem.Server.Tests.Support;

/// <summary>Reads an SSE body strictly: every block must be exactly <c>event:</c> + <c>data:</c> + blank line.</summary>
public static class Sse
{
    public sealed record Frame(string Event, string Data)
    {
        public JsonObject Json => JsonNode.Parse(Data)!.AsObject();
    }

    public static List<Frame> Parse(string body)
    {
        var frames = new List<Frame>();
        var blocks = body.Split("\n\n");
        for (var i = 0; i < blocks.Length; i++)
        {
            var block = blocks[i];
            if (block.Length == 0)
            {
                Assert.True(i == blocks.Length - 1, "empty SSE block in the middle of the stream");
                continue;
            }

            var lines = block.Split('\n');
            Assert.Equal(2, lines.Length);
            Assert.StartsWith("event: ", lines[0], StringComparison.Ordinal);
            Assert.StartsWith("data: ", lines[1], StringComparison.Ordinal);
            frames.Add(new Frame(lines[0]["event: ".Length..], lines[1]["data: ".Length..]));
        }

        return frames;
    }

    public static async Task<List<Frame>> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, JsonObject body)
    {
        using var content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        return await http.PostAsync("/v1/responses", content, TestContext.Current.CancellationToken);
    }
}
