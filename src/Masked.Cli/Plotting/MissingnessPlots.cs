using Masked.Cli.Profiling;
using ScottPlot;

namespace Masked.Cli.Plotting;

/// <summary>
/// The profile's pictures, rendered headless to PNG with ScottPlot (SkiaSharp): a missingness matrix (rows × columns,
/// valid dark, null light, rows binned for large files, as missingno's matrix), the valid share per column as bars,
/// and the nullity correlation heatmap (as missingno's heatmap).
/// </summary>
public static class MissingnessPlots
{
    /// <summary>File name of the matrix picture.</summary>
    public const string MatrixFile = "missingness-matrix.png";
    /// <summary>File name of the bar chart.</summary>
    public const string ValidShareFile = "valid-share.png";
    /// <summary>File name of the correlation heatmap.</summary>
    public const string CorrelationFile = "nullity-correlation.png";

    /// <summary>Matrix picture size in pixels.</summary>
    public const int MatrixWidth = 800, MatrixHeight = 600;
    /// <summary>Fixed margins of the matrix's data area (pixels), so a pixel maps to a known row bin and column.</summary>
    public const int MatrixLeft = 80, MatrixRight = 20, MatrixTop = 40, MatrixBottom = 90;

    /// <summary>Writes the three pictures into <paramref name="directory"/> (created if needed) and returns their paths.</summary>
    public static IReadOnlyList<string> Write(FileProfile profile, string directory)
    {
        Directory.CreateDirectory(directory);
        PlotFont.Ensure();
        var paths = new[] { Path.Combine(directory, MatrixFile), Path.Combine(directory, ValidShareFile), Path.Combine(directory, CorrelationFile) };
        Matrix(profile, paths[0]);
        ValidShare(profile, paths[1]);
        Correlation(profile, paths[2]);
        return paths;
    }

    /// <summary>The centre pixel of row bin <paramref name="bin"/> and column <paramref name="column"/> in the matrix picture.</summary>
    public static (int x, int y) MatrixCellCenter(int bin, int column, int bins, int columns)
    {
        double w = MatrixWidth - MatrixLeft - MatrixRight, h = MatrixHeight - MatrixTop - MatrixBottom;
        return ((int)(MatrixLeft + (column + 0.5) * w / columns), (int)(MatrixTop + (bin + 0.5) * h / bins));
    }

    private static void Matrix(FileProfile p, string path)
    {
        int bins = p.ValidShareByBin.GetLength(0), cols = p.NullityColumns.Count;
        // Intensity = null share: 0 (all valid) is drawn dark, 1 (all null) light.
        var intensity = new double[Math.Max(1, bins), cols];
        for (int b = 0; b < bins; b++)
            for (int c = 0; c < cols; c++) intensity[b, c] = 1 - p.ValidShareByBin[b, c];
        var plt = new Plot();
        var hm = plt.Add.Heatmap(intensity);
        hm.Colormap = new ScottPlot.Colormaps.Grayscale();
        hm.ManualRange = new ScottPlot.Range(-0.15, 1.0); // valid cells dark grey, not pure black
        hm.Rectangle = new CoordinateRect(0, cols, 0, Math.Max(1, bins));
        plt.Axes.SetLimits(0, cols, Math.Max(1, bins), 0); // row 0 at the top, as missingno
        plt.Layout.Fixed(new PixelPadding(MatrixLeft, MatrixRight, MatrixBottom, MatrixTop));
        plt.Axes.Bottom.SetTicks(Enumerable.Range(0, cols).Select(c => c + 0.5).ToArray(), p.NullityColumns.ToArray());
        plt.Axes.Bottom.TickLabelStyle.Rotation = 30;
        plt.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plt.Axes.Left.Label.Text = p.RowsPerBin == 1 ? "row" : $"row ({p.RowsPerBin:N0} rows per line)";
        plt.Title("missingness: valid dark, null light");
        plt.SavePng(path, MatrixWidth, MatrixHeight);
    }

    private static void ValidShare(FileProfile p, string path)
    {
        var names = p.NullityColumns;
        var shares = p.Columns.Count == 0 ? [] : names.Select((n, c) => p.ValidShareByBin.GetLength(0) == 0 ? 0 : ColumnValidShare(p, c)).ToArray();
        var plt = new Plot();
        var bars = plt.Add.Bars(shares);
        bars.Color = Colors.SteelBlue;
        plt.Axes.Bottom.SetTicks(Enumerable.Range(0, names.Count).Select(i => (double)i).ToArray(), names.ToArray());
        plt.Axes.Bottom.TickLabelStyle.Rotation = 30;
        plt.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plt.Axes.SetLimitsY(0, 1.05);
        plt.Axes.Left.Label.Text = "valid share of rows";
        plt.Axes.Margins(bottom: 0);
        plt.Title("valid share per column");
        plt.Layout.Fixed(new PixelPadding(80, 20, 90, 40));
        plt.SavePng(path, Math.Max(400, 60 * names.Count + 120), 400);
    }

    private static double ColumnValidShare(FileProfile p, int c)
    {
        int bins = p.ValidShareByBin.GetLength(0);
        double nullRows = 0;
        for (int b = 0; b < bins; b++)
        {
            long inBin = Math.Min(p.RowsPerBin, p.Rows - b * p.RowsPerBin);
            nullRows += (1 - p.ValidShareByBin[b, c]) * inBin;
        }
        return p.Rows == 0 ? 0 : 1 - nullRows / p.Rows;
    }

    private static void Correlation(FileProfile p, string path)
    {
        int n = p.NullityColumns.Count;
        var plt = new Plot();
        var hm = plt.Add.Heatmap(p.NullityCorrelation);
        hm.Colormap = new ScottPlot.Colormaps.MellowRainbow();
        hm.ManualRange = new ScottPlot.Range(-1, 1);
        hm.NaNCellColor = Colors.White;
        hm.Rectangle = new CoordinateRect(0, n, 0, n);
        plt.Axes.SetLimits(0, n, n, 0);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double r = p.NullityCorrelation[i, j];
                if (double.IsNaN(r)) continue;
                var t = plt.Add.Text(r.ToString("F2", System.Globalization.CultureInfo.InvariantCulture), j + 0.5, i + 0.5);
                t.LabelAlignment = Alignment.MiddleCenter;
                t.LabelFontSize = 12;
            }
        var ticks = Enumerable.Range(0, n).Select(i => i + 0.5).ToArray();
        plt.Axes.Bottom.SetTicks(ticks, p.NullityColumns.ToArray());
        plt.Axes.Bottom.TickLabelStyle.Rotation = 30;
        plt.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plt.Axes.Left.SetTicks(ticks, p.NullityColumns.ToArray());
        plt.Add.ColorBar(hm);
        plt.Layout.Fixed(new PixelPadding(150, 90, 130, 64));
        plt.Title("nullity correlation\n(blank: no null or only nulls)");
        int side = Math.Max(300, 50 * n);
        plt.SavePng(path, side + 240, side + 194);
    }
}
