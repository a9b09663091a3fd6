namespace Tandem.Voice.Harness;

/// <summary>
/// Significance of the difference between two arms measured on the same samples: the exact
/// McNemar test on the discordant pairs of a binary outcome, and a paired bootstrap confidence
/// interval of the difference in rates. Both use only the pairing, which is what makes a small
/// alphanumeric corpus informative.
/// </summary>
public static class PairedSignificance
{
    /// <summary>
    /// Two-sided exact McNemar p-value: of the pairs where the arms differ, <paramref name="onlyA"/>
    /// had the outcome in A only and <paramref name="onlyB"/> in B only; under the null hypothesis
    /// each such pair goes either way with probability ½ (a binomial test).
    /// </summary>
    public static double McNemarExact(int onlyA, int onlyB)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(onlyA);
        ArgumentOutOfRangeException.ThrowIfNegative(onlyB);
        var n = onlyA + onlyB;
        if (n == 0)
        {
            return 1.0;
        }

        var k = Math.Min(onlyA, onlyB);

        // P(X ≤ k) for X ~ Binomial(n, ½), in log space so large n does not overflow.
        var logHalfN = n * Math.Log(0.5);
        var tail = 0.0;
        for (var i = 0; i <= k; i++)
        {
            tail += Math.Exp(LogChoose(n, i) + logHalfN);
        }

        return Math.Min(1.0, 2 * tail);
    }

    /// <summary>
    /// The difference of means (B − A) of paired 0/1 outcomes and its percentile bootstrap interval
    /// (resampling pairs with replacement). Deterministic for a seed.
    /// </summary>
    public static BootstrapInterval PairedBootstrap(IReadOnlyList<bool> a, IReadOnlyList<bool> b, int resamples = 2000, double confidence = 0.95, int seed = 12345)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"Paired outcomes need equal counts; arm A has {a.Count}, arm B {b.Count}.", nameof(b));
        }

        if (resamples < 100)
        {
            throw new ArgumentOutOfRangeException(nameof(resamples), resamples, "At least 100 resamples.");
        }

        if (confidence is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "Confidence is between 0 and 1.");
        }

        var n = a.Count;
        if (n == 0)
        {
            return new BootstrapInterval(0, 0, 0, confidence, resamples);
        }

        var diffs = new int[n];
        for (var i = 0; i < n; i++)
        {
            diffs[i] = (b[i] ? 1 : 0) - (a[i] ? 1 : 0);
        }

        var observed = diffs.Average();
        var random = new Random(seed);
        var means = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            long sum = 0;
            for (var i = 0; i < n; i++)
            {
                sum += diffs[random.Next(n)];
            }

            means[r] = (double)sum / n;
        }

        Array.Sort(means);
        var alpha = (1 - confidence) / 2;
        var low = means[(int)Math.Floor(alpha * (resamples - 1))];
        var high = means[(int)Math.Ceiling((1 - alpha) * (resamples - 1))];
        return new BootstrapInterval(observed, low, high, confidence, resamples);
    }

    private static double LogChoose(int n, int k)
    {
        var result = 0.0;
        for (var i = 1; i <= k; i++)
        {
            result += Math.Log(n - k + i) - Math.Log(i);
        }

        return result;
    }
}
