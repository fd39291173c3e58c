using System.Numerics;

namespace Masked.ML.Trainers;

/// <summary>
/// Loss and gradient of the masked linear model f_t = b_t + Σ_j (z_j valid ? W[t,j]·z_j : M[t,j]) over a row table, as one
/// fused pass per row chunk (chunks summed in a fixed order: deterministic). A missing feature contributes its learned
/// missing weight M and no gradient reaches W from that row; a missing label (NaN) contributes nothing. The loss is the
/// mean over valid label entries plus ½·l2·‖W‖² + ½·l2Missing·‖M‖² (l2Missing defaults to l2). Checked against Masked.Core's autograd and float64 finite
/// differences in the tests (<c>exact</c>: the row sums in float64 instead of the vectorized float path). Parameter layout: W (outputs × d), M (outputs × d), b (outputs).
/// </summary>
internal sealed class LinearObjective(LinearTask task, int d, int outputs, double l2, bool exact = false, double? l2Missing = null)
{
    private readonly double _l2m = l2Missing ?? l2;

    private const int Chunk = 2048;

    public int Parameters => outputs * (2 * d + 1);

    /// <summary>Loss (and, when <paramref name="grad"/> is not null, its gradient) at <paramref name="theta"/>.</summary>
    public double Evaluate(ReadOnlySpan<double> theta, float[] z, float[] y, int rows, double[]? grad)
    {
        int p = Parameters;
        int chunks = (rows + Chunk - 1) / Chunk;
        var losses = new double[chunks];
        var counts = new double[chunks];
        var grads = grad is null ? null : new double[chunks * p];
        var thetaArr = theta.ToArray();
        var w = new float[outputs * d];
        var m = new float[outputs * d];
        for (int i = 0; i < outputs * d; i++) { w[i] = (float)thetaArr[i]; m[i] = (float)thetaArr[outputs * d + i]; }
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, c =>
        {
            int start = c * Chunk, end = Math.Min(rows, start + Chunk);
            var g = grads is null ? Span<double>.Empty : grads.AsSpan(c * p, p);
            (losses[c], counts[c]) = RunChunk(thetaArr, w, m, z, y, start, end, g);
        });
        double loss = 0, count = 0;
        for (int c = 0; c < chunks; c++) { loss += losses[c]; count += counts[c]; }
        if (count == 0) count = 1;
        double reg = 0, regMissing = 0;
        for (int i = 0; i < outputs * d; i++) reg += thetaArr[i] * thetaArr[i];
        for (int i = outputs * d; i < 2 * outputs * d; i++) regMissing += thetaArr[i] * thetaArr[i];
        loss = loss / count + 0.5 * l2 * reg + 0.5 * _l2m * regMissing;
        if (grad is not null)
        {
            Array.Clear(grad);
            for (int c = 0; c < chunks; c++)
            {
                var gc = grads.AsSpan(c * p, p);
                for (int i = 0; i < p; i++) grad[i] += gc[i];
            }
            for (int i = 0; i < p; i++) grad[i] /= count;
            for (int i = 0; i < outputs * d; i++) grad[i] += l2 * thetaArr[i];
            for (int i = outputs * d; i < 2 * outputs * d; i++) grad[i] += _l2m * thetaArr[i];
        }
        return loss;
    }

    private (double loss, double count) RunChunk(double[] theta, float[] w, float[] m, float[] z, float[] y, int start, int end, Span<double> g)
    {
        int od = outputs * d;
        int labelWidth = task == LinearTask.Regression ? outputs : 1;
        Span<double> f = outputs <= 256 ? stackalloc double[outputs] : new double[outputs];
        Span<double> r = outputs <= 256 ? stackalloc double[outputs] : new double[outputs];
        double loss = 0, count = 0;
        bool wantGrad = !g.IsEmpty;
        for (int i = start; i < end; i++)
        {
            var zi = z.AsSpan(i * d, d);
            for (int t = 0; t < outputs; t++) f[t] = theta[2 * od + t] + (exact ? ExactDot(zi, theta.AsSpan(t * d, d), theta.AsSpan(od + t * d, d)) : Dot(zi, w.AsSpan(t * d, d), m.AsSpan(t * d, d)));
            r.Clear();
            switch (task)
            {
                case LinearTask.Regression:
                    for (int t = 0; t < outputs; t++)
                    {
                        float yt = y[i * labelWidth + t];
                        if (float.IsNaN(yt)) continue;
                        double e = f[t] - yt;
                        loss += 0.5 * e * e; count++; r[t] = e;
                    }
                    break;
                case LinearTask.Binary:
                {
                    double yv = y[i];
                    double s = f[0];
                    loss += (s > 0 ? s + Math.Log(1 + Math.Exp(-s)) : Math.Log(1 + Math.Exp(s))) - yv * s; count++;
                    r[0] = 1 / (1 + Math.Exp(-s)) - yv;
                    break;
                }
                default:
                {
                    int k = (int)y[i];
                    double max = double.NegativeInfinity;
                    for (int t = 0; t < outputs; t++) max = Math.Max(max, f[t]);
                    double sum = 0;
                    for (int t = 0; t < outputs; t++) { r[t] = Math.Exp(f[t] - max); sum += r[t]; }
                    loss += max + Math.Log(sum) - f[k]; count++;
                    for (int t = 0; t < outputs; t++) r[t] /= sum;
                    r[k] -= 1;
                    break;
                }
            }
            if (!wantGrad) continue;
            for (int t = 0; t < outputs; t++)
            {
                double rt = r[t];
                if (rt == 0) continue;
                g[2 * od + t] += rt;
                var gw = g.Slice(t * d, d);
                var gm = g.Slice(od + t * d, d);
                for (int j = 0; j < d; j++)
                {
                    float v = zi[j];
                    if (float.IsNaN(v)) gm[j] += rt; else gw[j] += rt * v;
                }
            }
        }
        return (loss, count);
    }

    private static double ExactDot(ReadOnlySpan<float> z, ReadOnlySpan<double> w, ReadOnlySpan<double> m)
    {
        double total = 0;
        for (int j = 0; j < z.Length; j++) total += float.IsNaN(z[j]) ? m[j] : z[j] * w[j];
        return total;
    }

    /// <summary>Σ_j (z_j valid ? w_j·z_j : m_j), vectorized: NaN lanes select the missing weight.</summary>
    private static double Dot(ReadOnlySpan<float> z, ReadOnlySpan<float> w, ReadOnlySpan<float> m)
    {
        int j = 0;
        double total = 0;
        if (Vector.IsHardwareAccelerated && z.Length >= Vector<float>.Count)
        {
            var acc = Vector<float>.Zero;
            for (; j <= z.Length - Vector<float>.Count; j += Vector<float>.Count)
            {
                var zv = new Vector<float>(z.Slice(j));
                var valid = Vector.Equals(zv, zv);
                acc += Vector.ConditionalSelect(valid, zv * new Vector<float>(w.Slice(j)), new Vector<float>(m.Slice(j)));
            }
            total = Vector.Sum(acc);
        }
        for (; j < z.Length; j++) total += float.IsNaN(z[j]) ? m[j] : (double)z[j] * w[j];
        return total;
    }
}
