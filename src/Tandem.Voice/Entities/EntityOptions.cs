namespace Tandem.Voice.Entities;

/// <summary>
/// Settings shared by <see cref="EntityNormalizer"/> and <see cref="EntityValidators"/>, so that the
/// value a normaliser produces is judged by the same rules (region, code alphabet, name bounds).
/// </summary>
public sealed class EntityOptions
{
    /// <summary>The options every default constructor uses.</summary>
    public static EntityOptions Default { get; } = new();

    /// <summary>
    /// ISO 3166-1 alpha-2 region (<c>US</c>, <c>GB</c>; <c>UK</c> is accepted as <c>GB</c>). It decides
    /// how a phone number without a country code is read and which postcode system applies
    /// (postcodes: US ZIP or UK only).
    /// </summary>
    public string DefaultRegion { get; init; } = "US";

    /// <summary>The alphabet, lengths and check character of order codes.</summary>
    public CodeFormat CodeFormat { get; init; } = CodeFormat.Unambiguous;

    /// <summary>Fewest letters a spelled name may have; a single letter is more often a spelling cut short than a name.</summary>
    public int MinNameLength { get; init; } = 2;

    /// <summary>Most characters a spelled name may have.</summary>
    public int MaxNameLength { get; init; } = 64;

    /// <summary>
    /// Whether "no", "sorry", "I mean" between two spoken units replace the unit before them
    /// (see <see cref="EntityNormalizer"/>). Off: those words are ignored like fillers.
    /// </summary>
    public bool ApplyCorrections { get; init; } = true;

    /// <summary>
    /// Whether numbers reserved for fiction and testing pass phone validation although no network
    /// assigns them: US 555-0100 to 555-0199 in any area code, UK mobile 07700 900000–900999 and
    /// geographic 0113 496 0xxx, 0161 496 0xxx, 020 7946 0xxx, 01632 960xxx (Ofcom's drama ranges).
    /// Off by default (a real caller never has one); the A/B harness turns it on, since its corpus
    /// must never speak a real person's number.
    /// </summary>
    public bool AllowFictionalNumbers { get; init; }

    /// <summary>Throws when a setting is out of range; called by the normaliser and the validator factory.</summary>
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(CodeFormat, nameof(CodeFormat));
        _ = Regions.Canonical(DefaultRegion);
        if (MinNameLength < 1)
        {
            throw new ArgumentException($"MinNameLength must be at least 1, not {MinNameLength}.", nameof(MinNameLength));
        }

        if (MaxNameLength < MinNameLength)
        {
            throw new ArgumentException($"MaxNameLength ({MaxNameLength}) must not be below MinNameLength ({MinNameLength}).", nameof(MaxNameLength));
        }
    }
}
