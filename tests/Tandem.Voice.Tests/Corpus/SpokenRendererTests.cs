using System.Text.RegularExpressions;
using Tandem.Voice.Corpus;
using Tandem.Voice.Entities;

namespace Tandem.Voice.Tests.Corpus;

public sealed partial class SpokenRendererTests
{
    public static TheoryData<EntityKind, SpokenStyle[]> StyleTable => new()
    {
        { EntityKind.PhoneNumber, [SpokenStyle.Digits, SpokenStyle.OhForZero, SpokenStyle.DoubleTriple, SpokenStyle.Grouped, SpokenStyle.Pairs] },
        { EntityKind.CardNumber, [SpokenStyle.Digits, SpokenStyle.OhForZero, SpokenStyle.DoubleTriple, SpokenStyle.Grouped, SpokenStyle.Pairs] },
        { EntityKind.OrderCode, [SpokenStyle.Letters, SpokenStyle.OhForZero, SpokenStyle.DoubleTriple, SpokenStyle.Grouped, SpokenStyle.Nato, SpokenStyle.AsIn] },
        { EntityKind.Postcode, [SpokenStyle.Letters, SpokenStyle.OhForZero, SpokenStyle.DoubleTriple, SpokenStyle.Nato, SpokenStyle.AsIn] },
        { EntityKind.SpelledName, [SpokenStyle.Letters, SpokenStyle.DoubleTriple, SpokenStyle.Nato, SpokenStyle.AsIn] },
        { EntityKind.Email, [SpokenStyle.EmailWords, SpokenStyle.SpelledEmail] },
    };

    [Theory]
    [MemberData(nameof(StyleTable))]
    public void StylesFor_EachKind_IsTheDocumentedTable(EntityKind kind, SpokenStyle[] expected)
    {
        Assert.Equal(expected, SpokenRenderer.StylesFor(kind));
        foreach (var style in Enum.GetValues<SpokenStyle>())
        {
            Assert.Equal(expected.Contains(style), SpokenRenderer.Applies(kind, style));
        }
    }

    [Theory]
    [InlineData("+14155550123", SpokenStyle.Digits, "four one five five five five zero one two three")]
    [InlineData("+14155550123", SpokenStyle.OhForZero, "four one five five five five oh one two three")]
    [InlineData("+14155550123", SpokenStyle.DoubleTriple, "four one five, triple five, oh one two three")]
    [InlineData("+14155550123", SpokenStyle.Grouped, "four one five, five five five, zero one two three")]
    [InlineData("+14155550123", SpokenStyle.Pairs, "four fifteen, five fifty-five, oh one twenty-three")]
    [InlineData("+447700900100", SpokenStyle.Digits, "zero seven seven zero zero nine zero zero one zero zero")]
    [InlineData("+447700900100", SpokenStyle.DoubleTriple, "oh double seven double oh, nine double oh, one double oh")]
    [InlineData("+447700900100", SpokenStyle.Grouped, "zero seven seven zero zero, nine zero zero, one zero zero")]
    [InlineData("+447700900100", SpokenStyle.Pairs, "oh seventy-seven hundred, nine hundred, one hundred")]
    [InlineData("+447700900015", SpokenStyle.Pairs, "oh seventy-seven hundred, nine hundred, oh fifteen")]
    public void RenderValue_PhoneNumber_StyleTable(string value, SpokenStyle style, string expected) =>
        Assert.Equal(expected, SpokenRenderer.RenderValue(EntityKind.PhoneNumber, value, style));

    [Theory]
    [InlineData(SpokenStyle.Digits, "four zero zero zero zero zero one two three four five six seven eight nine nine")]
    [InlineData(SpokenStyle.OhForZero, "four oh oh oh oh oh one two three four five six seven eight nine nine")]
    [InlineData(SpokenStyle.DoubleTriple, "four triple oh, double oh one two, three four five six, seven eight double nine")]
    [InlineData(SpokenStyle.Grouped, "four zero zero zero, zero zero one two, three four five six, seven eight nine nine")]
    [InlineData(SpokenStyle.Pairs, "forty hundred, oh oh twelve, thirty-four fifty-six, seventy-eight ninety-nine")]
    public void RenderValue_CardNumber_StyleTable(SpokenStyle style, string expected) =>
        Assert.Equal(expected, SpokenRenderer.RenderValue(EntityKind.CardNumber, "4000001234567899", style));

