using System.Globalization;
using ChatBot.Feedback.Reports;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ChatBot.Host.Reports;

/// <summary>
/// The report as an Excel workbook: sheet "Theo kỳ" with one row per period and a bold totals row, sheet "Xếp hạng"
/// with the top procedures and unanswered questions. Numbers and dates are real cells, so staff can chart them.
/// </summary>
public static class ReportXlsx
{
    public const string PeriodSheet = "Theo kỳ";
    public const string RankingSheet = "Xếp hạng";

    // Style indexes into the stylesheet below.
    private const uint Plain = 0;
    private const uint Bold = 1;
    private const uint DateStyle = 2;
    private const uint BoldDate = 3;

    private static readonly int ExcelEpochDayNumber = new DateOnly(1899, 12, 30).DayNumber;

    public static byte[] Write(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font(), new Font(new DocumentFormat.OpenXml.Spreadsheet.Bold())),
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
                new Borders(new Border()),
                new CellFormats(
                    new CellFormat(),
                    new CellFormat { FontId = 1, ApplyFont = true },
                    // 14 is Excel's built-in short date, shown in the reader's own date order.
                    new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true },
                    new CellFormat { FontId = 1, NumberFormatId = 14, ApplyFont = true, ApplyNumberFormat = true }));
            var sheets = workbook.Workbook.AppendChild(new Sheets());

            var periodRows = new List<IReadOnlyList<(object? Value, bool Bold)>>
            {
                ReportFormat.Columns.Select(c => ((object?)c.Header, true)).ToList(),
            };
            periodRows.AddRange(report.Periods.Select(p => ReportFormat.Columns.Select(c => (c.Value(p), false)).ToList()));
            periodRows.Add(ReportFormat.Columns.Select(c => (c.Value(report.Totals), true)).ToList());
            AddSheet(workbook, sheets, 1, PeriodSheet, periodRows, [16, 12, 12, .. Enumerable.Repeat(14.0, ReportFormat.Columns.Count - 3)]);

            var rankingRows = new List<IReadOnlyList<(object? Value, bool Bold)>>
            {
                new List<(object?, bool)> { ("Danh sách", true), ("Hạng", true), ("Nội dung", true), ("Mã thủ tục", true), ("Số câu hỏi", true) },
            };
            rankingRows.AddRange(report.TopProcedures.Select((p, i) => new List<(object?, bool)> { ("Thủ tục được hỏi nhiều nhất", false), (i + 1, false), (p.Label, false), (p.DocumentId, false), (p.Count, false) }));
            var unansweredList = report.TopUnansweredAreTopics ? "Chủ đề chưa trả lời được (đang chờ)" : "Câu hỏi chưa trả lời được";
            rankingRows.AddRange(report.TopUnanswered.Select((u, i) => new List<(object?, bool)> { (unansweredList, false), (i + 1, false), (u.Label, false), (u.DocumentId, false), (u.Count, false) }));
            AddSheet(workbook, sheets, 2, RankingSheet, rankingRows, [34, 8, 60, 24, 12]);
        }
        return stream.ToArray();
    }

    private static void AddSheet(WorkbookPart workbook, Sheets sheets, uint id, string name, List<IReadOnlyList<(object? Value, bool Bold)>> rows, double[] widths)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        for (var r = 0; r < rows.Count; r++)
        {
            var row = new Row { RowIndex = (uint)(r + 1) };
            for (var c = 0; c < rows[r].Count; c++)
            {
                var (value, bold) = rows[r][c];
                if (value is not null)
                {
                    row.Append(Cell(ColumnName(c) + (r + 1).ToString(CultureInfo.InvariantCulture), value, bold));
                }
            }
            data.Append(row);
        }
        var columns = new Columns(widths.Select((w, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true }));
        part.Worksheet = new Worksheet(columns, data);
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name });
    }

    private static Cell Cell(string reference, object value, bool bold) => value switch
    {
        int number => new Cell { CellReference = reference, CellValue = new CellValue(number), StyleIndex = bold ? Bold : Plain },
        double number => new Cell { CellReference = reference, CellValue = new CellValue(number), StyleIndex = bold ? Bold : Plain },
        DateOnly date => new Cell { CellReference = reference, CellValue = new CellValue(date.DayNumber - ExcelEpochDayNumber), StyleIndex = bold ? BoldDate : DateStyle },
        _ => new Cell
        {
            CellReference = reference,
            DataType = CellValues.InlineString,
            InlineString = new InlineString(new Text(value.ToString() ?? "") { Space = SpaceProcessingModeValues.Preserve }),
            StyleIndex = bold ? Bold : Plain,
        },
    };

    /// <summary>A, B, …, Z, AA, AB, …</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26)
        {
            name = (char)('A' + ((index - 1) % 26)) + name;
        }
        return name;
    }
}
