using System.Globalization;
using System.Text;

namespace ChatBot.Host.Reports;

/// <summary>A chart series: a name for the legend, a colour, and one value per label (null = no data).</summary>
public sealed record ChartSeries(string Name, string Color, IReadOnlyList<double?> Values);

/// <summary>
/// Charts drawn on the server as inline SVG: no script, no inline CSS (the staff and public pages forbid both),
/// readable by screen readers through role="img", a title and a description.
/// </summary>
public static class SvgChart
{
    private const double Width = 760;
    private const double Height = 300;
    private const double Left = 56;
    private const double Right = 16;
    private const double Top = 40;
    private const double Bottom = 56;
    private const double PlotWidth = Width - Left - Right;
    private const double PlotHeight = Height - Top - Bottom;
    private const string Axis = "#5b6472";
    private const string Grid = "#d9dee6";
    private const string Ink = "#1d2430";

    /// <summary>Bars stacked per label, e.g. answered / not answered / other per period.</summary>
    public static string StackedBars(string id, string title, string description, IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series, string unit)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(series);
        var max = Enumerable.Range(0, labels.Count).Select(i => series.Sum(s => s.Values[i] ?? 0)).DefaultIfEmpty(0).Max();
        var (top, step) = NiceScale(max);
        var svg = Open(id, title, description);
        YAxis(svg, 0, top, step, v => Num(v, "N0"));
        var slot = PlotWidth / Math.Max(1, labels.Count);
        var barWidth = Math.Max(1, Math.Min(48, slot * 0.7));
        for (var i = 0; i < labels.Count; i++)
        {
            var x = Left + (i * slot) + ((slot - barWidth) / 2);
            var baseline = 0.0;
            foreach (var s in series)
            {
                var value = s.Values[i] ?? 0;
                if (value <= 0)
                {
                    continue;
                }
                var y0 = Y(baseline, 0, top);
                var y1 = Y(baseline + value, 0, top);
                svg.Append(Invariant($"<rect x=\"{x:0.#}\" y=\"{y1:0.#}\" width=\"{barWidth:0.#}\" height=\"{Math.Max(0.5, y0 - y1):0.#}\" fill=\"{s.Color}\">"));
                svg.Append("<title>").Append(Encode($"{labels[i]} — {s.Name}: {Num(value, "N0")} {unit}")).Append("</title></rect>");
                baseline += value;
            }
        }
        XLabels(svg, labels, slot);
        Legend(svg, series);
        return Close(svg);
    }

    /// <summary>Lines over a fixed value range (0–100 % or 1–5 points); a null value breaks the line.</summary>
    public static string Lines(string id, string title, string description, IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series, double min, double max, double step, string unit)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(series);
        var svg = Open(id, title, description);
        YAxis(svg, min, max, step, v => Num(v, step < 1 ? "0.0" : "N0"));
        var slot = PlotWidth / Math.Max(1, labels.Count);
        foreach (var s in series)
        {
            var path = new StringBuilder();
            var pen = false;
            for (var i = 0; i < labels.Count; i++)
            {
                if (s.Values[i] is not { } value)
                {
                    pen = false;
                    continue;
                }
                var x = Left + (i * slot) + (slot / 2);
                var y = Y(Math.Clamp(value, min, max), min, max);
                path.Append(Invariant($"{(pen ? 'L' : 'M')}{x:0.#} {y:0.#} "));
                pen = true;
            }
            if (path.Length > 0)
            {
                svg.Append(Invariant($"<path d=\"{path.ToString().TrimEnd()}\" fill=\"none\" stroke=\"{s.Color}\" stroke-width=\"2.5\" stroke-linejoin=\"round\"/>"));
            }
            for (var i = 0; i < labels.Count; i++)
            {
                if (s.Values[i] is { } value)
                {
                    var x = Left + (i * slot) + (slot / 2);
                    var y = Y(Math.Clamp(value, min, max), min, max);
                    svg.Append(Invariant($"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"3.5\" fill=\"{s.Color}\">"));
                    svg.Append("<title>").Append(Encode($"{labels[i]} — {s.Name}: {Num(value, "0.0")} {unit}".TrimEnd())).Append("</title></circle>");
                }
            }
        }
        XLabels(svg, labels, slot);
        Legend(svg, series);
        return Close(svg);
    }

    private static StringBuilder Open(string id, string title, string description)
    {
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg class=\"chart\" id=\"{Encode(id)}\" viewBox=\"0 0 {Width} {Height}\" width=\"100%\" role=\"img\" aria-labelledby=\"{Encode(id)}-title {Encode(id)}-desc\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"system-ui, sans-serif\" font-size=\"14\">"));
        svg.Append(Invariant($"<title id=\"{Encode(id)}-title\">")).Append(Encode(title)).Append("</title>");
        svg.Append(Invariant($"<desc id=\"{Encode(id)}-desc\">")).Append(Encode(description)).Append("</desc>");
        svg.Append(Invariant($"<rect x=\"0\" y=\"0\" width=\"{Width}\" height=\"{Height}\" fill=\"#ffffff\"/>"));
        return svg;
    }

    private static string Close(StringBuilder svg) => svg.Append("</svg>").ToString();

    private static void YAxis(StringBuilder svg, double min, double max, double step, Func<double, string> format)
    {
        for (var v = min; v <= max + (step / 1000); v += step)
        {
            var y = Y(v, min, max);
            svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - Right}\" y2=\"{y:0.#}\" stroke=\"{(v == min ? Axis : Grid)}\" stroke-width=\"1\"/>"));
            svg.Append(Invariant($"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" fill=\"{Axis}\">")).Append(Encode(format(v))).Append("</text>");
        }
        svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + PlotHeight}\" stroke=\"{Axis}\" stroke-width=\"1\"/>"));
    }

    private static void XLabels(StringBuilder svg, IReadOnlyList<string> labels, double slot)
    {
        // Every label when they fit; otherwise every n-th counted back from the last, so the latest period is named
        // and no two labels collide.
        var every = Math.Max(1, (int)Math.Ceiling(labels.Count / 12.0));
        for (var i = 0; i < labels.Count; i++)
        {
            if ((labels.Count - 1 - i) % every != 0)
            {
                continue;
            }
            var x = Left + (i * slot) + (slot / 2);
            svg.Append(Invariant($"<text x=\"{x:0.#}\" y=\"{Top + PlotHeight + 18:0.#}\" text-anchor=\"middle\" fill=\"{Axis}\">")).Append(Encode(labels[i])).Append("</text>");
        }
    }

    private static void Legend(StringBuilder svg, IReadOnlyList<ChartSeries> series)
    {
        var x = Left;
        foreach (var s in series)
        {
            svg.Append(Invariant($"<rect x=\"{x:0.#}\" y=\"12\" width=\"12\" height=\"12\" fill=\"{s.Color}\"/>"));
            svg.Append(Invariant($"<text x=\"{x + 18:0.#}\" y=\"22\" fill=\"{Ink}\">")).Append(Encode(s.Name)).Append("</text>");
            x += 36 + (s.Name.Length * 8);
        }
    }

    private static double Y(double value, double min, double max) => Top + PlotHeight - ((value - min) / (max - min) * PlotHeight);

    /// <summary>An axis top of 1, 2 or 5 times a power of ten, with four or five steps.</summary>
    private static (double Top, double Step) NiceScale(double max)
    {
        if (max <= 0)
        {
            return (5, 1);
        }
        var rough = max / 5;
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * power).First(s => s >= rough);
        step = Math.Max(1, step);
        return (Math.Ceiling(max / step) * step, step);
    }

    private static string Num(double value, string format) => value.ToString(format, ReportFormat.Vietnamese);

    // Only markup characters: Vietnamese letters stay readable in the page source (WebUtility would escape them all).
    private static string Encode(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