    [Theory]
    [InlineData("B7K0QQ", SpokenStyle.Letters, "B seven K zero Q Q")]
    [InlineData("B7K0QQ", SpokenStyle.OhForZero, "B seven K oh Q Q")]
    [InlineData("B7K0QQ", SpokenStyle.DoubleTriple, "B seven K, oh double Q")]
    [InlineData("B7K0QQ", SpokenStyle.Grouped, "B seven K, zero Q Q")]
    [InlineData("B7K0QQ", SpokenStyle.Nato, "bravo seven kilo zero quebec quebec")]
    [InlineData("AB12CD3", SpokenStyle.Grouped, "A B one two, C D three")]
    [InlineData("XW9Y2222", SpokenStyle.DoubleTriple, "X W nine Y, double two double two")]
    public void RenderValue_OrderCode_StyleTable(string value, SpokenStyle style, string expected) =>
        Assert.Equal(expected, SpokenRenderer.RenderValue(EntityKind.OrderCode, value, style));

    [Theory]
    [InlineData("SW1A 1AA", SpokenStyle.Letters, "S W one A, one A A")]
    [InlineData("SW1A 1AA", SpokenStyle.DoubleTriple, "S W one A, one double A")]
    [InlineData("SW1A 1AA", SpokenStyle.Nato, "sierra whiskey one alpha, one alpha alpha")]
    [InlineData("EC1A 0BB", SpokenStyle.OhForZero, "E C one A, oh B B")]
    [InlineData("90210", SpokenStyle.Letters, "nine zero two one zero")]
    [InlineData("90210", SpokenStyle.OhForZero, "nine oh two one oh")]
    public void RenderValue_Postcode_StyleTable(string value, SpokenStyle style, string expected) =>
        Assert.Equal(expected, SpokenRenderer.RenderValue(EntityKind.Postcode, value, style));

    [Theory]
    [InlineData("O'NEILL", SpokenStyle.Letters, "O apostrophe N E I L L")]
    [InlineData("O'NEILL", SpokenStyle.DoubleTriple, "O apostrophe N E I double L")]
    [InlineData("O'NEILL", SpokenStyle.Nato, "oscar apostrophe november echo india lima lima")]
    [InlineData("SMITH-JONES", SpokenStyle.Letters, "S M I T H hyphen J O N E S")]
    public void RenderValue_SpelledName_StyleTable(string value, SpokenStyle style, string expected) =>
        Assert.Equal(expected, SpokenRenderer.RenderValue(EntityKind.SpelledName, value, style));

    [Theory]
    [InlineData("john.smith@example.com", SpokenStyle.EmailWords, "john dot smith at example dot com")]
    [InlineData("john.smith@example.com", SpokenStyle.SpelledEmail, "J O H N dot S M I T H at example dot com")]
    [InlineData("jsmith_74@example.org", SpokenStyle.EmailWords, "J smith underscore seventy-four at example dot org")]
    [InlineData("jsmith_74@example.org", SpokenStyle.SpelledEmail, "J S M I T H underscore seven four at example dot org")]
    [InlineData("mary-qx@example.com", SpokenStyle.EmailWords, "mary dash Q X at example dot com")]
    [InlineData("priyaobrien7@example.com", SpokenStyle.EmailWords, "priya obrien seven at example dot com")]
    public void RenderValue_Email_StyleTable(string value, SpokenStyle style, string expected) =>
        Assert.Equal(expected, SpokenRenderer.RenderValue(EntityKind.Email, value, style));

    [Fact]
    public void RenderValue_AsIn_EachLetterNamesAWordStartingWithIt()
    {
        for (var variant = 0; variant < 50; variant++)
        {
            var spoken = SpokenRenderer.RenderValue(EntityKind.OrderCode, "ABCDEFGHJKLMNPQRSTUVWXYZ", SpokenStyle.AsIn, variant);
            var parts = AsInPart().Matches(spoken);
            Assert.Equal(24, parts.Count);
            Assert.All(parts, m => Assert.Equal(m.Groups["letter"].Value, m.Groups["word"].Value[..1].ToUpperInvariant()));
        }

        Assert.Matches("^B as in [A-Za-z]+, seven$", SpokenRenderer.RenderValue(EntityKind.OrderCode, "B7", SpokenStyle.AsIn));
    }

