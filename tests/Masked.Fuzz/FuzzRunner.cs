using System.Diagnostics;
using Apache.Arrow;
using Apache.Arrow.Types;
using Masked.Arrow;
using Masked.ML;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Masked.Fuzz;

/// <summary>
/// Mutates valid Arrow IPC streams, IPC files and Parquet files (byte flips, truncations, integer fields set to
/// 0/-1/huge, offsets pushed past the end, chunks copied over others) from a fixed seed and reads each through every
/// reader and data view, touching every value. Stream inputs are read zero-copy from memory that ends at a guard
/// page, so an out-of-bounds read faults. Outcomes: read, rejected (<see cref="InvalidDataException"/>), unsupported
/// (<see cref="NotSupportedException"/> naming a column) or unexpected (any other exception: a bug).
/// </summary>
public static class FuzzRunner
{
    /// <summary>Counts of one run.</summary>
    public sealed record Result(int Inputs, int Reads, int Ok, int Rejected, int Unsupported, int Unexpected, bool Guarded, IReadOnlyList<string> Failures);

    /// <summary>Command line: <c>fuzz N [seed]</c>; prints the counts and returns 0 when nothing unexpected happened.</summary>
    public static int Main(string[] args)
    {
        int n = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 300;
        int seed = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 12;
        var sw = Stopwatch.StartNew();
        var r = Run(n, seed, Console.Error);
        Console.WriteLine($"fuzz inputs={r.Inputs} reads={r.Reads} ok={r.Ok} rejected={r.Rejected} unsupported={r.Unsupported} unexpected={r.Unexpected} crashes=0 guard_pages={(r.Guarded ? "on" : "off")} seconds={sw.Elapsed.TotalSeconds:F1}");
        foreach (var f in r.Failures.Take(20)) Console.WriteLine("unexpected: " + f);
        return r.Unexpected == 0 ? 0 : 2;
    }

