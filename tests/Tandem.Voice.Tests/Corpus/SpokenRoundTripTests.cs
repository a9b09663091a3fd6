using Tandem.Voice.Corpus;
using Tandem.Voice.Entities;

namespace Tandem.Voice.Tests.Corpus;

/// <summary>
/// What the corpus makes a caller say, the normaliser reads back to the value it was made from:
/// every kind, every style that applies, several seeded values and framings. A regression on
/// either side shows here as a value the harness could never capture, whatever the recogniser.
/// </summary>
public sealed class SpokenRoundTripTests
{
    public static TheoryData<EntityKind, SpokenStyle> KindsAndStyles()
    {
        var data = new TheoryData<EntityKind, SpokenStyle>();
        foreach (var kind in Enum.GetValues<EntityKind>())
        {
            foreach (var style in SpokenRenderer.StylesFor(kind))
            {
                data.Add(kind, style);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KindsAndStyles))]
    public void Render_ThenNormalize_GivesTheCanonicalValue(EntityKind kind, SpokenStyle style)
    {
        var generator = new EntityValueGenerator(seed: 7);
        var failures = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            var value = generator.Generate(kind, i);
            var options = OptionsFor(kind, value);
            var normalizer = new EntityNormalizer(options);
            for (var variant = 0; variant < 2; variant++)
            {
                var spoken = SpokenRenderer.Render(kind, value, style, variant);
                var read = normalizer.Normalize(kind, spoken).Value;
                if (read != value)
                {
                    failures.Add($"'{spoken}' → '{read}', expected '{value}'");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Theory]
    [InlineData(EntityKind.PhoneNumber)]
    [InlineData(EntityKind.OrderCode)]
    [InlineData(EntityKind.CardNumber)]
    [InlineData(EntityKind.Postcode)]
    [InlineData(EntityKind.SpelledName)]
    [InlineData(EntityKind.Email)]
    public void GeneratedValues_PassTheirValidator(EntityKind kind)
    {
        var generator = new EntityValueGenerator(seed: 11);
        var failures = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            var value = generator.Generate(kind, i);
            var result = EntityValidators.For(kind, OptionsFor(kind, value)).Validate(value);
            if (!result.IsValid)
            {
                failures.Add($"{value}: {result.Reason}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>The deployment's region a sample belongs to: a UK number or postcode is collected by a UK agent.</summary>
    internal static EntityOptions OptionsFor(EntityKind kind, string value) =>
        (kind == EntityKind.PhoneNumber && value.StartsWith("+44", StringComparison.Ordinal))
        || (kind == EntityKind.Postcode && value.Any(char.IsLetter))
            ? new EntityOptions { DefaultRegion = "GB", AllowFictionalNumbers = true }
            : new EntityOptions { AllowFictionalNumbers = true };
}
