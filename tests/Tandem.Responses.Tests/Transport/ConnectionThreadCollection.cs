namespace Tandem.Responses.Tests.Transport;

/// <summary>
/// Tests that look for the WebSocket connections' threads among the process's threads: run after the
/// parallel ones, one at a time, so that no other test starts such a thread meanwhile.
/// </summary>
[CollectionDefinition(nameof(ConnectionThreadCollection), DisableParallelization = true)]
public sealed class ConnectionThreadCollection;
