using Tandem.Responses.Protocol;
using Tandem.Responses.Transport;

namespace Tandem.Responses.Tests.Transport;

/// <summary>
/// A large request body is written into a pooled buffer; the next body reuses it whichever thread
/// writes it (a stateless conversation resends ~200 KB every turn, on whatever thread the caller
/// continues on), so resending allocates no new large array.
/// </summary>
[Collection(nameof(BodyPoolCollection))]
public sealed class PooledJsonContentTests
{
    [Fact]
    public void Create_LargeBodiesWrittenOnNewThreadsEachTime_ReuseTheBuffer()
    {
        var request = new ResponseCreateRequest { Model = "m", Input = new ResponseInput([MessageItem.User(new string('x', 300 * 1024))]) };
        // Warm: the pool's first array, and the long string's encoding (kept from its second write).
        RunOnNewThread(() => PooledJsonContent.Create(request).Dispose());
        RunOnNewThread(() => PooledJsonContent.Create(request).Dispose());

        // Counted on the writing threads only.
        const int Bodies = 8;
        long allocated = 0;
        for (var i = 0; i < Bodies; i++)
        {
            allocated += RunOnNewThread(() => PooledJsonContent.Create(request).Dispose());
        }

        var perBody = allocated / Bodies;

        // A new 512 KB array per body would be > 300 KB each; threads, strings and the writer are a few KB.
        Assert.True(perBody < 64 * 1024, $"{perBody} bytes allocated per 300 KB body: the buffer was not reused");
    }

    /// <summary>Runs <paramref name="action"/> on a new thread; the bytes that thread allocated meanwhile.</summary>
    private static long RunOnNewThread(Action action)
    {
        Exception? failure = null;
        long allocated = 0;
        var thread = new Thread(() =>
        {
            try
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                action();
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        });
        thread.Start();
        thread.Join();
        Assert.Null(failure);
        return allocated;
    }
}