    /// <summary>Runs <paramref name="count"/> mutated inputs (a third each of IPC streams, IPC files and Parquet files).</summary>
    public static Result Run(int count, int seed, TextWriter? progress = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"masked-fuzz-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        try
        {
            var stream = FuzzInputs.Stream(seed);
            var file = FuzzInputs.File(seed, Path.Combine(dir, "base.arrow"));
            var parquet = FuzzInputs.Parquet(seed, Path.Combine(dir, "base.parquet"));
            var rng = new Random(seed);
            int reads = 0, ok = 0, rejected = 0, unsupported = 0, unexpected = 0;
            bool guarded = true;
            var failures = new List<string>();
            var unsupportedSamples = new List<string>();
            var ml = new MLContext(seed: 0);
            for (int i = 0; i < count; i++)
            {
                int kind = i % 3;
                var input = Mutate(kind == 0 ? stream : kind == 1 ? file : parquet, rng);
                string path = Path.Combine(dir, $"input{i % 4}.{(kind == 2 ? "parquet" : "arrow")}");
                System.IO.File.WriteAllBytes(path, input);
                var readers = new List<(string name, Action read)>();
                if (kind == 0)
                {
                    var memory = GuardedMemory.Place(input);
                    guarded &= memory.Guarded;
                    readers.Add(("ReadStream", () => TouchBatches(ArrowIpc.ReadStream(memory.Memory, "fuzz"))));
                    readers.Add(("ReadStreamMapped", () => TouchBatches(ArrowIpc.ReadStreamMapped(path))));
                    readers.Add(("LoadFromArrow", () =>
                    {
                        var batches = ArrowIpc.ReadStream(memory.Memory, "fuzz");
                        if (batches.Count > 0) TouchView(ml.Data.LoadFromArrow(batches, includeMaskColumns: true)); // no batch: nothing to view
                    }));
                }
                else if (kind == 1)
                {
                    readers.Add(("ReadFile", () => TouchBatches(ArrowIpc.ReadFile(path))));
                    readers.Add(("LoadFromArrowFile", () => TouchView(ml.Data.LoadFromArrowFile(path, includeMaskColumns: true))));
                }
                else
                {
                    readers.Add(("ReadBatches", () => TouchBatches(ParquetTensors.ReadBatches(path, batchSize: 16).ToList())));
                    readers.Add(("ReadMaskedColumns", () =>
                    {
                        var schema = ParquetTensors.ReadSchema(path, out _);
                        var present = NumericColumns.Where(c => schema.GetFieldIndex(c) >= 0).ToArray(); // a mutated name is not asked for
                        foreach (var cols in ParquetTensors.ReadMaskedColumns(path, 16, present)) foreach (var c in cols) Touch(c.Tensor);
                    }));
                    readers.Add(("LoadFromParquet", () => TouchView(ml.Data.LoadFromParquet(path, batchSize: 16, includeMaskColumns: true))));
                }
                foreach (var (name, read) in readers)
                {
                    reads++;
                    try { read(); ok++; }
                    catch (InvalidDataException) { rejected++; }
                    catch (NotSupportedException e) { unsupported++; if (unsupportedSamples.Count < 5) unsupportedSamples.Add($"input {i} ({name}): {e.Message}"); }
                    catch (Exception e)
                    {
                        unexpected++;
                        if (failures.Count < 50) failures.Add($"input {i} ({name}): {e}");
                    }
                }
                if (progress is not null && (i + 1) % 500 == 0) progress.WriteLine($"fuzz: {i + 1}/{count} inputs");
            }
            foreach (var u in unsupportedSamples) progress?.WriteLine("unsupported: " + u);
            return new Result(count, reads, ok, rejected, unsupported, unexpected, guarded, failures);
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static readonly string[] NumericColumns = ["f32", "f64", "i32", "i64", "i8", "u16", "vec"];

    /// <summary>One mutation of a copy of <paramref name="input"/>.</summary>
    public static byte[] Mutate(byte[] input, Random rng)
    {
        var b = (byte[])input.Clone();
        int edits = 1 + rng.Next(3);
        for (int e = 0; e < edits; e++)
        {
            switch (rng.Next(7))
            {
                case 0: // byte flips
                    for (int k = rng.Next(1, 9); k > 0; k--) b[rng.Next(b.Length)] ^= (byte)rng.Next(1, 256);
                    break;
                case 1: // truncation
                    return b.AsSpan(0, rng.Next(b.Length)).ToArray();
                case 2: // an int32 field set to 0, -1 or huge
                {
                    int at = rng.Next(b.Length / 4) * 4;
                    int v = rng.Next(4) switch { 0 => 0, 1 => -1, 2 => int.MaxValue, _ => rng.Next(1, 1 << 20) };
                    if (at + 4 <= b.Length) BitConverter.TryWriteBytes(b.AsSpan(at), v);
                    break;
                }
                case 3: // an int64 field set to 0, -1 or huge
                {
                    int at = rng.Next(b.Length / 8) * 8;
                    long v = rng.Next(3) switch { 0 => 0, 1 => -1, _ => long.MaxValue - rng.Next(1000) };
                    if (at + 8 <= b.Length) BitConverter.TryWriteBytes(b.AsSpan(at), v);
                    break;
                }
                case 4: // an offset-like int32 pushed past the end
                {
                    int at = rng.Next(b.Length / 4) * 4;
                    if (at + 4 <= b.Length)
                    {
                        int v = BitConverter.ToInt32(b, at);
                        BitConverter.TryWriteBytes(b.AsSpan(at), v + (rng.Next(2) == 0 ? 4096 : 64 << 20));
                    }
                    break;
                }
                case 5: // a chunk copied over another
                {
                    int len = rng.Next(1, 64);
                    if (b.Length > len * 2)
                    {
                        int from = rng.Next(b.Length - len), to = rng.Next(b.Length - len);
                        b.AsSpan(from, len).ToArray().CopyTo(b, to);
                    }
                    break;
                }
                default: // a small integer field set near a boundary
                {
                    int at = rng.Next(b.Length / 4) * 4;
                    if (at + 4 <= b.Length) BitConverter.TryWriteBytes(b.AsSpan(at), BitConverter.ToInt32(b, at) + rng.Next(-3, 4));
                    break;
                }
            }
        }
        return b;
    }

    /// <summary>Reads every value of every batch: numeric columns as masked tensors, others element by element.</summary>
    private static void TouchBatches(IReadOnlyList<RecordBatch> batches)
    {
        foreach (var batch in batches)
            for (int i = 0; i < batch.ColumnCount; i++)
            {
                var field = batch.Schema.GetFieldByIndex(i);
                var a = batch.Column(i);
                switch (a)
                {
                    case FloatArray or DoubleArray or Int32Array or Int64Array or FixedSizeListArray or FixedShapeTensorArray:
                        try { Touch(a.AsMaskedTensor<float>()); } catch (NotSupportedException) { Touch(a is FixedSizeListArray || a is ExtensionArray ? (object)a.AsMaskedTensor<double>() : a.ToMaskedTensor<double>()); }
                        break;
                    case Int8Array or UInt16Array:
                        Touch(a.ToMaskedTensor<int>());
                        break;
                    case StringArray s:
                        for (int r = 0; r < s.Length; r++) _ = s.GetString(r)?.Length;
                        break;
                    case LargeStringArray ls:
                        for (int r = 0; r < ls.Length; r++) _ = ls.GetString(r)?.Length;
                        break;
                    default:
                        for (int r = 0; r < a.Length; r++) _ = a.IsValid(r);
                        break;
                }
                _ = field.Name;
            }
    }

    /// <summary>Reads a masked tensor's values and mask.</summary>
    private static void Touch(object tensor)
    {
        switch (tensor)
        {
            case MaskedTensor<float> f: _ = f.ToTensor(0).ToArray().Sum(); _ = f.ValidCount; break;
            case MaskedTensor<double> d: _ = d.ToTensor(0).ToArray().Sum(); _ = d.ValidCount; break;
            case MaskedTensor<int> i: _ = i.ToArray().Sum(x => (long)x); _ = i.MaskToBools(); break;
            case MaskedTensor<long> l: _ = l.ToArray().Sum(x => (decimal)x); _ = l.MaskToBools(); break;
        }
    }

    /// <summary>Reads every column of every row through ML.NET getters.</summary>
    private static void TouchView(IDataView view)
    {
        using var cursor = view.GetRowCursor(view.Schema);
        var getters = view.Schema.Select(c => Getter(cursor, c)).ToArray();
        while (cursor.MoveNext()) foreach (var g in getters) g();
    }

    private static Action Getter(DataViewRowCursor cursor, DataViewSchema.Column c)
    {
        var t = c.Type;
        if (t is VectorDataViewType v)
        {
            if (v.ItemType == NumberDataViewType.Single) { var g = cursor.GetGetter<VBuffer<float>>(c); VBuffer<float> b = default; return () => { g(ref b); _ = b.DenseValues().Sum(); }; }
            if (v.ItemType == NumberDataViewType.Double) { var g = cursor.GetGetter<VBuffer<double>>(c); VBuffer<double> b = default; return () => { g(ref b); _ = b.DenseValues().Sum(); }; }
            { var g = cursor.GetGetter<VBuffer<bool>>(c); VBuffer<bool> b = default; return () => { g(ref b); _ = b.DenseValues().Count(x => x); }; }
        }
        if (t == NumberDataViewType.Single) { var g = cursor.GetGetter<float>(c); float x = 0; return () => g(ref x); }
        if (t == NumberDataViewType.Double) { var g = cursor.GetGetter<double>(c); double x = 0; return () => g(ref x); }
        if (t == BooleanDataViewType.Instance) { var g = cursor.GetGetter<bool>(c); bool x = false; return () => g(ref x); }
        if (t == TextDataViewType.Instance) { var g = cursor.GetGetter<ReadOnlyMemory<char>>(c); ReadOnlyMemory<char> x = default; return () => { g(ref x); _ = x.Span.IndexOf('z'); }; }
        if (t == DateTimeDataViewType.Instance) { var g = cursor.GetGetter<DateTime>(c); DateTime x = default; return () => g(ref x); }
        if (t == DateTimeOffsetDataViewType.Instance) { var g = cursor.GetGetter<DateTimeOffset>(c); DateTimeOffset x = default; return () => g(ref x); }
        throw new InvalidOperationException($"fuzz: no getter for column '{c.Name}' of type {t}");
    }
}
