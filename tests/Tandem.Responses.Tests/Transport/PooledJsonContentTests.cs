using Tandem.Responses.Protocol;
using Tandem.Responses.Transport;

namespace Tandem.Responses.Tests.Transport;

/// <summary>
/// A large request body is written into a pooled buffer; the next body reuses it whichever thread
/// writes it (a stateless conversation resends ~200 KB every turn, on whatever thread the caller
/// continues on), so resending allocates no new large array.
/// </summary>
public sealed class PooledJsonContentTests
{
    [Fact]
    public void Create_LargeBodiesWrittenOnNewThreadsEachTime_ReuseTheBuffer()
    {
        var request = new ResponseCreateRequest { Model = "m", Input = new ResponseInput([MessageItem.User(new string('x', 300 * 1024))]) };
        // Warm: the pool's first array, and the long string's encoding (kept from its second write).
        RunOnNewThread(() => PooledJsonContent.Create(request).Dispose());
        RunOnNewThread(() => PooledJsonContent.Create(request).Dispose());

        const int Bodies = 8;
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < Bodies; i++)
        {
            RunOnNewThread(() => PooledJsonContent.Create(request).Dispose());
        }

        var perBody = (GC.GetTotalAllocatedBytes(precise: true) - before) / Bodies;

        // A new 512 KB array per body would be > 300 KB each; threads, strings and the writer are a few KB.
        Assert.True(perBody < 64 * 1024, $"{perBody} bytes allocated per 300 KB body: the buffer was not reused");
    }

    private static void RunOnNewThread(Action action)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                action();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        });
        thread.Start();
        thread.Join();
        Assert.Null(failure);
    }
}
