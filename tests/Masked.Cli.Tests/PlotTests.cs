using Masked.Cli.Plotting;
using SkiaSharp;

namespace Masked.Cli.Tests;

public class PlotTests
{
    private static double Brightness(SKColor c) => (c.Red + c.Green + c.Blue) / 3.0;

    [Fact]
    public void MatrixHasLightPixelsExactlyAtTheNullRows()
    {
        using var dir = new TempDir();
        const int rows = 60;
        var table = new TestTable(rows);
        var run = CliRun.Of("profile", table.WriteArrowFile(dir.File("t.arrow"), batchRows: 16), "--plot", dir.File("plots"));
        Assert.True(run.Exit == 0, run.Err);
        foreach (var f in new[] { MissingnessPlots.MatrixFile, MissingnessPlots.ValidShareFile, MissingnessPlots.CorrelationFile })
            Assert.True(new FileInfo(Path.Combine(dir.File("plots"), f)).Length > 1000, f);

        using var png = SKBitmap.Decode(Path.Combine(dir.File("plots"), MissingnessPlots.MatrixFile));
        Assert.Equal(MissingnessPlots.MatrixWidth, png.Width);
        Assert.Equal(MissingnessPlots.MatrixHeight, png.Height);
        Func<int, bool>[] nulls = [TestTable.NullRowA, _ => true, _ => false, TestTable.NullRowVec, TestTable.NullRowLabel];
        int light = 0;
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < nulls.Length; c++)
            {
                var (x, y) = MissingnessPlots.MatrixCellCenter(r, c, rows, nulls.Length);
                double b = Brightness(png.GetPixel(x, y));
                if (nulls[c](r)) { Assert.True(b > 200, $"row {r} column {c} is null but its pixel has brightness {b}"); light++; }
                else Assert.True(b < 80, $"row {r} column {c} is valid but its pixel has brightness {b}");
            }
        Assert.True(light > rows); // the all-null column alone has `rows` light cells
    }
}
