using Microsoft.Win32.SafeHandles;

namespace Tandem.Security.Audit;

/// <summary>
/// An append-only JSONL file, one record per line (format: <see cref="AuditLineFormat"/>).
/// <list type="bullet">
/// <item>Concurrent callers in one process are serialized by a semaphore; each record is one write
/// of its whole line, so lines never interleave.</item>
/// <item>One writer per file: <c>FILE.lock</c> is held open with <see cref="FileShare.None"/> (an
/// exclusive <c>flock</c> on Unix) for the sink's lifetime, so a second sink — in this process or
/// another — fails at open instead of forking the chain. Readers (the verifier) are not blocked.
/// The lock file is left in place: deleting it on close would let two writers lock different
/// inodes of the same name.</item>
/// <item>Opening an existing file continues its chain from the last line. A file whose last line is
/// incomplete or fails its own hash is refused: appending would bury the damage under valid records.</item>
/// <item>Flush policy: <see cref="AuditSinkOptions.Flush"/> — fsync per record by default.</item>
/// <item>A write that fails part-way may leave a partial line, so the sink refuses every later
/// append instead of chaining onto it.</item>
/// <item>The file is created with mode 0600 on Unix.</item>
/// </list>
/// </summary>
internal sealed class JsonlAuditSink : IAuditSink
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _path;
    private readonly FileStream _lock;
    private readonly FileStream _stream;
    private readonly AuditFlushPolicy _flush;
    private AuditHead _head;
    private bool _faulted;
    private bool _disposed;

    private JsonlAuditSink(string path, FileStream fileLock, FileStream stream, AuditHead head, AuditFlushPolicy flush)
    {
        _path = path;
        _lock = fileLock;
        _stream = stream;
        _head = head;
        _flush = flush;
    }

    public AuditHead Head => Volatile.Read(ref _head);

    public static JsonlAuditSink Open(string path, AuditSinkOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        FileStream fileLock;
        try
        {
            fileLock = new FileStream(full + ".lock", Options(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e)
        {
            throw new AuditLogException(full, $"The audit log {full} is already open by another writer ({full}.lock is locked).", e);
        }

        try
        {
            var head = ReadHead(full);
            var stream = new FileStream(full, Options(FileMode.Append, FileAccess.Write, FileShare.Read));
            return new JsonlAuditSink(full, fileLock, stream, head, options.Flush);
        }
        catch
        {
            fileLock.Dispose();
            throw;
        }
    }

    public async ValueTask<AuditRecord> AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_faulted)
            {
                throw new AuditLogException(_path, $"An earlier write to the audit log {_path} failed and may have left a partial record; verify the log before writing to it again.");
            }

            cancellationToken.ThrowIfCancellationRequested();
            var head = _head;
            var sequence = head.Sequence + 1;
            var (line, hash) = AuditLineFormat.Encode(record, sequence, head.Hash);

            // From here on the record is written whatever the token says: a cancelled half-write
            // would leave a torn line in the middle of the chain.
            try
            {
                await _stream.WriteAsync(line, CancellationToken.None).ConfigureAwait(false);
                if (_flush == AuditFlushPolicy.Fsync)
                {
                    _stream.Flush(flushToDisk: true);
                }
                else
                {
                    await _stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch
            {
                _faulted = true;
                throw;
            }

            Volatile.Write(ref _head, new AuditHead(sequence, AuditLineFormat.LineHash(line.AsSpan(0, line.Length - 1))));
            return record with { Sequence = sequence, Prev = head.Hash, Hash = hash };
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            await _stream.DisposeAsync().ConfigureAwait(false);
            await _lock.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static FileStreamOptions Options(FileMode mode, FileAccess access, FileShare share)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }

    /// <summary>The head of an existing file: its last line, which must be complete and intact.</summary>
    private static AuditHead ReadHead(string path)
    {
        if (!File.Exists(path))
        {
            return AuditHead.Genesis;
        }

        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var length = RandomAccess.GetLength(handle);
        if (length == 0)
        {
            return AuditHead.Genesis;
        }

        Span<byte> last = stackalloc byte[1];
        ReadExactly(handle, last, length - 1);
        if (last[0] != (byte)'\n')
        {
            throw new AuditLogException(path, $"The audit log {path} ends with an incomplete record (a torn write or a cut file); run `tandem audit verify` before writing to it.");
        }

        var line = ReadLastLine(handle, length - 1);
        var parsed = AuditLineFormat.TryDecode(line, out var hashMatches, out var error);
        if (parsed is null || !hashMatches)
        {
            throw new AuditLogException(path, $"The last record of the audit log {path} is damaged ({error ?? "its hash does not match"}); run `tandem audit verify` before writing to it.");
        }

        return new AuditHead(parsed.Seq, AuditLineFormat.LineHash(line));
    }

    /// <summary>The bytes before <paramref name="end"/> (the final newline) back to the previous newline.</summary>
    private static byte[] ReadLastLine(SafeFileHandle handle, long end)
    {
        const int Chunk = 4096;
        var buffer = new byte[Chunk];
        var start = end;
        while (start > 0)
        {
            var from = Math.Max(0, start - Chunk);
            var count = (int)(start - from);
            ReadExactly(handle, buffer.AsSpan(0, count), from);
            var newline = buffer.AsSpan(0, count).LastIndexOf((byte)'\n');
            if (newline >= 0)
            {
                start = from + newline + 1;
                break;
            }

            start = from;
        }

        var line = new byte[end - start];
        ReadExactly(handle, line, start);
        return line;
    }

    private static void ReadExactly(SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        while (!buffer.IsEmpty)
        {
            var read = RandomAccess.Read(handle, buffer, offset);
            if (read == 0)
            {
                throw new EndOfStreamException();
            }

            buffer = buffer[read..];
            offset += read;
        }
    }
}
