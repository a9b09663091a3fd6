using Tandem.Voice.Corpus;
using Tandem.Voice.Entities;
using Tandem.Voice.Fallbacks;

namespace Tandem.Voice.Harness;

/// <summary>Settings of an A/B run.</summary>
public sealed class AbHarnessOptions
{
    /// <summary>The policies every sample runs under on each arm; default the ladder none → full.</summary>
    public IReadOnlyList<FallbackPolicy> Policies { get; init; } = FallbackPolicyBuilder.Ladder();

    /// <summary>Samples in flight at once (each runs its arms and policies in turn).</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Resamples of the paired bootstrap.</summary>
    public int BootstrapResamples { get; init; } = 2000;

    /// <summary>Seed of the bootstrap, so a report is reproducible.</summary>
    public int Seed { get; init; } = 12345;

    /// <summary>
    /// The entity settings a sample is collected with. Default: the region its value belongs to
    /// (a UK number or postcode is collected by a UK agent) and fictional phone ranges allowed,
    /// since the corpus only ever speaks fictional numbers.
    /// </summary>
    public Func<CorpusSample, EntityOptions> EntityOptionsFor { get; init; } = DefaultEntityOptions;

    public static EntityOptions DefaultEntityOptions(CorpusSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var uk = (sample.Kind == EntityKind.PhoneNumber && sample.CanonicalValue.StartsWith("+44", StringComparison.Ordinal))
            || (sample.Kind == EntityKind.Postcode && sample.CanonicalValue.Any(char.IsAsciiLetter));
        return new EntityOptions { DefaultRegion = uk ? "GB" : "US", AllowFictionalNumbers = true };
    }
}
