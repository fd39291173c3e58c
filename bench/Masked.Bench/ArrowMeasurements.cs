using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;
using Masked;
using Masked.Arrow;

namespace Masked.Bench;

/// <summary>Measurements that are not timings of a kernel: allocation of the Arrow → tensor conversion, and Parquet read throughput.</summary>
internal static class ArrowMeasurements
{
    /// <summary>For 1M, 10M and 100M float32 with 10% nulls: bytes allocated by AsMaskedTensor, and whether the tensor starts at the Arrow value buffer.</summary>
    public static void ZeroCopy()
    {
        foreach (int n in new[] { 1_000_000, 10_000_000, 100_000_000 })
        {
            var arr = MakeArray(n, new Random(n));
            _ = arr.AsMaskedTensor(); // warm-up: JIT and type loading are not part of the conversion
            long before = GC.GetAllocatedBytesForCurrentThread();
            var t = arr.AsMaskedTensor();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            bool same = Address(arr.Values) == Address<float>(t.Buffer.Span.Slice(t.ElementOffset));
            Console.WriteLine($"zerocopy elements={n} allocated_bytes={allocated} same_buffer={same.ToString().ToLowerInvariant()}");
            GC.KeepAlive(t);
        }
    }

    /// <summary>Parquet read throughput for a 10M-row nullable float column: ours (ParquetSharp Arrow → masked tensors) vs Parquet.Net (float?[]), same file.</summary>
    public static async Task Parquet(int rows = 10_000_000)
    {
        var path = Path.Combine(Path.GetTempPath(), $"masked-bench-{Guid.NewGuid():N}.parquet");
        try
        {
            var rng = new Random(5);
            var data = new float[rows];
            var valid = new bool[rows];
            for (int i = 0; i < rows; i++) { data[i] = (float)rng.NextDouble(); valid[i] = rng.NextDouble() >= 0.1; }
            ParquetTensors.Write(path, [("x", MaskedTensor.Create(data, valid, rows))]);
            double ours = Median(5, () =>
            {
                long seen = 0; double sum = 0;
                foreach (var cols in ParquetTensors.ReadMaskedColumns(path, batchSize: 1 << 20))
                {
                    var t = cols[0].As<float>();
                    seen += t.Length; sum += t.Sum().Item();
                }
                if (seen != rows) throw new InvalidOperationException("row count");
            });
            double peer = Median(3, () =>
            {
                using var fs = File.OpenRead(path);
                var reader = global::Parquet.ParquetReader.CreateAsync(fs).GetAwaiter().GetResult();
                var field = reader.Schema.DataFields[0];
                long seen = 0;
                for (int g = 0; g < reader.RowGroupCount; g++)
                {
                    using var rg = reader.OpenRowGroupReader(g);
                    var buf = new float?[rg.RowCount];
                    rg.ReadAsync<float>(field, buf.AsMemory()).AsTask().GetAwaiter().GetResult();
                    seen += buf.Length;
                }
                reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
                if (seen != rows) throw new InvalidOperationException("row count");
            });
            Console.WriteLine($"parquet rows={rows} ours_rows_per_s={rows / ours:F0} parquet_net_rows_per_s={rows / peer:F0} ratio={peer / ours:F2}");
        }
        finally { File.Delete(path); }
        await Task.CompletedTask;
    }

    private static double Median(int runs, Action a)
    {
        a();
        var t = new List<double>();
        for (int i = 0; i < runs; i++) { var sw = Stopwatch.StartNew(); a(); t.Add(sw.Elapsed.TotalSeconds); }
        t.Sort();
        return t[t.Count / 2];
    }

    internal static FloatArray MakeArray(int n, Random rng)
    {
        var values = new byte[(long)n * 4];
        var f = MemoryMarshal.Cast<byte, float>(values.AsSpan());
        var bitmap = new byte[(n + 7) / 8];
        int nulls = 0;
        for (int i = 0; i < n; i++)
        {
            f[i] = (float)rng.NextDouble();
            if (rng.NextDouble() >= 0.1) bitmap[i >> 3] |= (byte)(1 << (i & 7)); else nulls++;
        }
        return new FloatArray(new ArrayData(FloatType.Default, n, nulls, 0, [new ArrowBuffer(bitmap), new ArrowBuffer(values)]));
    }

    private static unsafe nint Address<T>(ReadOnlySpan<T> s) where T : unmanaged => (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(s));
}
