using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Tandem.Security.Audit;

/// <summary>
/// The bytes of a record and the two hashes that chain it.
/// <para>A line is <c>{"v":1,"seq":N,...,"prev":"P","hash":"H"}</c> followed by <c>\n</c>, where</para>
/// <list type="bullet">
/// <item><c>H</c> = SHA-256 of the line without its <c>,"hash":"H"</c> member — that is, the same
/// JSON object serialized without <c>hash</c>. Any edited byte of the record breaks it.</item>
/// <item><c>P</c> = SHA-256 of the previous line's exact bytes without its newline (64 zeros for the
/// first record). Deleting, inserting or reordering records breaks it.</item>
/// </list>
/// Both are computed over exact bytes, so no canonical JSON form is needed to verify a line.
/// </summary>
internal static class AuditLineFormat
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    private static readonly byte[] HashPrefix = ",\"hash\":\""u8.ToArray();

    // ,"hash":" + 64 hex digits + "}
    private static readonly int HashSuffixLength = HashPrefix.Length + 64 + 2;

    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>The line (newline included) for <paramref name="record"/> at <paramref name="sequence"/> after <paramref name="prev"/>, and its record hash.</summary>
    public static (byte[] Line, string Hash) Encode(AuditRecord record, long sequence, string prev)
    {
        var line = new AuditLine
        {
            Version = AuditLine.CurrentVersion,
            Seq = sequence,
            Time = FormatTime(record.Time),
            Event = record.Event,
            Actor = record.Actor,
            RunId = record.RunId,
            Turn = record.Turn,
            CallId = record.CallId,
            Tool = record.Tool,
            ArgsSha256 = record.ArgumentsSha256,
            Decision = record.Decision,
            Status = record.Status,
            Details = record.Details is null ? null : new Dictionary<string, string>(record.Details, StringComparer.Ordinal),
            Prev = prev,
            Hash = null,
        };
        var body = JsonSerializer.SerializeToUtf8Bytes(line, AuditJsonContext.Default.AuditLine);
        var hash = Sha256Hex(body);

        // body ends in '}': replace it with ,"hash":"H"}\n
        var result = new byte[body.Length - 1 + HashSuffixLength + 1];
        body.AsSpan(0, body.Length - 1).CopyTo(result);
        var at = body.Length - 1;
        HashPrefix.CopyTo(result.AsSpan(at));
        at += HashPrefix.Length;
        at += Encoding.ASCII.GetBytes(hash, result.AsSpan(at));
        result[at++] = (byte)'"';
        result[at++] = (byte)'}';
        result[at] = (byte)'\n';
        return (result, hash);
    }

    /// <summary>The chain hash of a line: SHA-256 of its bytes without the newline.</summary>
    public static string LineHash(ReadOnlySpan<byte> lineWithoutNewline) => Sha256Hex(lineWithoutNewline);

    /// <summary>
    /// Parses a line (without newline) and checks its own hash. Returns null and an error for a line
    /// that is not a well-formed record; <paramref name="hashMatches"/> tells whether it was edited.
    /// </summary>
    public static AuditLine? TryDecode(ReadOnlySpan<byte> line, out bool hashMatches, out string? error)
    {
        hashMatches = false;
        AuditLine? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(line, AuditJsonContext.Default.AuditLine);
        }
        catch (JsonException e)
        {
            // The message names the JSON path and position, never the content.
            error = "not a JSON record (" + e.Message + ")";
            return null;
        }

        error = Validate(parsed);
        if (error is not null)
        {
            return null;
        }

        // The hash member must be the last one, exactly as written, so the body can be cut out.
        if (line.Length < HashSuffixLength + 2
            || !line[^HashSuffixLength..].StartsWith(HashPrefix)
            || !line.EndsWith("\"}"u8)
            || !Ascii.Equals(line[^(HashSuffixLength - HashPrefix.Length)..^2], parsed!.Hash!))
        {
            error = "the hash member is not the last member of the record";
            return null;
        }

        var bodyLength = line.Length - HashSuffixLength;
        Span<byte> body = bodyLength + 1 <= 512 ? stackalloc byte[bodyLength + 1] : new byte[bodyLength + 1];
        line[..bodyLength].CopyTo(body);
        body[bodyLength] = (byte)'}';
        hashMatches = string.Equals(Sha256Hex(body), parsed.Hash, StringComparison.Ordinal);
        return parsed;
    }

    /// <summary>The sequence number of a line, or null; used only to tell a deleted record from a moved one.</summary>
    public static long? PeekSequence(ReadOnlySpan<byte> line)
    {
        var at = line.IndexOf("\"seq\":"u8);
        if (at < 0)
        {
            return null;
        }

        return Utf8Parser.TryParse(line[(at + 6)..], out long value, out _) ? value : null;
    }

    public static string Sha256Hex(ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, hash);
        return Convert.ToHexStringLower(hash);
    }

    public static bool IsHex64(string? value) =>
        value is { Length: 64 } && value.AsSpan().IndexOfAnyExcept("0123456789abcdef") < 0;

    private static string? Validate(AuditLine? line)
    {
        if (line is null)
        {
            return "not a JSON object";
        }

        if (line.Version != AuditLine.CurrentVersion)
        {
            return "unsupported format version " + line.Version.ToString(CultureInfo.InvariantCulture);
        }

        if (line.Seq < 1)
        {
            return "sequence number below 1";
        }

        if (!DateTime.TryParseExact(line.Time, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out _))
        {
            return "time is not UTC in the form " + TimeFormat;
        }

        if (!AuditRecordValidation.IsEventName(line.Event))
        {
            return "event name is not of the form ^[a-z][a-z0-9_.]{0,63}$";
        }

        if (string.IsNullOrEmpty(line.Actor))
        {
            return "actor is missing";
        }

        if (line.ArgsSha256 is not null && !IsHex64(line.ArgsSha256))
        {
            return "args_sha256 is not 64 lower-case hex digits";
        }

        if (!IsHex64(line.Prev))
        {
            return "prev is not 64 lower-case hex digits";
        }

        if (!IsHex64(line.Hash))
        {
            return "hash is not 64 lower-case hex digits";
        }

        return null;
    }
}
