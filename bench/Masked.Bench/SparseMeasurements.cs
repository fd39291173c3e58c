using System.Diagnostics;
using Masked;

namespace Masked.Bench;

/// <summary>Memory and time of a 10000×10000 float32 masked tensor with 0.1% valid entries: CSR vs dense, same operations.</summary>
internal static class SparseMeasurements
{
    public static void Run()
    {
        const int rows = 10_000, cols = 10_000;
        var rng = new Random(9);
        // Dense: 100M floats + a 100M-bit bitmap.
        var data = new float[(long)rows * cols];
        var bitmap = new byte[(rows * cols + 7) / 8];
        var rowPtr = new int[rows + 1];
        var colIdx = new List<int>();
        var vals = new List<float>();
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                if (rng.NextDouble() >= 0.001) continue;
                float v = (float)rng.NextDouble();
                long i = (long)r * cols + c;
                data[i] = v;
                bitmap[i >> 3] |= (byte)(1 << (int)(i & 7));
                colIdx.Add(c); vals.Add(v);
            }
            rowPtr[r + 1] = colIdx.Count;
        }
        var dense = MaskedTensor.AsMasked<float>(data, new ValidityBitmap(bitmap, 0, rows * cols), [rows, cols]);
        var csr = new SparseCsrTensor<float>(rows, cols, rowPtr, colIdx.ToArray(), vals.ToArray());
        long denseBytes = (long)data.Length * 4 + bitmap.Length;
        Console.WriteLine($"sparse shape=10000x10000 valid={csr.StoredCount} dense_bytes={denseBytes} csr_bytes={csr.StorageBytes} memory_ratio={(double)denseBytes / csr.StorageBytes:F0}");
        Report("row sums (Sum dim 1)", () => dense.Sum(1), () => csr.Sum(1));
        Report("row softmax", () => dense.Softmax(1), () => csr.Softmax());
        var b = MaskedTensor.FromArray(Enumerable.Range(0, cols * 16).Select(i => (float)(i % 7)).ToArray(), cols, 16);
        Report("product with a dense 10000x16 (CSR only; dense has no masked matmul)", null, () => csr.MatMul(b));
    }

    private static void Report(string what, Func<object>? dense, Func<object> sparse)
    {
        double s = Median(sparse);
        if (dense is null) { Console.WriteLine($"sparse op=\"{what}\" csr_ms={s:F2}"); return; }
        double d = Median(dense);
        Console.WriteLine($"sparse op=\"{what}\" dense_ms={d:F2} csr_ms={s:F2} speedup={d / s:F1}");
    }

    private static double Median(Func<object> f)
    {
        GC.KeepAlive(f());
        var t = new List<double>();
        for (int i = 0; i < 5; i++) { var sw = Stopwatch.StartNew(); GC.KeepAlive(f()); t.Add(sw.Elapsed.TotalMilliseconds); }
        t.Sort();
        return t[2];
    }
}
