using System.Text.Json;

namespace Tandem.Skills.Contracts;

/// <summary>
/// Compares an expected JSON value with an actual one as a contract test does: objects by their
/// members in any order, arrays in order, numbers by value (<c>1</c> equals <c>1.0</c>), strings exactly.
/// </summary>
internal static class JsonDifference
{
    /// <summary>The first difference as "at POINTER: expected X, got Y", or null when the values are equal.</summary>
    public static string? Find(JsonElement expected, JsonElement actual, string at = "")
    {
        if (expected.ValueKind != actual.ValueKind && !(IsBoolean(expected) && IsBoolean(actual)))
        {
            return Describe(at, expected, actual);
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in expected.EnumerateObject())
                {
                    var here = at + "/" + Escape(p.Name);
                    if (!actual.TryGetProperty(p.Name, out var value))
                    {
                        return $"at {here}: expected {Short(p.Value)}, got nothing";
                    }

                    if (Find(p.Value, value, here) is { } inner)
                    {
                        return inner;
                    }
                }

                foreach (var p in actual.EnumerateObject())
                {
                    if (!expected.TryGetProperty(p.Name, out _))
                    {
                        return $"at {at}/{Escape(p.Name)}: expected nothing, got {Short(p.Value)}";
                    }
                }

                return null;
            case JsonValueKind.Array:
                var e = expected.EnumerateArray().ToList();
                var a = actual.EnumerateArray().ToList();
                for (var i = 0; i < Math.Min(e.Count, a.Count); i++)
                {
                    if (Find(e[i], a[i], $"{at}/{i}") is { } inner)
                    {
                        return inner;
                    }
                }

                return e.Count == a.Count ? null : $"at {(at.Length == 0 ? "/" : at)}: expected {e.Count} items, got {a.Count}";
            case JsonValueKind.Number:
                return NumbersEqual(expected, actual) ? null : Describe(at, expected, actual);
            case JsonValueKind.String:
                return expected.GetString() == actual.GetString() ? null : Describe(at, expected, actual);
            default:
                return expected.ValueKind == actual.ValueKind ? null : Describe(at, expected, actual);
        }
    }

    private static bool IsBoolean(JsonElement e) => e.ValueKind is JsonValueKind.True or JsonValueKind.False;

    private static bool NumbersEqual(JsonElement x, JsonElement y) =>
        x.TryGetDecimal(out var a) && y.TryGetDecimal(out var b) ? a == b : x.GetDouble().Equals(y.GetDouble());

    private static string Describe(string at, JsonElement expected, JsonElement actual) =>
        $"at {(at.Length == 0 ? "/" : at)}: expected {Short(expected)}, got {Short(actual)}";

    private static string Short(JsonElement e)
    {
        var text = e.GetRawText();
        return text.Length <= 80 ? text : text[..77] + "...";
    }

    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
