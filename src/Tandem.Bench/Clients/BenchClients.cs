namespace Tandem.Bench.Clients;

/// <summary>The clients the bench can run, by their stable names.</summary>
public static class BenchClients
{
    /// <summary>Every client's name, in report order: Tandem first, then the peers, then the raw floors.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "tandem-ws",
        "tandem-http",
        "tandem-http-stateless",
        "openai-sdk",
        "meai-ficc",
        "raw-http",
        "raw-ws",
    ];

    /// <summary>Creates the client named <paramref name="name"/> against <paramref name="target"/>.</summary>
    /// <exception cref="ArgumentException">No client has that name.</exception>
    public static IBenchClient Create(string name, BenchTarget target)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(target);
        return name switch
        {
            "tandem-ws" => TandemBenchClient.WebSocket(target),
            "tandem-http" => TandemBenchClient.HttpChained(target),
            "tandem-http-stateless" => TandemBenchClient.HttpStateless(target),
            "openai-sdk" => OpenAiSdkBenchClient.Create(target),
            "meai-ficc" => ChatClientBenchClient.Create(target),
            "raw-http" => RawHttpBenchClient.Create(target),
            "raw-ws" => RawWebSocketBenchClient.Create(target),
            _ => throw new ArgumentException($"Unknown client '{name}'. Valid clients: {string.Join(", ", Names)}.", nameof(name)),
        };
    }
}
