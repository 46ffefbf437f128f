using System.Diagnostics.Metrics;

namespace PortraitStream.Server.Tests.Pipeline;

/// <summary>Counts what one instrument records from now on (measurements and their sum), whoever records it.</summary>
internal sealed class InstrumentCount : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _measurements;
    private double _sum;

    public InstrumentCount(Instrument instrument)
    {
        _listener.InstrumentPublished = (published, listener) =>
        {
            if (ReferenceEquals(published, instrument))
            {
                listener.EnableMeasurementEvents(published);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Add(value));
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) => Add(value));
        _listener.Start();
    }

    public long Measurements => Interlocked.Read(ref _measurements);

    public double Sum
    {
        get { lock (_listener) { return _sum; } }
    }

    public void Dispose() => _listener.Dispose();

    private void Add(double value)
    {
        Interlocked.Increment(ref _measurements);
        lock (_listener)
        {
            _sum += value;
        }
    }
}
