using ScottPlot;
using SkiaSharp;

namespace Tandem.Bench.Reports;

/// <summary>Gives ScottPlot the <see cref="EmbeddedChartFont"/> for its family name, in every weight and slant (the one regular face).</summary>
internal sealed class EmbeddedFontResolver : IFontResolver
{
    private readonly SKData _data = SKData.CreateCopy(EmbeddedChartFont.Bytes());

    public SKTypeface CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) => Create(fontName)!;

    public SKTypeface CreateTypeface(string fontName, bool bold, bool italic) => Create(fontName)!;

    // A new typeface per call: ScottPlot's callers may dispose what they are given. Null for other families, so the next resolver answers.
    private SKTypeface? Create(string fontName) =>
        string.Equals(fontName, EmbeddedChartFont.FamilyName, StringComparison.Ordinal) ? SKTypeface.FromData(_data) : null;
}
