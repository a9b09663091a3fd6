using System.Text;

namespace Tandem.Bench.Reports;

/// <summary>A GitHub-flavoured Markdown table: a header, an alignment per column, rows of escaped cells.</summary>
internal sealed class MarkdownTable
{
    private readonly List<(string Header, bool RightAligned)> _columns = [];
    private readonly List<string[]> _rows = [];

    public MarkdownTable Column(string header, bool rightAligned = false)
    {
        if (_rows.Count > 0)
        {
            throw new InvalidOperationException("Add every column before the first row.");
        }

        _columns.Add((header, rightAligned));
        return this;
    }

    public void Row(params string[] cells)
    {
        if (cells.Length != _columns.Count)
        {
            throw new ArgumentException($"A row needs {_columns.Count} cells; got {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells);
    }

    public void WriteTo(StringBuilder builder)
    {
        builder.Append('|');
        foreach (var (header, _) in _columns)
        {
            builder.Append(' ').Append(ReportFormat.Cell(header)).Append(" |");
        }

        builder.Append('\n').Append('|');
        foreach (var (_, right) in _columns)
        {
            builder.Append(right ? "---:|" : "---|");
        }

        builder.Append('\n');
        foreach (var row in _rows)
        {
            builder.Append('|');
            foreach (var cell in row)
            {
                builder.Append(' ').Append(ReportFormat.Cell(cell)).Append(" |");
            }

            builder.Append('\n');
        }
    }
}
