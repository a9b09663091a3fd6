namespace Tandem.Server.Sessions;

/// <summary>Turns the <c>--store</c> setting into a store.</summary>
internal static class ResponseStoreFactory
{
    public static IResponseStore Create(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec is "" or "memory")
        {
            return new InMemoryResponseStore();
        }

        if (spec.StartsWith("sqlite:", StringComparison.Ordinal) && spec.Length > "sqlite:".Length)
        {
            return new SqliteResponseStore(spec["sqlite:".Length..]);
        }

        throw new ArgumentException($"Unknown store '{spec}': use 'memory' or 'sqlite:PATH'.", nameof(spec));
    }
}
