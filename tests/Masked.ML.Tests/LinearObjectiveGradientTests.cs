using Masked.ML.Trainers;
using Xunit;

namespace Masked.ML.Tests;

/// <summary>
/// The fused loss/gradient kernel of the masked linear trainers, for each built-in loss, against (1) central finite
/// differences in float64 and (2) the same model and loss written with Masked.Core's autograd (masked MatMul over the
/// valid features + indicator MatMul for the missing weights, masked labels).
/// </summary>
public class LinearObjectiveGradientTests
{
    private const int N = 40, D = 4;

    private static (float[] z, float[] y, int outputs) Data(LinearTask task, int seed)
    {
        var rng = new Random(seed);
        int outputs = task switch { LinearTask.Regression => 2, LinearTask.Binary => 1, _ => 3 };
        var z = new float[N * D];
        for (int i = 0; i < N; i++)
        {
            for (int j = 0; j < D; j++) z[i * D + j] = rng.NextDouble() < 0.25 ? float.NaN : (float)(rng.NextDouble() * 4 - 2);
            if (Enumerable.Range(0, D).All(j => float.IsNaN(z[i * D + j]))) z[i * D] = 0.5f;   // masked MatMul drops rows with nothing valid
        }
        int w = task == LinearTask.Regression ? outputs : 1;
        var y = new float[N * w];
        for (int i = 0; i < y.Length; i++)
            y[i] = task switch
            {
                LinearTask.Regression => rng.NextDouble() < 0.3 ? float.NaN : (float)(rng.NextDouble() * 2 - 1),
                LinearTask.Binary => rng.Next(2),
                _ => rng.Next(outputs),
            };
        return (z, y, outputs);
    }

    private static double[] Theta(int p, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, p).Select(_ => rng.NextDouble() - 0.5).ToArray();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void GradientMatchesFiniteDifferencesInFloat64(int kind)
    {
        var task = (LinearTask)kind;
        var (z, y, outputs) = Data(task, 1);
        var obj = new LinearObjective(task, D, outputs, l2: 0.01, exact: true, l2Missing: 0.04);   // separate penalty on the missing weights
        var theta = Theta(obj.Parameters, 2);
        var grad = new double[obj.Parameters];
        obj.Evaluate(theta, z, y, N, grad);
        const double h = 1e-6;
        for (int k = 0; k < theta.Length; k++)
        {
            var plus = (double[])theta.Clone(); plus[k] += h;
            var minus = (double[])theta.Clone(); minus[k] -= h;
            double numeric = (obj.Evaluate(plus, z, y, N, null) - obj.Evaluate(minus, z, y, N, null)) / (2 * h);
            Assert.True(Math.Abs(numeric - grad[k]) <= 1e-7 + 1e-5 * Math.Abs(numeric), $"{task} θ[{k}]: analytic {grad[k]}, numeric {numeric}");
        }
        // The vectorized float path (used in training) agrees with the float64 path.
        var fast = new LinearObjective(task, D, outputs, l2: 0.01, l2Missing: 0.04);
        var gradFast = new double[obj.Parameters];
        Assert.Equal(obj.Evaluate(theta, z, y, N, null), fast.Evaluate(theta, z, y, N, gradFast), 5);
        for (int k = 0; k < theta.Length; k++) Assert.Equal(grad[k], gradFast[k], 5);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void GradientMatchesMaskedCoreAutograd(int kind)
    {
        var task = (LinearTask)kind;
        var (z, y, outputs) = Data(task, 3);
        const double l2 = 0.05, l2Missing = 0.2;
        var obj = new LinearObjective(task, D, outputs, l2, exact: true, l2Missing: l2Missing);
        var theta = Theta(obj.Parameters, 4);
        var grad = new double[obj.Parameters];
        double loss = obj.Evaluate(theta, z, y, N, grad);

        int od = outputs * D;
        // Autograd parameters as D × outputs matrices (θ stores outputs × D).
        double[] Transposed(int offset) { var a = new double[od]; for (int t = 0; t < outputs; t++) for (int j = 0; j < D; j++) a[j * outputs + t] = theta[offset + t * D + j]; return a; }
        var w = MaskedTensor.FromArray(Transposed(0), D, outputs).RequireGrad();
        var m = MaskedTensor.FromArray(Transposed(od), D, outputs).RequireGrad();
        var b = MaskedTensor.FromArray(theta.AsSpan(2 * od, outputs).ToArray(), outputs).RequireGrad();
        var x = MaskedTensor.Create(z.Select(v => (double)v).ToArray(), z.Select(v => !float.IsNaN(v)).ToArray(), N, D);
        var ind = MaskedTensor.FromArray(z.Select(v => float.IsNaN(v) ? 1.0 : 0.0).ToArray(), N, D);
        var f = x.MatMul(w) + ind.MatMul(m) + b;
        MaskedTensor<double> data;
        switch (task)
        {
            case LinearTask.Regression:
            {
                var target = MaskedTensor.Create(y.Select(v => (double)v).ToArray(), y.Select(v => !float.IsNaN(v)).ToArray(), N, outputs);
                data = ((f - target).Square() * 0.5).Mean();
                break;
            }
            case LinearTask.Binary:
            {
                var target = MaskedTensor.FromArray(y.Select(v => (double)v).ToArray(), N, 1);
                data = (f.LogAddExp(MaskedTensor.FromArray(new double[N], N, 1)) - target * f).Mean();
                break;
            }
            default:
            {
                var onehot = new double[N * outputs];
                for (int i = 0; i < N; i++) onehot[i * outputs + (int)y[i]] = 1;
                data = -(MaskedTensor.FromArray(onehot, N, outputs) * f.LogSoftmax(1)).Sum(1).Mean();
                break;
            }
        }
        var total = data + w.Square().Sum() * (0.5 * l2) + m.Square().Sum() * (0.5 * l2Missing);
        total.Backward();
        Assert.Equal(total.ToArray()[0], loss, 10);
        var gw = w.Grad!.ToArray(); var gm = m.Grad!.ToArray(); var gb = b.Grad!.ToArray();
        for (int t = 0; t < outputs; t++)
        {
            for (int j = 0; j < D; j++)
            {
                Assert.Equal(gw[j * outputs + t], grad[t * D + j], 10);
                Assert.Equal(gm[j * outputs + t], grad[od + t * D + j], 10);
            }
            Assert.Equal(gb[t], grad[2 * od + t], 10);
        }
    }
}
