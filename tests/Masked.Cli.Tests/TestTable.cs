using Apache.Arrow;
using Masked.Arrow;

namespace Masked.Cli.Tests;

/// <summary>
/// A table with nulls in known places: <c>a</c> float32 null where row % 7 == 3, <c>empty</c> float64 all null,
/// <c>full</c> int32 without nulls, <c>vec</c> a fixed-size list of 3 float32 whose item (r, j) is null where (r + j) % 5 == 0,
/// <c>label</c> utf8 null where row % 4 == 0.
/// </summary>
internal sealed class TestTable
{
    public const int Width = 3;

    public TestTable(int rows, int seed = 1)
    {
        Rows = rows;
        var rng = new Random(seed);
        A = MaskedTensor.Create(Enumerable.Range(0, rows).Select(_ => (float)(rng.NextDouble() * 20 - 5)).ToArray(),
            Enumerable.Range(0, rows).Select(r => r % 7 != 3).ToArray(), rows);
        Empty = MaskedTensor.Create(Enumerable.Range(0, rows).Select(_ => rng.NextDouble()).ToArray(), new bool[rows], rows);
        Full = MaskedTensor.FromArray(Enumerable.Range(0, rows).Select(_ => rng.Next(-1000, 1000)).ToArray(), rows);
        Vec = MaskedTensor.Create(Enumerable.Range(0, rows * Width).Select(_ => (float)(rng.NextGaussian() * 3 + 1)).ToArray(),
            Enumerable.Range(0, rows * Width).Select(i => (i / Width + i % Width) % 5 != 0).ToArray(), rows, Width);
        Labels = Enumerable.Range(0, rows).Select(r => r % 4 == 0 ? null : $"x{r % 3}").ToArray();
    }

    public int Rows { get; }
    public MaskedTensor<float> A { get; }
    public MaskedTensor<double> Empty { get; }
    public MaskedTensor<int> Full { get; }
    public MaskedTensor<float> Vec { get; }
    public string?[] Labels { get; }

    public static bool NullRowA(int r) => r % 7 == 3;
    public static bool NullRowVec(int r) => Enumerable.Range(0, Width).Any(j => (r + j) % 5 == 0);
    public static bool NullRowLabel(int r) => r % 4 == 0;

    public RecordBatch Batch(int start, int length)
    {
        var label = new StringArray.Builder();
        foreach (var s in Labels.Skip(start).Take(length)) if (s is null) label.AppendNull(); else label.Append(s);
        var vec = Vec[start..(start + length)].Contiguous().ToFixedSizeListArray();
        var fields = new List<Field>
        {
            new("a", Apache.Arrow.Types.FloatType.Default, true),
            new("empty", Apache.Arrow.Types.DoubleType.Default, true),
            new("full", Apache.Arrow.Types.Int32Type.Default, true),
            new("vec", vec.Data.DataType, true),
            new("label", Apache.Arrow.Types.StringType.Default, true),
        };
        var arrays = new IArrowArray[]
        {
            A[start..(start + length)].Contiguous().ToArrowArray(),
            Empty[start..(start + length)].Contiguous().ToArrowArray(),
            Full[start..(start + length)].Contiguous().ToArrowArray(),
            vec,
            label.Build(),
        };
        return new RecordBatch(new Schema(fields, null), arrays, length);
    }

    public IEnumerable<RecordBatch> Batches(int batchRows)
    {
        for (int s = 0; s < Rows; s += batchRows) yield return Batch(s, Math.Min(batchRows, Rows - s));
    }

    public string WriteParquet(string path)
    {
        ParquetTensors.Write(path, Batches(Rows), rowGroupSize: 100);
        return path;
    }

    public string WriteArrowFile(string path, int batchRows = 97)
    {
        ArrowIpc.WriteFile(path, Batches(batchRows).ToList());
        return path;
    }

    public string WriteArrowStream(string path, int batchRows = 97)
    {
        using var fs = File.Create(path);
        ArrowIpc.WriteStream(fs, Batches(batchRows).ToList());
        return path;
    }
}

internal static class RandomExtensions
{
    public static double NextGaussian(this Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
