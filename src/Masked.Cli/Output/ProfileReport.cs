using System.Globalization;
using System.Text.Json;
using Masked.Cli.Profiling;
using Spectre.Console;

namespace Masked.Cli.Output;

/// <summary>Writes a <see cref="FileProfile"/> as a terminal table or as JSON.</summary>
public static class ProfileReport
{
    private static readonly string Bars = "▁▂▃▄▅▆▇█";

    /// <summary>The table, one row per column (or slot), with a histogram drawn in block characters.</summary>
    public static void WriteTable(IAnsiConsole console, FileProfile p)
    {
        console.WriteLine($"{p.Path}: {p.Format}, {p.Rows:N0} rows, {p.Columns.Count} columns ({p.Passes} passes over the data)");
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var h in new[] { "column", "type", "values", "valid", "null %", "mean", "std", "min", "max", "median", "histogram" })
            table.AddColumn(new TableColumn(h).RightAligned());
        table.Columns[0].LeftAligned(); table.Columns[1].LeftAligned(); table.Columns[10].LeftAligned();
        foreach (var c in p.Columns)
        {
            table.AddRow(Markup.Escape(c.Name), Markup.Escape(c.Type), c.Values.ToString("N0", CultureInfo.InvariantCulture),
                c.Valid.ToString("N0", CultureInfo.InvariantCulture), (100 * c.NullShare).ToString("F1", CultureInfo.InvariantCulture),
                Num(c.Mean), Num(c.Std), Num(c.Min), Num(c.Max), Num(c.Median), Spark(c.Histogram));
        }
        console.Write(table);
        console.WriteLine("statistics over valid entries only; std with n - 1; median: " + FileProfile.MedianMethod + ".");
    }

    private static string Num(double? v) => v is null ? "--" : v.Value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Spark(long[]? h)
    {
        if (h is null) return "";
        long max = h.Max();
        return new string(h.Select(c => c == 0 ? ' ' : Bars[(int)Math.Min(Bars.Length - 1, (c * Bars.Length - 1) / Math.Max(1, max))]).ToArray());
    }

    /// <summary>The profile as JSON (numbers as JSON numbers; missing statistics as null).</summary>
    public static void WriteJson(TextWriter output, FileProfile p)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("file", p.Path);
            w.WriteString("format", p.Format);
            w.WriteNumber("rows", p.Rows);
            w.WriteNumber("passes", p.Passes);
            w.WriteString("median_method", FileProfile.MedianMethod);
            w.WriteStartArray("columns");
            foreach (var c in p.Columns)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Name);
                w.WriteString("type", c.Type);
                w.WriteNumber("values", c.Values);
                w.WriteNumber("valid", c.Valid);
                w.WriteNumber("null_share", c.NullShare);
                Number(w, "mean", c.Mean); Number(w, "std", c.Std); Number(w, "min", c.Min); Number(w, "max", c.Max); Number(w, "median", c.Median);
                if (c.Histogram is null) w.WriteNull("histogram");
                else
                {
                    w.WriteStartArray("histogram");
                    foreach (var n in c.Histogram) w.WriteNumberValue(n);
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("nullity_correlation");
            for (int i = 0; i < p.NullityColumns.Count; i++)
            {
                w.WriteStartArray(p.NullityColumns[i]);
                for (int j = 0; j < p.NullityColumns.Count; j++)
                {
                    double r = p.NullityCorrelation[i, j];
                    if (double.IsNaN(r)) w.WriteNullValue(); else w.WriteNumberValue(r);
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void Number(Utf8JsonWriter w, string name, double? v)
    {
        if (v is null || !double.IsFinite(v.Value)) w.WriteNull(name); else w.WriteNumber(name, v.Value);
    }
}
