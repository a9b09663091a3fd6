using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tandem.Responses.Protocol.Json;

namespace Tandem.Responses.Protocol.Tests.Json;

/// <summary>
/// Long strings written again are written from their remembered encoding: the bytes must be the
/// ones a fresh serialisation writes, under every encoder, however often the item is sent.
/// </summary>
public sealed class LargeStringCacheTests
{
    private static readonly string Long = string.Concat(Enumerable.Range(0, 200).Select(i => $"line {i}: \"quoted\" \\ tab\t é 😀 <tag> & \u0001\n"));

    public static TheoryData<string> Encoders() => new("relaxed", "default");

    [Theory]
    [MemberData(nameof(Encoders))]
    public void Serialize_ItemsWithLongStrings_WritesTheSameBytesEveryTime(string encoderName)
    {
        var encoder = encoderName == "relaxed" ? JavaScriptEncoder.UnsafeRelaxedJsonEscaping : JavaScriptEncoder.Default;
        List<ResponseItem> items =
        [
            FunctionCallOutputItem.Create("call_1", Long),
            new FunctionCallItem { CallId = "call_1", Name = "f", Arguments = Long },
            MessageItem.AssistantText("msg_1", Long),
            new ReasoningItem { Id = "rs_1", EncryptedContent = Long, Summary = [new ContentPart { Type = "summary_text", Text = Long }] },
            new CompactionItem { EncryptedContent = Long },
        ];
        var reference = Fresh(items, encoder);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(reference, Write(items, encoder));
        }

        // The other encoder in between does not get this one's bytes.
        var other = encoder == JavaScriptEncoder.Default ? JavaScriptEncoder.UnsafeRelaxedJsonEscaping : JavaScriptEncoder.Default;
        Assert.Equal(Fresh(items, other), Write(items, other));
        Assert.Equal(reference, Write(items, encoder));
        Assert.Equal(Long, ProtocolJson.Deserialize<List<ResponseItem>>(Encoding.UTF8.GetBytes(reference))!.OfType<FunctionCallOutputItem>().Single().Output.GetText());
    }

    [Fact]
    public void Serialize_RequestResentWithAnAppendedItem_WritesTheNewItemToo()
    {
        List<ResponseItem> history = [MessageItem.User("hi"), FunctionCallOutputItem.Create("call_1", Long)];
        var request = new ResponseCreateRequest { Model = "m", Input = new ResponseInput(history), Store = false };
        string written;
        LargeStringCache.Begin();
        try
        {
            ProtocolJson.Serialize(request);
            ProtocolJson.Serialize(request);
            history.Add(FunctionCallOutputItem.Create("call_2", Long + "!"));
            written = ProtocolJson.Serialize(request);
        }
        finally
        {
            LargeStringCache.End();
        }

        var outputs = ProtocolJson.Deserialize<ResponseCreateRequest>(written)!.Input!.Items!.OfType<FunctionCallOutputItem>().Select(o => o.Output.GetText()).ToList();
        Assert.Equal([Long, Long + "!"], outputs);
    }

    /// <summary>Through the cache: the same list (and so the same string instances) each time.</summary>
    private static string Write(List<ResponseItem> items, JavaScriptEncoder encoder)
    {
        var buffer = new ArrayBufferWriter<byte>();
        LargeStringCache.Begin();
        try
        {
            using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = encoder });
            JsonSerializer.Serialize(writer, items, ProtocolJson.Info<List<ResponseItem>>());
        }
        finally
        {
            LargeStringCache.End();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The reference: copies of every string, which the cache has never seen.</summary>
    private static string Fresh(List<ResponseItem> items, JavaScriptEncoder encoder)
    {
        var copies = ProtocolJson.Deserialize<List<ResponseItem>>(ProtocolJson.SerializeToUtf8Bytes(items))!;
        return Write(copies, encoder);
    }
}
