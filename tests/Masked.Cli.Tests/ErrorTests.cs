namespace Masked.Cli.Tests;

public class ErrorTests
{
    private static void AssertOneLineError(CliRun run, int exit, string mentions)
    {
        Assert.Equal(exit, run.Exit);
        var lines = run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got:\n{run.Err}");
        Assert.StartsWith("masked: ", lines[0]);
        Assert.Contains(mentions, lines[0]);
        Assert.DoesNotContain("   at ", run.Err);
    }

    [Fact]
    public void MissingFile() => AssertOneLineError(CliRun.Of("profile", "/nonexistent/data.parquet"), 1, "/nonexistent/data.parquet");

    [Fact]
    public void NotADataFile()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("x.csv"), "a,b\n1,2\n");
        AssertOneLineError(CliRun.Of("profile", dir.File("x.csv")), 1, "neither Parquet nor Arrow");
    }

    [Theory]
    [InlineData("parquet")]
    [InlineData("arrow")]
    public void TruncatedFile(string format)
    {
        using var dir = new TempDir();
        var table = new TestTable(500);
        string path = format == "parquet" ? table.WriteParquet(dir.File("t.parquet")) : table.WriteArrowFile(dir.File("t.arrow"));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        AssertOneLineError(CliRun.Of("profile", path), 1, path);
    }

    [Fact]
    public void CorruptParquetFooter()
    {
        using var dir = new TempDir();
        string path = new TestTable(300).WriteParquet(dir.File("t.parquet"));
        var bytes = File.ReadAllBytes(path);
        for (int i = bytes.Length - 200; i < bytes.Length - 8; i++) bytes[i] ^= 0x5A;
        File.WriteAllBytes(path, bytes);
        AssertOneLineError(CliRun.Of("profile", path), 1, path);
    }

    [Fact]
    public void UnknownAndUnsupportedColumns()
    {
        using var dir = new TempDir();
        string path = new TestTable(50).WriteParquet(dir.File("t.parquet"));
        AssertOneLineError(CliRun.Of("profile", path, "--columns", "nope"), 1, "'nope'");
        AssertOneLineError(CliRun.Of("profile", path, "--columns", "a,label"), 1, "'label'");
        AssertOneLineError(CliRun.Of("normalize", path, dir.File("o.parquet"), "--method", "min-max", "--columns", "label"), 1, "'label'");
    }

    [Fact]
    public void BadArguments()
    {
        AssertOneLineError(CliRun.Of("profile"), 2, "file");
        AssertOneLineError(CliRun.Of("profile", "x.parquet", "--bins", "many"), 2, "many");
        AssertOneLineError(CliRun.Of("profile", "x.parquet", "--frobnicate"), 2, "--frobnicate");
        AssertOneLineError(CliRun.Of("normalize", "a.parquet", "b.parquet", "--method", "zscore"), 2, "zscore");
        AssertOneLineError(CliRun.Of("normalize", "a.parquet", "b.parquet"), 2, "--method");
        AssertOneLineError(CliRun.Of("bogus"), 2, "bogus");
    }

    [Fact]
    public void BadOptionValues()
    {
        using var dir = new TempDir();
        string path = new TestTable(50).WriteParquet(dir.File("t.parquet"));
        AssertOneLineError(CliRun.Of("profile", path, "--bins", "0"), 1, "--bins");
        AssertOneLineError(CliRun.Of("profile", path, "--batch-size", "-3"), 1, "--batch-size");
    }

    [Fact]
    public void UnwritableOutputs()
    {
        using var dir = new TempDir();
        string path = new TestTable(50).WriteParquet(dir.File("t.parquet"));
        AssertOneLineError(CliRun.Of("normalize", path, dir.File("no/such/dir/out.parquet"), "--method", "min-max"), 1, "out.parquet");
        File.WriteAllText(dir.File("plots"), "a file, not a directory");
        AssertOneLineError(CliRun.Of("profile", path, "--plot", dir.File("plots")), 1, "plots");
        AssertOneLineError(CliRun.Of("normalize", path, path, "--method", "robust"), 1, "differ");
    }
}
