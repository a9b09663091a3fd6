using System.Globalization;
using System.Text;
using Tandem.Responses.Protocol;
using Tandem.Responses.Protocol.Json;
using Sdk = OpenAI.Responses;

namespace Tandem.Benchmarks.Turns;

/// <summary>
/// A conversation resent in full on a stateless (<c>store:false</c>) HTTP turn: rounds of a user
/// message, a <c>function_call</c> and its <c>function_call_output</c> (a few KB of file content,
/// with the quotes and newlines that JSON must escape), ending with a user message. The same
/// history is given to every client: as Tandem items, as the SDK's items, and as prebuilt bytes.
/// </summary>
public sealed class History
{
    private History(List<ResponseItem> items, int jsonBytes)
    {
        Items = items;
        JsonBytes = jsonBytes;
        SdkItems = items.Select(ToSdk).ToList();
    }

    public List<ResponseItem> Items { get; }

    public List<Sdk.ResponseItem> SdkItems { get; }

    /// <summary>The size of the request's <c>input</c> array as JSON.</summary>
    public int JsonBytes { get; }

    /// <summary>
    /// Adds rounds whose tool outputs are about <paramref name="outputBytes"/> long until the input
    /// is at least <paramref name="targetBytes"/> of JSON.
    /// </summary>
    /// <summary>
    /// The history the turn benchmarks resend for a target size: tool outputs of ~4 KB from 200 KB
    /// up (the large history), one ~1.8 KB output below (a single round: the small one).
    /// </summary>
    public static History ForTarget(int targetBytes) => Build(targetBytes, targetBytes >= 200 * 1024 ? 4 * 1024 : 1800);

    public static History Build(int targetBytes, int outputBytes)
    {
        var items = new List<ResponseItem>();
        var size = 0;
        for (var round = 0; size < targetBytes; round++)
        {
            var callId = "call_" + round.ToString("D4", CultureInfo.InvariantCulture);
            var path = $"src/Module{round % 7}/File{round}.cs";
            items.Add(MessageItem.User($"Step {round}: open {path} and check how Compute handles negative input."));
            items.Add(new FunctionCallItem { CallId = callId, Name = "read_file", Arguments = $"{{\"path\":\"{path}\"}}" });
            items.Add(FunctionCallOutputItem.Create(callId, FileContent(path, outputBytes)));
            size = Measure(items);
        }

        items.Add(MessageItem.User("Summarise what you found."));
        return new History(items, Measure(items));
    }

    private static int Measure(List<ResponseItem> items) => ProtocolJson.SerializeToUtf8Bytes(new ResponseInput(items)).Length;

    private static string FileContent(string path, int bytes)
    {
        var text = new StringBuilder(bytes + 100);
        for (var line = 1; text.Length < bytes; line++)
        {
            text.Append(CultureInfo.InvariantCulture, $"    public static int Compute{line}(int x) => x < 0 ? throw new ArgumentException(\"negative: \" + x) : x * {line}; // {path}:{line}\n");
        }

        return text.ToString();
    }

    private static Sdk.ResponseItem ToSdk(ResponseItem item) => item switch
    {
        MessageItem m => Sdk.ResponseItem.CreateUserMessageItem(m.GetText()),
        FunctionCallItem f => Sdk.ResponseItem.CreateFunctionCallItem(f.CallId, f.Name, BinaryData.FromString(f.Arguments)),
        FunctionCallOutputItem o => Sdk.ResponseItem.CreateFunctionCallOutputItem(o.CallId, o.Output.GetText()),
        _ => throw new NotSupportedException(item.GetType().Name),
    };
}
