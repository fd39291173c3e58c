using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using Masked;

namespace Masked.Bench;

/// <summary>Masked kernels against the unmasked TensorPrimitives kernel on the same data: 10M float32, 10% masked.</summary>
[MemoryDiagnoser]
public class CoreBenchmarks
{
    private const int N = 10_000_000;
    private float[] _a = null!, _b = null!, _dst = null!, _rows = null!;
    private MaskedTensor<float> _ma = null!, _mb = null!, _m2d = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        _a = new float[N]; _b = new float[N]; _dst = new float[N];
        var va = new bool[N]; var vb = new bool[N];
        for (int i = 0; i < N; i++)
        {
            _a[i] = (float)rng.NextDouble(); _b[i] = (float)rng.NextDouble();
            va[i] = rng.NextDouble() >= 0.1; vb[i] = rng.NextDouble() >= 0.1;
        }
        _ma = MaskedTensor.Create(_a, va, N);
        _mb = MaskedTensor.Create(_b, vb, N);
        _rows = _a.AsSpan(0, 10000 * 100).ToArray();
        _m2d = MaskedTensor.Create(_rows, va.AsSpan(0, _rows.Length), 10000, 100);
    }

    [Benchmark(Baseline = true, Description = "TensorPrimitives.Sum")] public float UnmaskedSum() => TensorPrimitives.Sum<float>(_a);
    [Benchmark(Description = "masked Sum")] public float MaskedSum() => _ma.Sum().Item();
    [Benchmark(Description = "masked Mean")] public float MaskedMean() => _ma.Mean().Item();
    [Benchmark(Description = "TensorPrimitives.Add")] public void UnmaskedAdd() => TensorPrimitives.Add<float>(_a, _b, _dst);
    [Benchmark(Description = "masked a + b")] public MaskedTensor<float> MaskedAdd() => _ma + _mb;

    [Benchmark(Description = "TensorPrimitives.SoftMax per row (10000x100)")]
    public void UnmaskedSoftmax()
    {
        for (int r = 0; r < 10000; r++) TensorPrimitives.SoftMax<float>(_rows.AsSpan(r * 100, 100), _dst.AsSpan(r * 100, 100));
    }

    [Benchmark(Description = "masked Softmax dim 1 (10000x100)")] public MaskedTensor<float> MaskedSoftmax() => _m2d.Softmax(1);
}
