using System.Globalization;

namespace Tandem.Security.Audit;

/// <summary>
/// Walks a log's lines in order and stops at the first one that breaks the chain. Checks per line, in
/// this order (the first failing one names the problem): complete line, well-formed record, own hash
/// (edited?), sequence number (deleted or moved?), <c>prev</c> (replaced?). Then the end: anchored head,
/// seal. The reported sequence is always the one expected at that position, never the one the
/// (possibly forged) line claims.
/// </summary>
internal sealed class AuditChainChecker(AuditVerifyOptions options)
{
    private AuditHead _head = AuditHead.Genesis;
    private AuditHead _beforeHead = AuditHead.Genesis;
    private bool _sealed;
    private long _lines;
    private string? _anchorHash;
    private AuditVerification? _failure;

    // A later record stood where _lookingFor should be: keep reading to tell a deletion from a move.
    private long? _lookingFor;

    /// <summary>False once the outcome is known; the caller may stop reading.</summary>
    public bool WantsMore => _failure is null || _lookingFor is not null;

    public void Add(ReadOnlySpan<byte> line, bool terminated)
    {
        _lines++;
        if (_lookingFor is { } wanted)
        {
            if (AuditLineFormat.PeekSequence(line) == wanted)
            {
                _failure = _failure! with
                {
                    Failure = AuditFailureKind.Reordered,
                    Reason = _failure.Reason!.Replace("(deleted)", "(records reordered: it appears later, at line " + _lines.ToString(CultureInfo.InvariantCulture) + ")", StringComparison.Ordinal),
                };
                _lookingFor = null;
            }

            return;
        }

        if (_failure is not null)
        {
            return;
        }

        var expected = _head.Sequence + 1;
        if (!terminated)
        {
            Fail(AuditFailureKind.TornRecord, expected, _lines, $"record {expected} is incomplete: the log ends inside it, without a newline (cut, or a torn write)");
            return;
        }

        var record = AuditLineFormat.TryDecode(line, out var hashMatches, out var error);
        if (record is null)
        {
            Fail(AuditFailureKind.Malformed, expected, _lines, $"record {expected} is not a valid audit record: {error}");
            return;
        }

        if (!hashMatches)
        {
            Fail(AuditFailureKind.Modified, expected, _lines, $"record {expected} was modified: its bytes do not match its hash");
            return;
        }

        if (record.Seq > expected)
        {
            Fail(AuditFailureKind.Missing, expected, _lines, $"record {expected} is missing: record {record.Seq} stands in its place (deleted)");
            _lookingFor = expected;
            return;
        }

        if (record.Seq < expected)
        {
            Fail(AuditFailureKind.Reordered, expected, _lines, $"record {expected} is out of place: record {record.Seq} stands in its place (records reordered or duplicated)");
            return;
        }

        if (!string.Equals(record.Prev, _head.Hash, StringComparison.Ordinal))
        {
            if (expected == 1)
            {
                Fail(AuditFailureKind.ChainBroken, 1, _lines, "record 1 does not start from the genesis hash: the log is not the start of a chain");
            }
            else
            {
                // The line before no longer hashes to what this record chained to: that line was
                // replaced by one with a recomputed own hash (or this record's prev was rewritten).
                _head = _beforeHead;
                Fail(AuditFailureKind.ChainBroken, expected - 1, _lines - 1, $"record {expected - 1} was replaced: record {expected} chains to a different line (prev mismatch)");
            }

            return;
        }

        _beforeHead = _head;
        _head = new AuditHead(record.Seq, AuditLineFormat.LineHash(line));
        _sealed = string.Equals(record.Event, AuditEvents.Seal, StringComparison.Ordinal);
        if (options.ExpectedHead is { } anchor && anchor.Sequence == record.Seq)
        {
            _anchorHash = _head.Hash;
        }
    }

    public AuditVerification Complete()
    {
        _lookingFor = null;
        if (_failure is not null)
        {
            return _failure;
        }

        var next = _head.Sequence + 1;
        if (options.ExpectedHead is { } anchor && anchor.Sequence > 0)
        {
            if (_head.Sequence < anchor.Sequence)
            {
                Fail(AuditFailureKind.Truncated, next, null, $"the log ends at record {_head.Sequence} but the expected head is record {anchor.Sequence}: records {next} to {anchor.Sequence} were cut");
                return _failure!;
            }

            if (!string.Equals(_anchorHash, anchor.Hash, StringComparison.OrdinalIgnoreCase))
            {
                Fail(AuditFailureKind.HeadMismatch, anchor.Sequence, null, $"record {anchor.Sequence} does not match the expected head hash {anchor.Hash}: the log was rewritten at or before it");
                return _failure!;
            }
        }

        if (!options.AllowUnsealed && !_sealed)
        {
            Fail(AuditFailureKind.NotSealed, next, null, $"the log ends at record {_head.Sequence} without a seal: records from {next} on may have been cut (if the writer is still running or crashed, verify allowing an unsealed log)");
            return _failure!;
        }

        return new AuditVerification { IsValid = true, Records = _head.Sequence, Head = _head, Sealed = _sealed };
    }

    private void Fail(AuditFailureKind kind, long sequence, long? line, string reason) =>
        _failure = new AuditVerification
        {
            IsValid = false,
            Records = _head.Sequence,
            Head = _head,
            Sealed = _sealed,
            Failure = kind,
            FirstBadSequence = sequence,
            FirstBadLine = line,
            Reason = reason,
        };
}
