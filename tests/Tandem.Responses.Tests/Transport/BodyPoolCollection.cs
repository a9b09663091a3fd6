namespace Tandem.Responses.Tests.Transport;

/// <summary>
/// Tests that measure the process-wide request-body pool (<c>PooledJsonContent</c>): run after the
/// parallel ones, one at a time. Every HTTP request of the other tests rents from the same pool and
/// moves its shared size hint, so a body written meanwhile may rightly need an array of its own.
/// </summary>
[CollectionDefinition(nameof(BodyPoolCollection), DisableParallelization = true)]
public sealed class BodyPoolCollection;
