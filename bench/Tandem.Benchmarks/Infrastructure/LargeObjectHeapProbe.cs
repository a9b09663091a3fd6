using System.Diagnostics.Tracing;

namespace Tandem.Benchmarks.Infrastructure;

/// <summary>
/// Counts large-object-heap allocations while it is alive, from the runtime's
/// <c>GCAllocationTick</c> events: the GC raises one per ~100 KB allocated on the LOH, with the
/// amount since the previous one and the type that crossed the line. BenchmarkDotNet's
/// MemoryDiagnoser reports bytes and collections but cannot tell the LOH apart, so this runs over
/// a fixed number of turns before the measurement (never during it: the listener has a cost).
/// </summary>
public sealed class LargeObjectHeapProbe : EventListener
{
    private const int GcKeyword = 0x1;
    private const uint LargeObjectHeap = 1;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _types = new(StringComparer.Ordinal);
    private long _bytes;
    private int _ticks;

    /// <summary>LOH bytes seen (a tick is raised after each ~100 KB, so up to 100 KB may be missing).</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    public int Ticks
    {
        get
        {
            lock (_lock)
            {
                return _ticks;
            }
        }
    }

    /// <summary>The types whose allocation raised a tick, with counts: what lands on the LOH.</summary>
    public string Types
    {
        get
        {
            lock (_lock)
            {
                return _types.Count == 0 ? "-" : string.Join(',', _types.OrderByDescending(t => t.Value).Select(t => $"{t.Key}x{t.Value}"));
            }
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
        {
            return;
        }

        var kind = Convert.ToUInt32(Payload(eventData, "AllocationKind") ?? 0u, System.Globalization.CultureInfo.InvariantCulture);
        if (kind != LargeObjectHeap)
        {
            return;
        }

        var amount = Convert.ToInt64(Payload(eventData, "AllocationAmount64") ?? Payload(eventData, "AllocationAmount") ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
        var type = Payload(eventData, "TypeName") as string ?? "?";
        lock (_lock)
        {
            _bytes += amount;
            _ticks++;
            _types[type] = _types.GetValueOrDefault(type) + 1;
        }
    }

    private static object? Payload(EventWrittenEventArgs e, string name)
    {
        var index = e.PayloadNames?.IndexOf(name) ?? -1;
        return index >= 0 ? e.Payload![index] : null;
    }
}
