using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Masked;

namespace Masked.Bench;

/// <summary>
/// Three-valued logic on masked bools, one thread, 10M entries, 10% masked at random on each side: Kleene AND (validity from
/// both values and masks, 64 entries a word) and strict AND (validity = mask AND mask) into a destination, against the
/// unmasked byte AND of the same data (<c>TensorPrimitives.BitwiseAnd</c>).
/// </summary>
[MemoryDiagnoser]
public class KleeneLogicBenchmarks
{
    private const int N = 10_000_000;
    private bool[] _a = null!, _b = null!, _dst = null!;
    private MaskedTensor<bool> _ma = null!, _mb = null!, _mdst = null!;
    private int _saved;

    [GlobalSetup]
    public void Setup()
    {
        _saved = MaskedParallelism.MaxDegreeOfParallelism;
        MaskedParallelism.MaxDegreeOfParallelism = 1;
        var rng = new Random(7);
        _a = Enumerable.Range(0, N).Select(_ => rng.Next(2) == 0).ToArray();
        _b = Enumerable.Range(0, N).Select(_ => rng.Next(2) == 0).ToArray();
        _dst = new bool[N];
        _ma = MaskedTensor.Create(_a, Enumerable.Range(0, N).Select(_ => rng.NextDouble() >= 0.1).ToArray(), N);
        _mb = MaskedTensor.Create(_b, Enumerable.Range(0, N).Select(_ => rng.NextDouble() >= 0.1).ToArray(), N);
        _mdst = MaskedTensor.Empty<bool>(N);
    }

    [GlobalCleanup]
    public void Cleanup() => MaskedParallelism.MaxDegreeOfParallelism = _saved;

    [Benchmark(Baseline = true, Description = "TensorPrimitives.BitwiseAnd (bytes, no mask)")]
    public void TpAnd() => TensorPrimitives.BitwiseAnd(MemoryMarshal.AsBytes(_a.AsSpan()), MemoryMarshal.AsBytes(_b.AsSpan()), MemoryMarshal.AsBytes(_dst.AsSpan()));

    [Benchmark(Description = "KleeneAnd into a destination")]
    public void KleeneAnd() => MaskedTensor.KleeneAnd(_ma, _mb, _mdst);

    [Benchmark(Description = "strict BitwiseAnd into a destination")]
    public void StrictAnd() => MaskedTensor.BitwiseAnd(_ma, _mb, _mdst);
}
