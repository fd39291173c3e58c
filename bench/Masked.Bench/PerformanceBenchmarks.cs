using System.Numerics.Tensors;
using Apache.Arrow;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Masked;
using Masked.Arrow;
using Microsoft.Data.Analysis;

namespace Masked.Bench;

/// <summary>
/// The performance issue's targets, one thread: each category pairs a masked kernel with its reference on the
/// same data (10M float32, 10% masked at random); the Ratio column is per category. Every unmasked baseline reads (and
/// writes) the masked tensors' own buffers (<see cref="Values"/>), so both sides of a ratio touch the same memory in the
/// same placement and alignment, and the ratio measures the kernels, not which copy is warm or aligned.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SingleThreadBenchmarks
{
    private const int N = 10_000_000;
    private float[] _a = null!, _b = null!;
    private MaskedTensor<float> _ma = null!, _mb = null!, _mdst = null!, _m2d = null!, _mdst2d = null!, _mWide = null!, _p2d = null!, _pdst2d = null!;
    private PrimitiveDataFrameColumn<float> _column = null!;
    private float[] _sa = null!, _sb = null!;
    private bool[] _va = null!, _vb = null!;
    private MaskedTensor<float> _mMinAtEnd = null!, _mMaxAtEnd = null!, _msa = null!, _msb = null!;
    private int _saved;

    [GlobalSetup]
    public void Setup()
    {
        _saved = MaskedParallelism.MaxDegreeOfParallelism;
        MaskedParallelism.MaxDegreeOfParallelism = 1;
        var arrow = ArrowMeasurements.MakeArray(N, new Random(42));
        _a = arrow.Values.ToArray();
        _ma = arrow.AsMaskedTensor();
        var other = ArrowMeasurements.MakeArray(N, new Random(43));
        _b = other.Values.ToArray();
        _mb = other.AsMaskedTensor();
        _mdst = MaskedTensor.Empty<float>(N);
        _m2d = _ma.Reshape(100_000, 100);
        _mdst2d = MaskedTensor.Empty<float>(100_000, 100);
        _p2d = MaskedTensor.AsMasked<float>(_a, 100_000, 100);
        _pdst2d = MaskedTensor.AsMasked<float>(new float[N], 100_000, 100);
        _mWide = _ma.Reshape(10_000, 1_000);
        var batch = new RecordBatch(new Schema.Builder().Field(f => f.Name("x").DataType(Apache.Arrow.Types.FloatType.Default)).Build(), [arrow], N);
        _column = (PrimitiveDataFrameColumn<float>)DataFrame.FromArrowRecordBatch(batch).Columns[0];
        // ArgMin/ArgMax worst case: the extreme is the last valid entry (the search for its position runs to the end).
        var mask = _ma.MaskToBools();
        int last = System.Array.LastIndexOf(mask, true);
        var minAtEnd = (float[])_a.Clone(); minAtEnd[last] = -1f;
        var maxAtEnd = (float[])_a.Clone(); maxAtEnd[last] = 2f;
        _mMinAtEnd = MaskedTensor.Create(minAtEnd, mask, N);
        _mMaxAtEnd = MaskedTensor.Create(maxAtEnd, mask, N);
        // where: values in [-0.5, 0.5), 10% masked on each side.
        _sa = System.Array.ConvertAll(_a, v => v - 0.5f); _sb = System.Array.ConvertAll(_b, v => v - 0.5f);
        _va = mask; _vb = _mb.MaskToBools();
        _msa = MaskedTensor.Create(_sa, _va, N);
        _msb = MaskedTensor.Create(_sb, _vb, N);
    }

    [GlobalCleanup]
    public void Cleanup() => MaskedParallelism.MaxDegreeOfParallelism = _saved;

    /// <summary>The data of a contiguous tensor, in its own buffer (masked slots included).</summary>
    private static Span<float> Values(MaskedTensor<float> t) => t.Buffer.Span.Slice(t.ElementOffset, t.Length);

    [BenchmarkCategory("sum"), Benchmark(Baseline = true, Description = "TensorPrimitives.Sum (masked tensor's buffer)")] public float TpSum() => TensorPrimitives.Sum<float>(Values(_ma));
    [BenchmarkCategory("sum"), Benchmark(Description = "masked Sum")] public float Sum() => _ma.Sum().Item();
    [BenchmarkCategory("sum"), Benchmark(Description = "masked Mean")] public float Mean() => _ma.Mean().Item();
    [BenchmarkCategory("sum"), Benchmark(Description = "masked Var")] public float Var() => _ma.Var().Item();
    [BenchmarkCategory("sum"), Benchmark(Description = "masked Std")] public float Std() => _ma.Std().Item();
    [BenchmarkCategory("sum"), Benchmark(Description = "masked Sum(dim 0) of 10000x1000")] public MaskedTensor<float> SumDim0() => _mWide.Sum(0);
    [BenchmarkCategory("sum"), Benchmark(Description = "masked Sum(dim 1) of 10000x1000")] public MaskedTensor<float> SumDim1() => _mWide.Sum(1);

    [BenchmarkCategory("argmin"), Benchmark(Baseline = true, Description = "TensorPrimitives.IndexOfMin (masked tensor's buffer)")] public int TpIndexOfMin() => TensorPrimitives.IndexOfMin<float>(Values(_ma));
    [BenchmarkCategory("argmin"), Benchmark(Description = "masked ArgMin")] public long ArgMin() => _ma.ArgMin().Item();
    [BenchmarkCategory("argmin"), Benchmark(Description = "masked ArgMax")] public long ArgMax() => _ma.ArgMax().Item();

    [BenchmarkCategory("argmin worst case"), Benchmark(Baseline = true, Description = "TensorPrimitives.IndexOfMin, min at the end")] public int TpIndexOfMinAtEnd() => TensorPrimitives.IndexOfMin<float>(Values(_mMinAtEnd));
    [BenchmarkCategory("argmin worst case"), Benchmark(Description = "masked ArgMin, min at the end")] public long ArgMinAtEnd() => _mMinAtEnd.ArgMin().Item();
    [BenchmarkCategory("argmin worst case"), Benchmark(Description = "masked ArgMax, max at the end")] public long ArgMaxAtEnd() => _mMaxAtEnd.ArgMax().Item();

    [BenchmarkCategory("where"), Benchmark(Baseline = true, Description = "fused scalar loop over data + bool validity")]
    public float FusedWhereSum()
    {
        ReadOnlySpan<float> a = Values(_msa), b = Values(_msb);
        bool[] va = _va, vb = _vb;
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (!va[i]) continue;
            if (a[i] > 0) s += a[i];
            else if (vb[i]) s += b[i];
        }
        return (float)s;
    }
    [BenchmarkCategory("where"), Benchmark(Description = "fused Vector<float> loop, masks ignored (memory-speed bound)")]
    public float FusedVectorWhereSum()
    {
        var a = System.Runtime.InteropServices.MemoryMarshal.Cast<float, System.Numerics.Vector<float>>(Values(_msa));
        var b = System.Runtime.InteropServices.MemoryMarshal.Cast<float, System.Numerics.Vector<float>>(Values(_msb));
        var acc = System.Numerics.Vector<float>.Zero;
        for (int i = 0; i < a.Length; i++)
            acc += System.Numerics.Vector.ConditionalSelect(System.Numerics.Vector.GreaterThan(a[i], System.Numerics.Vector<float>.Zero), a[i], b[i]);
        return System.Numerics.Vector.Sum(acc);
    }
    [BenchmarkCategory("where"), Benchmark(Description = "masked Where(a.Gt(0), a, b).Sum()")] public float WhereSum() => MaskedTensor.Where(_msa.Gt(0f), _msa, _msb).Sum().Item();

    [BenchmarkCategory("add"), Benchmark(Baseline = true, Description = "TensorPrimitives.Add")] public void TpAdd() => TensorPrimitives.Add<float>(Values(_ma), Values(_mb), Values(_mdst));
    [BenchmarkCategory("add"), Benchmark(Description = "masked Add into destination")] public void Add() => MaskedTensor.Add(_ma, _mb, _mdst);

    [BenchmarkCategory("exp"), Benchmark(Baseline = true, Description = "TensorPrimitives.Exp")] public void TpExp() => TensorPrimitives.Exp<float>(Values(_ma), Values(_mdst));
    [BenchmarkCategory("exp"), Benchmark(Description = "masked Exp into destination")] public void Exp() => MaskedTensor.Exp(_ma, _mdst);

    [BenchmarkCategory("softmax"), Benchmark(Baseline = true, Description = "TensorPrimitives.SoftMax per row (100000x100)")]
    public void TpSoftmax()
    {
        ReadOnlySpan<float> x = Values(_m2d);
        Span<float> y = Values(_mdst2d);
        for (int r = 0; r < 100_000; r++) TensorPrimitives.SoftMax<float>(x.Slice(r * 100, 100), y.Slice(r * 100, 100));
    }
    [BenchmarkCategory("softmax"), Benchmark(Description = "masked Softmax dim 1 into destination")] public void Softmax() => MaskedTensor.Softmax(_m2d, _mdst2d);
    [BenchmarkCategory("softmax"), Benchmark(Description = "same kernel, tensor without a mask")] public void SoftmaxUnmasked() => MaskedTensor.Softmax(_p2d, _pdst2d);

    [BenchmarkCategory("peer"), Benchmark(Baseline = true, Description = "Microsoft.Data.Analysis column Mean")] public double MdaMean() => _column.Mean();
    [BenchmarkCategory("peer"), Benchmark(Description = "masked Mean (same Arrow array)")] public float PeerMean() => _ma.Mean().Item();
}

