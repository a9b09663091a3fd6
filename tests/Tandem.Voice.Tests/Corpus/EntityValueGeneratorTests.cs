using System.Text.RegularExpressions;
using Tandem.Voice.Corpus;
using Tandem.Voice.Entities;

namespace Tandem.Voice.Tests.Corpus;

public sealed partial class EntityValueGeneratorTests
{
    private const int Many = 300;

    [Fact]
    public void Generate_SameSeed_SameValues()
    {
        var a = new EntityValueGenerator(11);
        var b = new EntityValueGenerator(11);
        foreach (var kind in Enum.GetValues<EntityKind>())
        {
            Assert.Equal(a.GenerateMany(kind, Many), b.GenerateMany(kind, Many));
        }
    }

    [Fact]
    public void Generate_DifferentSeed_DifferentValues()
    {
        foreach (var kind in Enum.GetValues<EntityKind>())
        {
            Assert.NotEqual(new EntityValueGenerator(1).GenerateMany(kind, 20), new EntityValueGenerator(2).GenerateMany(kind, 20));
        }
    }

    [Fact]
    public void Generate_Seed42_GivesThePinnedValues()
    {
        // If this fails, every corpus made from a seed changes: that is a corpus format change, not a refactoring.
        var generator = new EntityValueGenerator(42);
        Assert.Equal("+447700900993", generator.Generate(EntityKind.PhoneNumber, 0));
        Assert.Equal("1PQ5AW", generator.Generate(EntityKind.OrderCode, 0));
        Assert.Equal("4000009243063479", generator.Generate(EntityKind.CardNumber, 0));
        Assert.Equal("49259", generator.Generate(EntityKind.Postcode, 0));
        Assert.Equal("BENNETT", generator.Generate(EntityKind.SpelledName, 0));
        Assert.Equal("anna10@example.com", generator.Generate(EntityKind.Email, 0));
    }

    [Fact]
    public void Generate_OneIndex_DoesNotDependOnOtherCalls()
    {
        var generator = new EntityValueGenerator(5);
        var direct = generator.Generate(EntityKind.OrderCode, 17);
        _ = generator.GenerateMany(EntityKind.OrderCode, 40).ToList();
        _ = generator.Generate(EntityKind.Email, 3);
        Assert.Equal(direct, generator.Generate(EntityKind.OrderCode, 17));
        Assert.Equal(direct, generator.GenerateMany(EntityKind.OrderCode, 1, start: 17).Single());
    }

    [Fact]
    public void PhoneNumbers_AllInTheFictionalRanges_BothCountries()
    {
        var values = new EntityValueGenerator(3).GenerateMany(EntityKind.PhoneNumber, Many).ToList();
        Assert.All(values, v => Assert.Matches(FictionalPhone(), v));
        Assert.Contains(values, v => v.StartsWith("+1", StringComparison.Ordinal));
        Assert.Contains(values, v => v.StartsWith("+44", StringComparison.Ordinal));
    }

    [Fact]
    public void CardNumbers_PassLuhnInTheTestRange()
    {
        var values = new EntityValueGenerator(4).GenerateMany(EntityKind.CardNumber, Many).ToList();
        Assert.All(values, v =>
        {
            Assert.Matches("^400000[0-9]{10}$", v);
            Assert.True(Luhn(v), $"{v} fails Luhn");
        });
        Assert.True(values.Distinct().Count() > Many - 5);
    }

    [Fact]
    public void Luhn_TestHelper_RejectsAOneDigitChange()
    {
        // The check above is only as good as this helper: it must reject what it should.
        Assert.True(Luhn("4111111111111111"));
        Assert.False(Luhn("4111111111111112"));
        Assert.False(Luhn("4000009243063478"));
    }

    [Fact]
    public void OrderCodes_DefaultOptions_SixToEightFromTheAlphabetWithLettersAndDigits()
    {
        var values = new EntityValueGenerator(6).GenerateMany(EntityKind.OrderCode, Many).ToList();
        Assert.All(values, v =>
        {
            Assert.InRange(v.Length, 6, 8);
            Assert.All(v, c => Assert.Contains(c, EntityValueOptions.DefaultOrderCodeAlphabet));
            Assert.Contains(v, char.IsAsciiLetter);
            Assert.Contains(v, char.IsAsciiDigit);
        });
        Assert.Equal([6, 7, 8], values.Select(v => v.Length).Distinct().Order());
    }

    [Fact]
    public void OrderCodes_CustomAlphabetAndLength_AreRespected()
    {
        var options = new EntityValueOptions { OrderCodeAlphabet = "XYZ789", OrderCodeMinLength = 4, OrderCodeMaxLength = 4 };
        var values = new EntityValueGenerator(6, options).GenerateMany(EntityKind.OrderCode, 100).ToList();
        Assert.All(values, v => Assert.Matches("^[XYZ789]{4}$", v));
    }

    [Theory]
    [InlineData("abc123", 6, 8, "'a'")]
    [InlineData("AAB1", 6, 8, "twice")]
    [InlineData("AB12", 9, 8, "9..8")]
    public void Options_Invalid_ThrowNamingTheProblem(string alphabet, int min, int max, string expected)
    {
        var options = new EntityValueOptions { OrderCodeAlphabet = alphabet, OrderCodeMinLength = min, OrderCodeMaxLength = max };
        var ex = Assert.Throws<ArgumentException>(() => new EntityValueGenerator(1, options));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Postcodes_UkWithInwardSpaceOrUsZip_BothCountries()
    {
        var values = new EntityValueGenerator(7).GenerateMany(EntityKind.Postcode, Many).ToList();
        Assert.All(values, v => Assert.Matches(Postcode(), v));
        Assert.Contains(values, v => v.Contains(' ', StringComparison.Ordinal));
        Assert.Contains(values, v => !v.Contains(' ', StringComparison.Ordinal));
    }

    [Fact]
    public void Names_UpperCaseLettersWithHyphenOrApostrophe()
    {
        var values = new EntityValueGenerator(8).GenerateMany(EntityKind.SpelledName, Many).ToList();
        Assert.All(values, v => Assert.Matches("^[A-Z]+([-'][A-Z]+)*$", v));
        Assert.Contains(values, v => v.Contains('\'', StringComparison.Ordinal));
        Assert.Contains(values, v => v.Contains('-', StringComparison.Ordinal));
    }

    [Fact]
    public void Emails_LowerCaseOnTheReservedDomains()
    {
        var values = new EntityValueGenerator(9).GenerateMany(EntityKind.Email, Many).ToList();
        Assert.All(values, v => Assert.Matches(@"^[a-z0-9._-]+@example\.(com|org)$", v));
        foreach (var separator in new[] { ".", "_", "-" })
        {
            Assert.Contains(values, v => v.Split('@')[0].Contains(separator, StringComparison.Ordinal));
        }
    }

    private static bool Luhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d = d * 2 > 9 ? (d * 2) - 9 : d * 2;
            }

            sum += d;
        }

        return sum % 10 == 0;
    }

    [GeneratedRegex(@"^(\+1(201|202|206|212|213|303|305|312|404|415|503|512|602|617|702|713|718|808|917|919)55501[0-9]{2}|\+447700900[0-9]{3})$")]
    private static partial Regex FictionalPhone();

    [GeneratedRegex(@"^([A-Z]{1,2}[0-9][A-Z0-9]? [0-9][ABDEFGHJLNPQRSTUWXYZ]{2}|[0-9]{5})$")]
    private static partial Regex Postcode();
}
