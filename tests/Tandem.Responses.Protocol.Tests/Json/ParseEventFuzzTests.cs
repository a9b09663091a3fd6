using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tandem.Responses.Protocol.Json;
using Tandem.TestSupport;

namespace Tandem.Responses.Protocol.Tests.Json;

/// <summary>
/// A deterministic differential fuzz test of <see cref="ProtocolJson.ParseEvent"/>: every recorded
/// event (and the same events as Tandem's own server writes them) is mutated, byte by byte and field
/// by field, and each mutated input must give what the serializer's general path gives: the same
/// event type and the same JSON once written, or the same exception type and message. The only
/// allowed difference: an opening event (<c>response.created</c>, <c>response.in_progress</c>,
/// <c>response.queued</c>) builds its response on first read, so where the serializer throws a
/// <see cref="JsonException"/>, reading that event's <see cref="ResponseLifecycleEvent.Response"/> may throw it instead.
/// </summary>
/// <remarks>
/// Every case is seeded (<c>new Random(seed)</c>) from its mutation and its index, so a run is the
/// same every time; a failure prints the exact input as a C# string literal (when it is valid UTF-8)
/// and as base64.
/// </remarks>
public sealed class ParseEventFuzzTests
{
    /// <summary>Mutated inputs per mutation kind (14 kinds: 30,100 in all).</summary>
    private const int CasesPerKind = 2_150;

    /// <summary>Failures shown in full in one test's message; the rest are counted.</summary>
    private const int MaxReported = 12;

    private static readonly JsonWriterOptions RelaxedWriter = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly HashSet<string> FastTypes =
    [
        ResponseEventTypes.OutputTextDelta, ResponseEventTypes.OutputTextDone,
        ResponseEventTypes.FunctionCallArgumentsDelta, ResponseEventTypes.FunctionCallArgumentsDone,
        ResponseEventTypes.Created, ResponseEventTypes.InProgress, ResponseEventTypes.Queued,
        ResponseEventTypes.Completed, ResponseEventTypes.Failed, ResponseEventTypes.Incomplete,
        ResponseEventTypes.ContentPartAdded, ResponseEventTypes.ContentPartDone,
        ResponseEventTypes.OutputItemAdded, ResponseEventTypes.OutputItemDone,
    ];

    private static readonly Lazy<SeedCorpus> Corpus = new(SeedCorpus.Load);

    public enum Mutation
    {
        DeleteByte,
        DuplicateByte,
        ReplaceByte,
        InsertWhitespace,
        SwapFields, // two fields of the event, or of an object in it
        DuplicateField, // one field of the event, or of an object in it, written twice
        RemoveField, // one field of the event, or of an object in it, left out (its default read)
        ChangeNumber,
        ChangeString,
        ReplaceEmptyArray,
        Truncate,
        AppendTrailing,
        ChangeType, // type made another event type the fast readers take
        Stacked, // two or three of the above, one after another
    }

    public static TheoryData<Mutation> Mutations() => new(Enum.GetValues<Mutation>());

