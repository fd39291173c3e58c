using Xunit;

namespace Masked.Core.Tests.Autograd;

/// <summary>
/// Backward hands intermediate gradients' arrays back to the kernels for reuse: gradients that are still read
/// (shared by Add's two inputs, returned by <see cref="Masked.Autograd.Grad{T}"/>, kept in <c>Grad</c>) must never be
/// overwritten, pass after pass.
/// </summary>
public class RecycledGradientTests
{
    private static (MaskedTensor<double> x, double[] data, bool[] valid) Leaf(int n, int seed)
    {
        var rng = new Random(seed);
        var data = Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        var valid = Enumerable.Range(0, n).Select(_ => rng.Next(10) != 0).ToArray();
        return (MaskedTensor.Create(data, valid, [n], requiresGrad: true), data, valid);
    }

    [Fact]
    public void ChainGradientsStayExactOverRepeatedPasses()
    {
        const int n = 300;
        var (x, data, valid) = Leaf(n, 1);
        for (int pass = 0; pass < 4; pass++)
        {
            x.ZeroGrad();
            // d/dx [tanh(e^x * 0.5) + e^x] summed; e^x feeds two paths, + hands one gradient to both inputs.
            var e = x.Exp();
            var y = ((e * 0.5).Tanh() + e).Sum();
            y.Backward();
            var g = x.Grad!.ToArray();
            var gm = x.Grad!.MaskToBools();
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(valid[i], gm[i]);
                if (!valid[i]) continue;
                double ex = Math.Exp(data[i]), t = Math.Tanh(0.5 * ex);
                double expected = (1 - t * t) * 0.5 * ex + ex;
                Assert.True(Math.Abs(g[i] - expected) < 1e-12, $"pass {pass}, i={i}: {g[i]} vs {expected}");
            }
        }
    }

    [Fact]
    public void GradientsReturnedByGradAreNotReused()
    {
        const int n = 200;
        var (x, data, valid) = Leaf(n, 2);
        var h = (x * 2.0).Sin();
        var y = (h * h).Sum();
        var grads = Masked.Autograd.Grad(y, [h, x]);
        var gh = grads[0].ToArray();
        var gx = grads[1].ToArray();
        // Another backward pass that would reuse arrays if the returned ones had been handed back.
        var z = ((x * 3.0).Cos() * 5.0).Sum();
        z.Backward();
        for (int i = 0; i < n; i++)
        {
            if (!valid[i]) continue;
            double hi = Math.Sin(2 * data[i]);
            double dx = 2 * hi * Math.Cos(2 * data[i]) * 2;
            Assert.True(Math.Abs(2 * hi - gh[i]) < 1e-12, $"dh[{i}]");
            Assert.True(Math.Abs(dx - gx[i]) < 1e-12, $"dx[{i}]");
            Assert.True(Math.Abs(2 * hi - grads[0].ToArray()[i]) < 1e-12, $"dh[{i}] after another pass");
            Assert.True(Math.Abs(dx - grads[1].ToArray()[i]) < 1e-12, $"dx[{i}] after another pass");
        }
    }
}
