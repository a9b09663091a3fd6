using System.Diagnostics.Metrics;

namespace Tandem.Bench.Clients;

/// <summary>
/// Counts the retries Tandem's client reports on its <c>tandem.client.retries</c> counter (meter
/// <c>Tandem.Responses</c>), the way an OpenTelemetry exporter would see them. The bench runs one
/// client at a time, so the count during a run is that run's.
/// </summary>
internal sealed class RetryCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _retries;

    public RetryCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Tandem.Responses" && instrument.Name == "tandem.client.retries")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _retries, value));
        _listener.Start();
    }

    public long Total => Interlocked.Read(ref _retries);

    public void Dispose() => _listener.Dispose();
}
