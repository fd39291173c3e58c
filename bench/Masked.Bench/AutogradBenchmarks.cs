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

/// <summary>
/// Gradient accumulation: in <c>(x*x).Sum()</c> both inputs of the product are <c>x</c>, so backward adds two gradients
/// (over the union of their masks); <c>(x*z).Sum()</c> has the same forward and backward rules but nothing to add.
/// 2M float32, 10% masked. Backward of each = its forward + backward minus its forward.
/// </summary>
[MemoryDiagnoser]
public class GradAccumulationBenchmarks
{
    private const int N = 2_000_000;
    private MaskedTensor<float> _x = null!, _z = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(2);
        var data = new float[N]; var other = new float[N];
        var valid = new bool[N];
        for (int i = 0; i < N; i++) { data[i] = (float)rng.NextDouble(); other[i] = (float)rng.NextDouble(); valid[i] = rng.NextDouble() >= 0.1; }
        _x = MaskedTensor.Create(data, valid, N).RequireGrad();
        _z = MaskedTensor.Create(other, valid, N).RequireGrad();
    }

    [Benchmark(Baseline = true, Description = "forward (x*z).Sum()")]
    public MaskedTensor<float> ForwardXZ()
    {
        using (Autograd.NoGrad()) return (_x * _z).Sum();
    }

    [Benchmark(Description = "forward (x*x).Sum()")]
    public MaskedTensor<float> ForwardXX()
    {
        using (Autograd.NoGrad()) return (_x * _x).Sum();
    }

    [Benchmark(Description = "forward + backward (x*z).Sum()")]
    public MaskedTensor<float>? BackwardXZ()
    {
        _x.ZeroGrad(); _z.ZeroGrad();
        (_x * _z).Sum().Backward();
        return _x.Grad;
    }

    [Benchmark(Description = "forward + backward (x*x).Sum(): two gradients added")]
    public MaskedTensor<float>? BackwardXX()
    {
        _x.ZeroGrad();
        (_x * _x).Sum().Backward();
        return _x.Grad;
    }
}
