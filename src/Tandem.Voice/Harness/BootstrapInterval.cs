namespace Tandem.Voice.Harness;

/// <summary>A paired difference (B − A) with its bootstrap confidence interval.</summary>
public sealed record BootstrapInterval(double Difference, double Low, double High, double Confidence, int Resamples)
{
    /// <summary>Whether the interval excludes 0: the difference is unlikely to be noise at this confidence.</summary>
    public bool ExcludesZero => Low > 0 || High < 0;
}