/// <summary>Speed-up from both cores on large tensors (10M float32, 10% masked).</summary>
[MemoryDiagnoser]
public class MultiCoreBenchmarks
{
    private MaskedTensor<float> _ma = null!, _mb = null!, _mdst = null!;
    private int _saved;

    [Params(1, 2)] public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _saved = MaskedParallelism.MaxDegreeOfParallelism;
        MaskedParallelism.MaxDegreeOfParallelism = Threads;
        _ma = ArrowMeasurements.MakeArray(10_000_000, new Random(1)).AsMaskedTensor();
        _mb = ArrowMeasurements.MakeArray(10_000_000, new Random(2)).AsMaskedTensor();
        _mdst = MaskedTensor.Empty<float>(10_000_000);
    }

    [GlobalCleanup]
    public void Cleanup() => MaskedParallelism.MaxDegreeOfParallelism = _saved;

    [Benchmark(Description = "Sum")] public float Sum() => _ma.Sum().Item();
    [Benchmark(Description = "Var")] public float Var() => _ma.Var().Item();
    [Benchmark(Description = "Add into destination")] public void Add() => MaskedTensor.Add(_ma, _mb, _mdst);
    [Benchmark(Description = "Exp into destination")] public void Exp() => MaskedTensor.Exp(_ma, _mdst);
}
