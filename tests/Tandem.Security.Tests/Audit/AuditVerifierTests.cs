using Tandem.Security.Audit;
using Tandem.Security.Secrets;

namespace Tandem.Security.Tests.Audit;

/// <summary>
/// S11: the JSONL chain shows an edited byte, a deleted record, two swapped records and a cut tail,
/// naming the exact sequence number of the first bad record. The log: records 1–10, seal 11.
/// </summary>
public sealed class AuditVerifierTests : IDisposable
{
    private readonly TestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Verify_IntactLog_IsValidAndSealed()
    {
        var (path, head) = await AuditTestLog.WriteJsonlAsync(_directory, 10, seal: true, TestContext.Current.CancellationToken);

        var result = AuditVerifier.Verify(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(11, result.Records);
        Assert.True(result.Sealed);
        Assert.Equal(head, result.Head);
        Assert.Null(result.FirstBadSequence);
        Assert.True(AuditVerifier.Verify(path, new AuditVerifyOptions { ExpectedHead = head }, TestContext.Current.CancellationToken).IsValid);
    }

    [Fact]
    public async Task Verify_AnyByteOfRecord7Mutated_FailsAtRecord7()
    {
        var (path, _) = await AuditTestLog.WriteJsonlAsync(_directory, 10, seal: true, TestContext.Current.CancellationToken);
        var original = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        var lines = AuditTestLog.Lines(path);
        var start = lines.Take(6).Sum(l => l.Length + 1);
        var length = lines[6].Length + 1;

        // Every byte of the line, its newline included: seq digits, time, ids, prev, hash, braces, quotes.
        for (var offset = start; offset < start + length; offset++)
        {
            var mutated = (byte[])original.Clone();
            mutated[offset] ^= 0x01;
            await File.WriteAllBytesAsync(path, mutated, TestContext.Current.CancellationToken);

            var result = AuditVerifier.Verify(path, cancellationToken: TestContext.Current.CancellationToken);

            Assert.False(result.IsValid, $"byte {offset - start} of record 7");
            Assert.True(result.FirstBadSequence == 7, $"byte {offset - start} of record 7: {result}");
            Assert.Equal(7, result.FirstBadLine);
            Assert.Contains(result.Failure, new[] { AuditFailureKind.Modified, AuditFailureKind.Malformed });
        }
    }

    [Fact]
    public async Task Verify_ContentEdited_ReportsModified()
    {
        var (path, _) = await AuditTestLog.WriteJsonlAsync(_directory, 10, seal: true, TestContext.Current.CancellationToken);
        var lines = AuditTestLog.Lines(path);
        lines[6] = lines[6].Replace("\"status\":\"ok\"", "\"status\":\"no\"", StringComparison.Ordinal)
            .Replace("\"decision\":\"allow\"", "\"decision\":\"denx\"", StringComparison.Ordinal)
            .Replace("\"user:alice\"", "\"user:mallo\"", StringComparison.Ordinal)
            .Replace("\"gpt-5\"", "\"gpt-4\"", StringComparison.Ordinal);
        AuditTestLog.WriteLines(path, lines);

        var result = AuditVerifier.Verify(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(AuditFailureKind.Modified, result.Failure);
        Assert.Equal(7, result.FirstBadSequence);
        Assert.Equal(6, result.Records);
        Assert.Contains("record 7 was modified", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(10)]
    public async Task Verify_RecordDeleted_FailsAtDeletedSequence(int deleted)
    {
        var (path, _) = await AuditTestLog.WriteJsonlAsync(_directory, 10, seal: true, TestContext.Current.CancellationToken);
        var lines = AuditTestLog.Lines(path);
        lines.RemoveAt(deleted - 1);
        AuditTestLog.WriteLines(path, lines);

        var result = AuditVerifier.Verify(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(AuditFailureKind.Missing, result.Failure);
        Assert.Equal(deleted, result.FirstBadSequence);
        Assert.Contains($"record {deleted} is missing", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4, 5)]
    [InlineData(3, 8)]
    [InlineData(1, 2)]
    [InlineData(10, 11)]
    public async Task Verify_TwoRecordsSwapped_FailsAtTheFirstOfThem(int first, int second)
    {
        var (path, _) = await AuditTestLog.WriteJsonlAsync(_directory, 10, seal: true, TestContext.Current.CancellationToken);
        var lines = AuditTestLog.Lines(path);
        (lines[first - 1], lines[second - 1]) = (lines[second - 1], lines[first - 1]);
        AuditTestLog.WriteLines(path, lines);

        var result = AuditVerifier.Verify(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(AuditFailureKind.Reordered, result.Failure);
        Assert.Equal(first, result.FirstBadSequence);
        Assert.Equal(first - 1, result.Records);
    }

    [Fact]
    public async Task Verify_RecordDuplicated_FailsAtTheCopy()
    {
        var (path, _) = await AuditTestLog.WriteJsonlAsync(_directory, 10, seal: true, TestContext.Current.CancellationToken);
        var lines = AuditTestLog.Lines(path);
        lines.Insert(6, lines[4]);
        AuditTestLog.WriteLines(path, lines);

        var result = AuditVerifier.Verify(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(AuditFailureKind.Reordered, result.Failure);
        Assert.Equal(7, result.FirstBadSequence);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(40)]
    [InlineData(200)]
    public async Task Verify_TailCutInsideTheLastRecord_FailsAtIt(int bytesCut)
    {
        var (path, _) = await AuditTestLog.WriteJsonlAsync(_directory, 10, seal: true, TestContext.Current.CancellationToken);
        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(path, bytes[..^bytesCut], TestContext.Current.CancellationToken);

        var result = AuditVerifier.Verify(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(AuditFailureKind.TornRecord, result.Failure);
        Assert.Equal(11, result.FirstBadSequence);
        Assert.Equal(10, result.Records);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(11)]
    public async Task Verify_TailCutAtALineBoundary_FailsAtTheFirstRecordCut(int recordsCut)
    {
        var (path, _) = await AuditTestLog.WriteJsonlAsync(_directory, 10, seal: true, TestContext.Current.CancellationToken);
        var lines = AuditTestLog.Lines(path);
        AuditTestLog.WriteLines(path, lines.Take(11 - recordsCut));

        var result = AuditVerifier.Verify(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(AuditFailureKind.NotSealed, result.Failure);
        Assert.Equal(12 - recordsCut, result.FirstBadSequence);
    }

    [Fact]
    public async Task Verify_UnsealedLogCutWithAnchoredHead_FailsAtTheFirstRecordCut()
    {
        // A live log: no seal yet, so only the head kept elsewhere can show the cut.
        var (path, head) = await AuditTestLog.WriteJsonlAsync(_directory, 10, seal: false, TestContext.Current.CancellationToken);
        var anchored = new AuditVerifyOptions { AllowUnsealed = true, ExpectedHead = head };
        Assert.True(AuditVerifier.Verify(path, anchored, TestContext.Current.CancellationToken).IsValid);
        AuditTestLog.WriteLines(path, AuditTestLog.Lines(path).Take(8));

        var unanchored = AuditVerifier.Verify(path, new AuditVerifyOptions { AllowUnsealed = true }, TestContext.Current.CancellationToken);
        var result = AuditVerifier.Verify(path, anchored, TestContext.Current.CancellationToken);

        Assert.True(unanchored.IsValid);
        Assert.Equal(AuditFailureKind.Truncated, result.Failure);
        Assert.Equal(9, result.FirstBadSequence);
    }

    [Fact]
    public async Task Verify_WholeChainRecomputedByAForger_OnlyTheAnchorCatchesIt()
    {
        var (path, head) = await AuditTestLog.WriteJsonlAsync(_directory, 10, seal: true, TestContext.Current.CancellationToken);
        var forged = _directory.File("forged.jsonl");

        // Someone who can write the file can rebuild a consistent chain: same length, sealed, different content.
        var sink = await AuditSinks.OpenJsonlAsync(forged, null, TestContext.Current.CancellationToken);
        await using (var writer = new AuditWriter(sink, Redactor.ShapesOnly, timeProvider: AuditTestLog.Clock()))
        {
            for (var i = 1; i <= 10; i++)
            {
                await writer.PolicyDecisionAsync("run_1", i, null, null, "allow", "nothing to see", TestContext.Current.CancellationToken);
            }
        }

        File.Move(forged, path, overwrite: true);

        Assert.True(AuditVerifier.Verify(path, cancellationToken: TestContext.Current.CancellationToken).IsValid);
        var result = AuditVerifier.Verify(path, new AuditVerifyOptions { ExpectedHead = head }, TestContext.Current.CancellationToken);
        Assert.Equal(AuditFailureKind.HeadMismatch, result.Failure);
        Assert.Equal(11, result.FirstBadSequence);
    }

    [Fact]
    public async Task Verify_RecordReplacedWithRecomputedOwnHash_FailsAtIt()
    {
        var (path, _) = await AuditTestLog.WriteJsonlAsync(_directory, 10, seal: true, TestContext.Current.CancellationToken);
        var lines = AuditTestLog.Lines(path);
        var prev = AuditLineFormat.LineHash(System.Text.Encoding.ASCII.GetBytes(lines[3]));
        var forged = new AuditRecord { Event = AuditEvents.Approval, Actor = "user:mallory", RunId = "run_1", Decision = "approved", Time = DateTimeOffset.UnixEpoch };
        var (line, _) = AuditLineFormat.Encode(forged, 5, prev);
        lines[4] = System.Text.Encoding.ASCII.GetString(line).TrimEnd('\n');
        AuditTestLog.WriteLines(path, lines);

        var result = AuditVerifier.Verify(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(AuditFailureKind.ChainBroken, result.Failure);
        Assert.Equal(5, result.FirstBadSequence);
        Assert.Equal(4, result.Records);
    }

    [Fact]
    public async Task Verify_EmptyFile_IsUnsealedButChainValid()
    {
        var path = _directory.File("empty.jsonl");
        await File.WriteAllTextAsync(path, "", TestContext.Current.CancellationToken);

        var strict = AuditVerifier.Verify(path, cancellationToken: TestContext.Current.CancellationToken);
        var lenient = AuditVerifier.Verify(path, new AuditVerifyOptions { AllowUnsealed = true }, TestContext.Current.CancellationToken);

        Assert.Equal(AuditFailureKind.NotSealed, strict.Failure);
        Assert.Equal(1, strict.FirstBadSequence);
        Assert.True(lenient.IsValid);
        Assert.Equal(0, lenient.Records);
    }

    [Fact]
    public async Task Verify_CrLfLineEndings_AreAnEdit()
    {
        var (path, _) = await AuditTestLog.WriteJsonlAsync(_directory, 3, seal: true, TestContext.Current.CancellationToken);
        var text = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(path, text.Replace("\n", "\r\n", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var result = AuditVerifier.Verify(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(result.IsValid);
        Assert.Equal(1, result.FirstBadSequence);
    }
}
