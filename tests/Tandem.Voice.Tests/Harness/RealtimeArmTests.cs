using Tandem.Voice.Entities;
using Tandem.Voice.Harness;

namespace Tandem.Voice.Tests.Harness;

public sealed class RealtimeArmTests
{
    [Theory]
    [InlineData("""{"value":"+14155550123"}""", "+14155550123")]
    [InlineData("""{  "value" : "B7K 9" , "note":"x" }""", "B7K 9")]
    [InlineData("""{"number":"5550123"}""", """{"number":"5550123"}""")] // not the tool's shape: kept whole for grading
    [InlineData("""{"value":42}""", """{"value":42}""")]
    [InlineData("not json", "not json")]
    [InlineData("", "")]
    public void ValueOf_Arguments_TheValueOrTheTextItself(string arguments, string expected)
    {
        Assert.Equal(expected, RealtimeArm.ValueOf(arguments));
    }

    [Fact]
    public void Describe_EveryKind_HasWords()
    {
        Assert.All(Enum.GetValues<EntityKind>(), k => Assert.False(string.IsNullOrWhiteSpace(RealtimeArm.Describe(k))));
        Assert.Contains("spelled", RealtimeArm.Describe(EntityKind.SpelledName), StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_BlankName_Throws()
    {
        Assert.Throws<ArgumentException>(() => new RealtimeArm(" ", new RealtimeArmOptions { BaseUrl = new Uri("ws://127.0.0.1:1/v1/realtime"), Model = "sphinx-lm" }));
    }
}