    [Fact]
    public void ParseEvent_EverySeedUnmutated_GivesWhatTheSerializerGives()
    {
        var corpus = Corpus.Value;
        Assert.True(corpus.Seeds.Count > 1_000, $"only {corpus.Seeds.Count} seeds");
        Assert.Contains(corpus.Seeds, s => s.Origin == "server");

        var failures = new Failures();
        foreach (var seed in corpus.Seeds)
        {
            TestContext.Current.CancellationToken.ThrowIfCancellationRequested();
            Check(seed.Utf8, $"seed {seed.Origin} {seed.Type}", failures);
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{corpus.Seeds.Count} seeds, {failures.Fast} taken by a fast reader");
        failures.AssertNone(corpus.Seeds.Count);
    }

    [Theory]
    [MemberData(nameof(Mutations))]
    public void ParseEvent_MutatedEvents_GiveWhatTheSerializerGives(Mutation mutation)
    {
        var corpus = Corpus.Value;
        var failures = new Failures();
        for (var i = 0; i < CasesPerKind; i++)
        {
            TestContext.Current.CancellationToken.ThrowIfCancellationRequested();
            var caseSeed = ((int)mutation * 1_000_003) + i;
            var rng = new Random(caseSeed);
            var seed = corpus.Pick(rng);
            var input = Apply(mutation, seed.Utf8, rng, out var applied);
            Check(input, $"{mutation} case {i} (new Random({caseSeed})) {applied} of a {seed.Origin} {seed.Type}", failures);
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{mutation}: {CasesPerKind} inputs, {failures.Valid} read by the serializer, {failures.Fast} taken by a fast reader, {failures.Diverged} divergent");
        failures.AssertNone(CasesPerKind);

        // The fuzzing is worth something only while the fast readers take many of the inputs (they
        // take none that is cut short or repeats a field: those are the serializer's to reject or read).
        if (mutation is not (Mutation.Truncate or Mutation.DuplicateField))
        {
            Assert.True(failures.Fast > CasesPerKind / 20, $"only {failures.Fast} of {CasesPerKind} inputs were taken by a fast reader");
        }
    }

    // ---- the oracle -------------------------------------------------------------------------

    private static void Check(byte[] input, string origin, Failures failures)
    {
        ResponseStreamEvent? expectedEvent = null;
        Exception? expectedError = null;
        try
        {
            expectedEvent = ProtocolJson.Deserialize<ResponseStreamEvent>(input);
        }
        catch (Exception ex)
        {
            expectedError = ex;
        }

        // The serializer's null (the input "null") is the "Event is null." ParseEvent throws.
        if (expectedEvent is null && expectedError is null)
        {
            expectedError = new JsonException("Event is null.");
        }

        ResponseStreamEvent? actualEvent = null;
        Exception? actualError = null;
        try
        {
            actualEvent = ProtocolJson.ParseEvent(input);
        }
        catch (Exception ex)
        {
            actualError = ex;
        }

        // Opening events build their response on first read: the serializer's JsonException may come from there.
        if (expectedError is JsonException && actualEvent is ResponseLifecycleEvent { Type: ResponseEventTypes.Created or ResponseEventTypes.InProgress or ResponseEventTypes.Queued } opening)
        {
            try
            {
                _ = opening.Response;
            }
            catch (JsonException)
            {
                failures.Tally(valid: false, fast: true);
                return;
            }
        }

        var expected = expectedError is not null ? Describe(expectedError) : Describe(expectedEvent!);
        var actual = actualError is not null ? Describe(actualError) : Describe(actualEvent!);
        if (expected != actual)
        {
            failures.Add(input, origin, expected, actual);
        }

        failures.Tally(valid: expectedError is null, fast: FastEventReader.TryRead(input) is not null);
    }

    private static string Describe(Exception ex) => $"throws {ex.GetType().FullName}: {ex.Message}";

    private static string Describe(ResponseStreamEvent evt)
    {
        var text = new StringBuilder("returns ").Append(evt.GetType().Name).Append('\n');
        try
        {
            text.Append(ProtocolJson.Serialize(evt));
            if (evt is ResponseLifecycleEvent life)
            {
                text.Append("\nresponse: ").Append(ProtocolJson.Serialize(life.Response));
            }
        }
        catch (Exception ex)
        {
            text.Append("and writing it ").Append(Describe(ex));
        }

        return text.ToString();
    }

    // ---- mutations --------------------------------------------------------------------------

    private static readonly byte[][] ReplacementBytes = BuildReplacements();

    private static readonly string[] Numbers =
    [
        "-1", "01", "1.5", "1e2", "2147483648", "null", "0", "-0", "2147483647", "1E2", "1.0", "\"1\"", "99999999999",
        "-2147483649", "4294967296", "9223372036854775808", "1e400", "-1e400", "0.0", "true", "[]", "{}",
    ];

    private static readonly string[] Escapes = [@"\n", @"\""", @"\u00e9", @"\ud83d\ude00", @"\ud800", @"\x", @"\\", @"\/", @"\t", @"\u0041", @"\udc00", @"\u12", @"\"];

    private static readonly string[] EmptyArrayReplacements = ["[ ]", "null", "[1]", "[\n]", "[{}]", "{}"];

    private static readonly string[] Trailing = [" ", "\n", "\r\n", "\t", "}", "]", "{}", ",", "x", "\0", "null", " 1", "é", "\u0001"];

    private static byte[][] BuildReplacements()
    {
        var list = new List<byte[]>();
        foreach (var c in "\"\\{}[],:0123456789abcdefghijklmnopqrstuvwxyz ")
        {
            list.Add([(byte)c]);
        }

        list.Add("é"u8.ToArray());
        list.Add([0x01]);
        list.Add([0x1F]);
        list.Add([0xC3]);
        list.Add([0xFF]);
        list.Add([0xED, 0xA0, 0x80]);
        return [.. list];
    }

    private static byte[] Apply(Mutation mutation, byte[] seed, Random rng, out string applied)
    {
        if (mutation != Mutation.Stacked)
        {
            var result = ApplyOne(mutation, seed, rng, out var kind);
            applied = kind;
            return result;
        }

        var steps = rng.Next(2, 4);
        var input = seed;
        var names = new List<string>();
        for (var i = 0; i < steps; i++)
        {
            input = ApplyOne((Mutation)rng.Next((int)Mutation.Stacked), input, rng, out var kind);
            names.Add(kind);
        }

        applied = string.Join(" + ", names);
        return input;
    }

    /// <summary>One mutation; when it finds nothing to change (no number, no <c>[]</c>, not an object) it deletes a byte instead.</summary>
    private static byte[] ApplyOne(Mutation mutation, byte[] input, Random rng, out string applied)
    {
        applied = mutation.ToString();
        var result = mutation switch
        {
            Mutation.DeleteByte when input.Length > 0 => Splice(input, rng.Next(input.Length), 1, []),
            Mutation.DuplicateByte when input.Length > 0 => DuplicateByte(input, rng),
            Mutation.ReplaceByte when input.Length > 0 => Splice(input, rng.Next(input.Length), 1, ReplacementBytes[rng.Next(ReplacementBytes.Length)]),
            Mutation.InsertWhitespace => Splice(input, rng.Next(input.Length + 1), 0, rng.Next(2) == 0 ? " "u8 : "\n"u8),
            Mutation.SwapFields or Mutation.DuplicateField or Mutation.RemoveField => RewriteFields(input, rng, mutation),
            Mutation.ChangeNumber => ChangeToken(input, rng, JsonTokenType.Number),
            Mutation.ChangeString => ChangeToken(input, rng, JsonTokenType.String),
            Mutation.ReplaceEmptyArray => ReplaceEmptyArray(input, rng),
            Mutation.Truncate when input.Length > 0 => input[..(rng.Next(4) == 0 ? Math.Max(0, input.Length - rng.Next(1, 4)) : rng.Next(input.Length))],
            Mutation.ChangeType => ChangeType(input, rng),
            Mutation.AppendTrailing => [.. input, .. rng.Next(8) == 0 ? [0xFF] : Encoding.UTF8.GetBytes(Trailing[rng.Next(Trailing.Length)])],
            _ => null,
        };

        if (result is null)
        {
            applied += " (nothing to change, so DeleteByte)";
            result = input.Length > 0 ? Splice(input, rng.Next(input.Length), 1, []) : input;
        }

        return result;
    }

    private static byte[] DuplicateByte(byte[] input, Random rng)
    {
        var at = rng.Next(input.Length);
        return Splice(input, at, 0, input.AsSpan(at, 1));
    }

    private static byte[] Splice(byte[] input, int at, int remove, ReadOnlySpan<byte> insert)
    {
        var result = new byte[input.Length - remove + insert.Length];
        input.AsSpan(0, at).CopyTo(result);
        insert.CopyTo(result.AsSpan(at));
        input.AsSpan(at + remove).CopyTo(result.AsSpan(at + insert.Length));
        return result;
    }

    /// <summary>
    /// Two fields of an object swapped, one written twice (next to itself or elsewhere) or one left out, compactly
    /// with the relaxed encoder as ProtocolJson writes: the event's own fields two times in three,
    /// otherwise those of an object nested in it (a response, an item, a part, usage...).
    /// </summary>
    private static byte[]? RewriteFields(byte[] input, Random rng, Mutation mutation)
    {
        JsonObject root;
        var objects = new List<JsonObject>();
        try
        {
            if (JsonNode.Parse(input) is not JsonObject parsed)
            {
                return null;
            }

            root = parsed;
            Collect(root, objects);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            return null; // not JSON, a name already repeated or a name not valid UTF-8 (an earlier mutation's)
        }

        var candidates = objects.Where(o => o.Count >= (mutation == Mutation.SwapFields ? 2 : 1)).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var target = candidates[0] == root && (candidates.Count == 1 || rng.Next(3) != 0) ? root : candidates[rng.Next(candidates.Count)];
        var fields = target.Select(p => (p.Key, p.Value)).ToList();
        if (mutation == Mutation.DuplicateField)
        {
            var from = rng.Next(fields.Count);
            fields.Insert(rng.Next(2) == 0 ? from + 1 : rng.Next(fields.Count + 1), fields[from]);
        }
        else if (mutation == Mutation.RemoveField)
        {
            fields.RemoveAt(rng.Next(fields.Count));
        }
        else
        {
            var a = rng.Next(fields.Count);
            var b = (a + rng.Next(1, fields.Count)) % fields.Count;
            (fields[a], fields[b]) = (fields[b], fields[a]);
        }

        using var buffer = new MemoryStream();
        try
        {
            using var writer = new Utf8JsonWriter(buffer, RelaxedWriter);
            Write(writer, root, target, fields);
        }
        catch (InvalidOperationException)
        {
            return null; // a lone surrogate escaped by an earlier mutation cannot be written back
        }

        return buffer.ToArray();

        static void Collect(JsonNode? node, List<JsonObject> into)
        {
            switch (node)
            {
                case JsonObject obj:
                    into.Add(obj);
                    foreach (var (_, value) in obj)
                    {
                        Collect(value, into);
                    }

                    break;
                case JsonArray array:
                    foreach (var value in array)
                    {
                        Collect(value, into);
                    }

                    break;
            }
        }

        // The tree as it is, but for the target object, written with the fields given.
        static void Write(Utf8JsonWriter writer, JsonNode? node, JsonObject target, List<(string Name, JsonNode? Value)> targetFields)
        {
            switch (node)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case JsonObject obj:
                    writer.WriteStartObject();
                    foreach (var (name, value) in obj == target ? targetFields : obj.Select(p => (p.Key, p.Value)))
                    {
                        writer.WritePropertyName(name);
                        Write(writer, value, target, targetFields);
                    }

                    writer.WriteEndObject();
                    break;
                case JsonArray array:
                    writer.WriteStartArray();
                    foreach (var value in array)
                    {
                        Write(writer, value, target, targetFields);
                    }

                    writer.WriteEndArray();
                    break;
                default:
                    node.WriteTo(writer);
                    break;
            }
        }
    }

    /// <summary>The event's <c>type</c> made another event type the fast readers know (so it meets fields of another type's).</summary>
    private static byte[]? ChangeType(byte[] input, Random rng)
    {
        var at = input.AsSpan().IndexOf("\"type\":\""u8);
        if (at < 0)
        {
            return null;
        }

        var start = at + "\"type\":\""u8.Length;
        var length = input.AsSpan(start).IndexOf((byte)'"');
        if (length < 0)
        {
            return null;
        }

        var types = FastTypes.Order(StringComparer.Ordinal).ToArray();
        return Splice(input, start, length, Encoding.UTF8.GetBytes(types[rng.Next(types.Length)]));
    }

    /// <summary>
    /// A number (any depth) made one of <see cref="Numbers"/>; or a string value (now and then a
    /// property name) given an escape, inside it or as the whole of it.
    /// </summary>
    private static byte[]? ChangeToken(byte[] input, Random rng, JsonTokenType kind)
    {
        var tokens = Tokens(input, kind, names: kind == JsonTokenType.String && rng.Next(4) == 0);
        if (tokens.Count == 0)
        {
            return null;
        }

        var (start, length) = tokens[rng.Next(tokens.Count)];
        if (kind == JsonTokenType.Number)
        {
            return Splice(input, start, length, Encoding.ASCII.GetBytes(Numbers[rng.Next(Numbers.Length)]));
        }

        // A string: its bytes between the quotes are [start + 1, start + length - 1).
        var escape = Encoding.ASCII.GetBytes(Escapes[rng.Next(Escapes.Length)]);
        var inner = length - 2;
        return rng.Next(3) switch
        {
            0 => Splice(input, start + 1, inner, escape), // the whole value
            1 => Splice(input, start + 1 + inner, 0, escape), // at its end
            _ => Splice(input, start + 1 + rng.Next(inner + 1), 0, escape), // anywhere in it
        };
    }

    /// <summary>Start and length (quotes included) of every token of a kind in <paramref name="input"/>, when it is valid JSON.</summary>
    private static List<(int Start, int Length)> Tokens(byte[] input, JsonTokenType kind, bool names)
    {
        var tokens = new List<(int, int)>();
        try
        {
            var reader = new Utf8JsonReader(input, new JsonReaderOptions { MaxDepth = 256 });
            while (reader.Read())
            {
                var wanted = kind == JsonTokenType.String ? (names ? JsonTokenType.PropertyName : JsonTokenType.String) : kind;
                if (reader.TokenType == wanted)
                {
                    var start = (int)reader.TokenStartIndex;
                    var length = reader.TokenType == JsonTokenType.Number ? reader.ValueSpan.Length : reader.ValueSpan.Length + 2;
                    tokens.Add((start, length));
                }
            }
        }
        catch (JsonException)
        {
            tokens.Clear();
        }

        return tokens;
    }

    private static byte[]? ReplaceEmptyArray(byte[] input, Random rng)
    {
        var places = new List<int>();
        for (var i = input.AsSpan().IndexOf("[]"u8); i >= 0;)
        {
            places.Add(i);
            var next = input.AsSpan(i + 2).IndexOf("[]"u8);
            i = next < 0 ? -1 : i + 2 + next;
        }

        return places.Count == 0
            ? null
            : Splice(input, places[rng.Next(places.Count)], 2, Encoding.ASCII.GetBytes(EmptyArrayReplacements[rng.Next(EmptyArrayReplacements.Length)]));
    }

    // ---- seeds ------------------------------------------------------------------------------

    private sealed record Seed(byte[] Utf8, string Type, string Origin);

    /// <summary>
    /// The seeds, grouped by event type and origin (recorded, or as Tandem's server writes it); a case
    /// picks a group, the events the fast readers take four times as often as the others, then a
    /// seed in it, so the few opening and item events are mutated as much as the many text deltas.
    /// </summary>
    private sealed class SeedCorpus
    {
        private readonly List<List<Seed>> _groups;
        private readonly List<int> _cumulativeWeights = [];

        private SeedCorpus(List<Seed> seeds)
        {
            Seeds = seeds;
            _groups = [.. seeds.GroupBy(s => (s.Type, s.Origin)).OrderBy(g => g.Key.Origin, StringComparer.Ordinal).ThenBy(g => g.Key.Type, StringComparer.Ordinal).Select(g => g.ToList())];
            var total = 0;
            foreach (var group in _groups)
            {
                total += FastTypes.Contains(group[0].Type) ? 4 : 1;
                _cumulativeWeights.Add(total);
            }
        }

        public List<Seed> Seeds { get; }

        public Seed Pick(Random rng)
        {
            var at = rng.Next(_cumulativeWeights[^1]);
            var group = _groups[_cumulativeWeights.FindIndex(w => w > at)];
            return group[rng.Next(group.Count)];
        }

        public static SeedCorpus Load()
        {
            var seeds = new List<Seed>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var files = Directory.GetFiles(Fixtures.Recorded, "response.sse", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
            Assert.NotEmpty(files);
            foreach (var file in files)
            {
                foreach (var data in Fixtures.SseData(file).Where(d => d != "[DONE]"))
                {
                    if (seen.Add(data))
                    {
                        seeds.Add(new Seed(Encoding.UTF8.GetBytes(data), TypeOf(data), "recorded"));
                    }
                }
            }

            // Tandem's own server shape (type, sequence_number, then the fields in declaration order):
            // up to four events of each type, spread over the recordings, with and without a stream id.
            foreach (var group in seeds.ToList().GroupBy(s => s.Type).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var list = group.ToList();
                var picks = Enumerable.Range(0, Math.Min(4, list.Count)).Select(i => list[i * list.Count / Math.Min(4, list.Count)]);
                var n = 0;
                foreach (var pick in picks)
                {
                    var evt = ProtocolJson.Deserialize<ResponseStreamEvent>(pick.Utf8)!;
                    if (n++ % 2 == 1)
                    {
                        evt.StreamId = "lane-" + n.ToString(CultureInfo.InvariantCulture);
                    }

                    var written = ProtocolJson.Serialize<ResponseStreamEvent>(evt);
                    if (seen.Add(written))
                    {
                        seeds.Add(new Seed(Encoding.UTF8.GetBytes(written), group.Key, "server"));
                    }
                }
            }

            return new SeedCorpus(seeds);
        }

        private static string TypeOf(string json) =>
            JsonDocument.Parse(json).RootElement.TryGetProperty("type", out var type) ? type.GetString() ?? "?" : "?";
    }

    // ---- reporting --------------------------------------------------------------------------

    /// <summary>The divergences of one test: each distinct pair of outcomes reported once, with its input.</summary>
    private sealed class Failures
    {
        private readonly List<string> _reports = [];
        private readonly HashSet<string> _kinds = new(StringComparer.Ordinal);

        public int Diverged { get; private set; }

        /// <summary>Inputs the serializer read without error.</summary>
        public int Valid { get; private set; }

        /// <summary>Inputs a fast reader took (rather than leaving them to the serializer).</summary>
        public int Fast { get; private set; }

        public void Tally(bool valid, bool fast)
        {
            Valid += valid ? 1 : 0;
            Fast += fast ? 1 : 0;
        }

        public void Add(byte[] input, string origin, string expected, string actual)
        {
            Diverged++;
            var kind = Head(expected) + " | " + Head(actual);
            if (_reports.Count >= MaxReported || !_kinds.Add(kind))
            {
                return;
            }

            _reports.Add(
                $"""
                --- {origin}
                input (C#):  {Literal(input)}
                input (b64): {Convert.ToBase64String(input)}
                serializer:  {Clip(expected)}
                ParseEvent:  {Clip(actual)}
                """);
        }

        public void AssertNone(int inputs)
        {
            if (Diverged > 0)
            {
                Assert.Fail($"{Diverged} of {inputs} inputs diverged ({_reports.Count} distinct shown):\n{string.Join("\n", _reports)}");
            }
        }

        // The kind of outcome: the event type returned, or the exception and its message without path and position.
        private static string Head(string outcome)
        {
            var end = outcome.IndexOfAny(['\n', '|']);
            var head = end < 0 ? outcome : outcome[..end];
            var path = head.IndexOf(" Path:", StringComparison.Ordinal);
            return path < 0 ? head : head[..path];
        }

        private static string Clip(string text) => text.Length <= 1_500 ? text : text[..1_500] + $"… ({text.Length} chars)";

        /// <summary>The input as a C# string literal (its UTF-8 bytes exactly), or a note when it is not valid UTF-8.</summary>
        private static string Literal(byte[] input)
        {
            string text;
            try
            {
                text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(input);
            }
            catch (ArgumentException)
            {
                return "(not valid UTF-8: use the base64)";
            }

            var literal = new StringBuilder("\"");
            foreach (var c in text)
            {
                literal.Append(c switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    _ when c < 0x20 || c >= 0x7F => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                    _ => c.ToString(),
                });
            }

            return literal.Append('"').ToString();
        }
    }
}
