using ScottPlot;
using SkiaSharp;

namespace Tandem.Bench.Reports;

/// <summary>
/// The font family the charts draw their text with. An installed sans-serif family when the machine has one
/// (SkiaSharp's dependency-free Linux assets read the font folders themselves, without fontconfig); otherwise,
/// on a machine with no fonts at all, where every label would silently come out blank, the
/// <see cref="EmbeddedChartFont"/> registered with ScottPlot under its own name.
/// </summary>
internal static class ChartFonts
{
    private const string Probe = "Turn latency 0123456789 (ms) KiB";

    private static readonly string[] Preferred =
        ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Noto Sans", "Open Sans", "Roboto", "Segoe UI", "FreeSans"];

    private static readonly Lazy<string> Chosen = new(Choose, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The family to use (chosen once per process).</summary>
    public static string Family => Chosen.Value;

    /// <summary>Whether the charts fell back to the embedded font.</summary>
    public static bool UsesEmbedded => Family == EmbeddedChartFont.FamilyName;

    /// <summary>Sets every text of <paramref name="plot"/> (title, axis labels, ticks, legend) to <see cref="Family"/>, keeping sizes and weights.</summary>
    public static void Apply(Plot plot)
    {
        var family = Family;
        plot.Axes.Title.Label.FontName = family;
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.Label.FontName = family;
            axis.TickLabelStyle.FontName = family;
        }

        plot.Legend.FontName = family;
    }

    private static string Choose()
    {
        foreach (var name in Preferred)
        {
            if (Installed(name))
            {
                return name;
            }
        }

        // Any installed family that can draw the labels will do.
        var manager = SKFontManager.Default;
        for (var i = 0; i < manager.FontFamilyCount; i++)
        {
            var name = manager.GetFamilyName(i);
            if (!string.IsNullOrEmpty(name) && Installed(name))
            {
                return name;
            }
        }

        Fonts.FontResolvers.Insert(0, new EmbeddedFontResolver());
        return EmbeddedChartFont.FamilyName;
    }

    // MatchFamily, unlike FromFamilyName, answers null for a family that is not there instead of a stand-in.
    private static bool Installed(string family)
    {
        using var typeface = SKFontManager.Default.MatchFamily(family);
        return typeface is not null && typeface.GlyphCount > 0 && typeface.ContainsGlyphs(Probe);
    }
}