    [Fact]
    public void RenderValue_AsIn_UsesMoreThanNatoWords()
    {
        var words = Enumerable.Range(0, 40)
            .SelectMany(v => AsInPart().Matches(SpokenRenderer.RenderValue(EntityKind.SpelledName, "BENNETT", SpokenStyle.AsIn, v)))
            .Select(m => m.Groups["word"].Value.ToLowerInvariant())
            .ToHashSet();
        Assert.Contains("boy", words);
        Assert.Contains("bravo", words);
    }

    [Fact]
    public void Render_Sentence_FramesTheValueWithACapitalAndFullStop()
    {
        var value = SpokenRenderer.RenderValue(EntityKind.PhoneNumber, "+14155550123", SpokenStyle.Pairs, 3);
        var sentence = SpokenRenderer.Render(EntityKind.PhoneNumber, "+14155550123", SpokenStyle.Pairs, 3);
        Assert.True(char.IsUpper(sentence[0]));
        Assert.EndsWith(".", sentence, StringComparison.Ordinal);
        Assert.Contains(value[1..], sentence, StringComparison.Ordinal);
        Assert.Equal(sentence, SpokenRenderer.Render(EntityKind.PhoneNumber, "+14155550123", SpokenStyle.Pairs, 3));
    }

    [Fact]
    public void Render_Variants_ChooseSeveralFramings()
    {
        var sentences = Enumerable.Range(0, 30)
            .Select(v => SpokenRenderer.Render(EntityKind.OrderCode, "B7K0QQ", SpokenStyle.Letters, v))
            .ToHashSet();
        Assert.True(sentences.Count >= 4, string.Join(" | ", sentences));
        Assert.Contains("My order code is B seven K zero Q Q.", sentences);
    }

    [Fact]
    public void Render_EveryGeneratedValueAndStyle_FramingHasNoWordANormaliserCouldReadAsAValue()
    {
        // "to"/"too"/"for" sound like digits, "oh" is zero, "a" a letter, "at"/"dot" belong to emails.
        string[] forbidden = ["to", "too", "two", "for", "four", "oh", "o", "a", "at", "dot", "double", "triple", "hundred", "as", "in"];
        var generator = new EntityValueGenerator(21);
        foreach (var kind in Enum.GetValues<EntityKind>())
        {
            foreach (var value in generator.GenerateMany(kind, 40))
            {
                foreach (var style in SpokenRenderer.StylesFor(kind))
                {
                    for (var variant = 0; variant < 6; variant++)
                    {
                        var spoken = SpokenRenderer.RenderValue(kind, value, style, variant);
                        var sentence = SpokenRenderer.Render(kind, value, style, variant);
                        var at = sentence.IndexOf(spoken[1..], StringComparison.Ordinal) - 1;
                        Assert.True(at >= 0, sentence);
                        var framing = Words(sentence[..at] + sentence[(at + spoken.Length)..]);
                        Assert.DoesNotContain(framing, w => forbidden.Contains(w));
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(EntityKind.PhoneNumber, "+15551234")]
    [InlineData(EntityKind.PhoneNumber, "+33612345678")]
    [InlineData(EntityKind.Postcode, "sw1a 1aa")]
    [InlineData(EntityKind.Postcode, "SW1A1AA")]
    [InlineData(EntityKind.Email, "John@Example.com")]
    [InlineData(EntityKind.SpelledName, "smith")]
    [InlineData(EntityKind.OrderCode, "AB-12")]
    [InlineData(EntityKind.CardNumber, "4000 0012 3456 7899")]
    public void RenderValue_NotCanonical_ThrowsNamingTheValue(EntityKind kind, string value)
    {
        var ex = Assert.Throws<ArgumentException>(() => SpokenRenderer.RenderValue(kind, value, SpokenRenderer.StylesFor(kind)[0]));
        Assert.Contains(value, ex.Message, StringComparison.Ordinal);
        Assert.Contains(kind.ToString(), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderValue_StyleForAnotherKind_ThrowsListingTheStylesThatApply()
    {
        var ex = Assert.Throws<ArgumentException>(() => SpokenRenderer.RenderValue(EntityKind.PhoneNumber, "+14155550123", SpokenStyle.Nato));
        Assert.Contains("Nato", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Pairs", ex.Message, StringComparison.Ordinal);
    }

    private static string[] Words(string text) =>
        [.. WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value)];

    [GeneratedRegex(@"(?<letter>[A-Z]) as in (?<word>[A-Za-z-]+)")]
    private static partial Regex AsInPart();

    [GeneratedRegex(@"[a-z']+")]
    private static partial Regex WordPattern();
}
