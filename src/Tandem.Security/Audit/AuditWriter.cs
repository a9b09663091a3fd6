using System.Globalization;
using System.Text;
using Tandem.Security.Secrets;

namespace Tandem.Security.Audit;

/// <summary>
/// The one way components write audit records. It stamps the UTC time from its
/// <see cref="TimeProvider"/>, checks the record's shape, runs the <see cref="Redactor"/> over every
/// string field (ids, actor, tool, decision, status, each detail key and value), and hands the record
/// to the sink, which chains it. Content (model requests, tool arguments) is recorded as SHA-256 only,
/// unless <see cref="AuditWriterOptions.RecordModelContent"/> says otherwise. Disposing it writes a
/// seal record and disposes the sink it was given. Safe for concurrent callers.
/// </summary>
public sealed class AuditWriter : IAsyncDisposable
{
    private readonly IAuditSink _sink;
    private readonly Redactor _redactor;
    private readonly AuditWriterOptions _options;
    private readonly TimeProvider _time;
    private int _disposed;

    public AuditWriter(IAuditSink sink, Redactor redactor, AuditWriterOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(redactor);
        _sink = sink;
        _redactor = redactor;
        _options = options ?? new AuditWriterOptions();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The sink's head: keep it elsewhere to verify the log later against it (<see cref="AuditVerifyOptions.ExpectedHead"/>).</summary>
    public AuditHead Head => _sink.Head;

    /// <summary>SHA-256 (lower-case hex) of a text's UTF-8 bytes: how arguments and request bodies are recorded.</summary>
    public static string Sha256(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return AuditLineFormat.Sha256Hex(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Writes <paramref name="record"/> (redacted, time stamped) and returns it as written.</summary>
    public ValueTask<AuditRecord> WriteAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (!AuditRecordValidation.IsEventName(record.Event))
        {
            throw new ArgumentException("An audit event name is lower-case letters, digits, '_' and '.', starting with a letter, at most 64 characters.", nameof(record));
        }

        if (string.IsNullOrWhiteSpace(record.Actor))
        {
            throw new ArgumentException("An audit record names its actor.", nameof(record));
        }

        if (record.ArgumentsSha256 is not null && !AuditLineFormat.IsHex64(record.ArgumentsSha256))
        {
            throw new ArgumentException("ArgumentsSha256 is 64 lower-case hex digits; use AuditWriter.Sha256.", nameof(record));
        }

        if (record.Turn < 0)
        {
            throw new ArgumentException("A turn number is not negative.", nameof(record));
        }

        var redacted = record with
        {
            Sequence = 0,
            // A TimeProvider may hand back a non-zero offset (FakeTimeProvider keeps the one it was given).
            Time = _time.GetUtcNow().ToUniversalTime(),
            Event = record.Event,
            Actor = _redactor.Redact(record.Actor),
            RunId = Redact(record.RunId),
            CallId = Redact(record.CallId),
            Tool = Redact(record.Tool),
            Decision = Redact(record.Decision),
            Status = Redact(record.Status),
            Details = RedactDetails(record.Details),
            Prev = null,
            Hash = null,
        };
        return _sink.AppendAsync(redacted, cancellationToken);
    }

    /// <summary>A model request: its hash and size (and its redacted body only if <see cref="AuditWriterOptions.RecordModelContent"/>).</summary>
    public ValueTask<AuditRecord> ModelRequestAsync(string runId, int turn, string model, string requestBody, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requestBody);
        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["model"] = model,
            ["request_sha256"] = Sha256(requestBody),
            ["request_bytes"] = Encoding.UTF8.GetByteCount(requestBody).ToString(CultureInfo.InvariantCulture),
        };
        if (_options.RecordModelContent)
        {
            details["request"] = requestBody;
        }

        return WriteAsync(new AuditRecord { Event = AuditEvents.ModelRequest, Actor = "agent", RunId = runId, Turn = turn, Details = details }, cancellationToken);
    }

    /// <summary>A tool call and how it ended; the arguments are recorded as their hash.</summary>
    public ValueTask<AuditRecord> ToolCallAsync(string runId, int turn, string callId, string tool, string arguments, string status, CancellationToken cancellationToken) =>
        WriteAsync(new AuditRecord
        {
            Event = AuditEvents.ToolCall,
            Actor = "agent",
            RunId = runId,
            Turn = turn,
            CallId = callId,
            Tool = tool,
            ArgumentsSha256 = Sha256(arguments),
            Status = status,
        }, cancellationToken);

    /// <summary>A human (or policy) approval decision on a tool call.</summary>
    public ValueTask<AuditRecord> ApprovalAsync(string runId, int turn, string callId, string tool, string arguments, string decision, string actor, CancellationToken cancellationToken) =>
        WriteAsync(new AuditRecord
        {
            Event = AuditEvents.Approval,
            Actor = actor,
            RunId = runId,
            Turn = turn,
            CallId = callId,
            Tool = tool,
            ArgumentsSha256 = Sha256(arguments),
            Decision = decision,
        }, cancellationToken);

    /// <summary>A decision of the policy engine (budget, loop cap, taint) and its reason.</summary>
    public ValueTask<AuditRecord> PolicyDecisionAsync(string runId, int? turn, string? callId, string? tool, string decision, string reason, CancellationToken cancellationToken) =>
        WriteAsync(new AuditRecord
        {
            Event = AuditEvents.PolicyDecision,
            Actor = "policy",
            RunId = runId,
            Turn = turn,
            CallId = callId,
            Tool = tool,
            Decision = decision,
            Details = new Dictionary<string, string>(StringComparer.Ordinal) { ["reason"] = reason },
        }, cancellationToken);

    /// <summary>A failover from one API key to another, named by fingerprints (never key values; the redactor would catch them anyway).</summary>
    public ValueTask<AuditRecord> KeyFailoverAsync(string fromKey, string toKey, string reason, CancellationToken cancellationToken) =>
        WriteAsync(new AuditRecord
        {
            Event = AuditEvents.KeyFailover,
            Actor = "system",
            Details = new Dictionary<string, string>(StringComparer.Ordinal) { ["from"] = fromKey, ["to"] = toKey, ["reason"] = reason },
        }, cancellationToken);

    /// <summary>Writes a seal record: the log so far was closed on purpose (see <see cref="AuditVerifyOptions"/>).</summary>
    public ValueTask<AuditRecord> SealAsync(CancellationToken cancellationToken) =>
        _sink.AppendAsync(new AuditRecord { Event = AuditEvents.Seal, Actor = "audit", Time = _time.GetUtcNow().ToUniversalTime() }, cancellationToken);

    /// <summary>Seals the log (unless <see cref="AuditWriterOptions.SealOnDispose"/> is off) and disposes the sink.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (_options.SealOnDispose)
            {
                await SealAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            await _sink.DisposeAsync().ConfigureAwait(false);
        }
    }

    private string? Redact(string? value) => _redactor.Redact(value);

    private Dictionary<string, string>? RedactDetails(IReadOnlyDictionary<string, string>? details)
    {
        if (details is null)
        {
            return null;
        }

        var result = new Dictionary<string, string>(details.Count, StringComparer.Ordinal);
        foreach (var (key, value) in details)
        {
            // Two keys may redact to the same text; the later one keeps its value under a suffix.
            var redactedKey = _redactor.Redact(key);
            while (result.ContainsKey(redactedKey))
            {
                redactedKey += "_";
            }

            result[redactedKey] = _redactor.Redact(value ?? "");
        }

        return result;
    }
}
