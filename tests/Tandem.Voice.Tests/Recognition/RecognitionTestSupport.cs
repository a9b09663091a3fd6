using Tandem.Voice.Recognition;

namespace Tandem.Voice.Tests.Recognition;

/// <summary>Skips a test, with the reason, where PocketSphinx or its model is missing.</summary>
internal static class RecognitionTestSupport
{
    public static void RequirePocketSphinx()
    {
        if (!PocketSphinxRecognizer.IsAvailable(out var reason))
        {
            Assert.Skip("pocketsphinx is not installed: " + reason);
        }
    }

    /// <summary>Word error rate: word-level edit distance over the reference's length.</summary>
    public static double WordErrorRate(string reference, string hypothesis)
    {
        var r = reference.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var h = hypothesis.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var d = new int[r.Length + 1, h.Length + 1];
        for (var i = 0; i <= r.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= h.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= r.Length; i++)
        {
            for (var j = 1; j <= h.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (r[i - 1] == h[j - 1] ? 0 : 1));
            }
        }

        return (double)d[r.Length, h.Length] / r.Length;
    }
}
