using BenchmarkDotNet.Attributes;
using Masked;

namespace Masked.Bench;

/// <summary>Forward alone vs forward + backward of a chain of 5 elementwise ops on 1M elements (10% masked).</summary>
[MemoryDiagnoser]
public class AutogradBenchmarks
{
    private const int N = 1_000_000;
    private MaskedTensor<float> _x = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        var data = new float[N];
        var valid = new bool[N];
        for (int i = 0; i < N; i++) { data[i] = (float)rng.NextDouble(); valid[i] = rng.NextDouble() >= 0.1; }
        _x = MaskedTensor.Create(data, valid, N).RequireGrad();
    }

    private MaskedTensor<float> Chain() => ((_x.Exp() * 0.5f).Tanh() + 1f).Sigmoid().Sum();

    [Benchmark(Baseline = true, Description = "forward: 5 elementwise ops + sum")]
    public MaskedTensor<float> Forward()
    {
        using (Autograd.NoGrad()) return Chain();
    }

    [Benchmark(Description = "forward + backward")]
    public MaskedTensor<float>? ForwardBackward()
    {
        _x.ZeroGrad();
        Chain().Backward();
        return _x.Grad;
    }
}
