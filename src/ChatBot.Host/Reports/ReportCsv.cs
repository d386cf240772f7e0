using System.Globalization;
using System.Text;
using ChatBot.Feedback.Reports;

namespace ChatBot.Host.Reports;

/// <summary>
/// The per-period table as CSV: UTF-8 with a byte-order mark (without it Excel reads Vietnamese as Latin-1),
/// comma-separated, dot decimals, the totals row last.
/// </summary>
public static class ReportCsv
{
    public static byte[] Write(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        Line(text, ReportFormat.Columns.Select(c => c.Header));
        foreach (var period in report.Periods.Append(report.Totals))
        {
            Line(text, ReportFormat.Columns.Select(c => Cell(c.Value(period))));
        }
        var preamble = Encoding.UTF8.GetPreamble();
        var body = Encoding.UTF8.GetBytes(text.ToString());
        return [.. preamble, .. body];
    }

    private static void Line(StringBuilder text, IEnumerable<string> cells)
    {
        text.AppendJoin(',', cells.Select(Quote));
        text.Append("\r\n");
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double number => number.ToString("0.##", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Quote(string cell)
    {
        // A cell that starts like a formula is shown as text, so a spreadsheet never evaluates it.
        if (cell.Length > 0 && cell[0] is '=' or '+' or '@' or '\t' or '\r' || (cell.StartsWith('-') && !double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            cell = "'" + cell;
        }
        return cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
    }
}
