using ScottPlot;
using Tandem.Bench.Results;

namespace Tandem.Bench.Reports;

/// <summary>
/// One colour per client, the same in every chart of a run (in the order of <see cref="BenchResults.Clients"/>,
/// then of first appearance), and a line pattern per transport: WebSocket solid, HTTP dashed.
/// </summary>
internal sealed class ClientStyles
{
    private readonly Dictionary<string, int> _order = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _transport = new(StringComparer.Ordinal);
    private readonly IPalette _palette = new ScottPlot.Palettes.Category10();

    public ClientStyles(BenchResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        foreach (var client in results.Clients)
        {
            _order.TryAdd(client.Name, _order.Count);
            _transport[client.Name] = client.Transport;
        }

        foreach (var result in results.Scenarios.SelectMany(s => s.Results))
        {
            _order.TryAdd(result.Client, _order.Count);
        }
    }

    /// <summary>Every client, in a stable order.</summary>
    public IEnumerable<string> Clients => _order.OrderBy(p => p.Value).Select(p => p.Key);

    public int IndexOf(string client) => _order.TryGetValue(client, out var index) ? index : _order.Count;

    public Color ColorOf(string client) => _palette.GetColor(IndexOf(client));

    public LinePattern PatternOf(string client) =>
        _transport.TryGetValue(client, out var transport) && transport == "websocket" ? LinePattern.Solid : LinePattern.Dashed;
}
