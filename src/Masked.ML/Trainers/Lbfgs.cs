namespace Masked.ML.Trainers;

/// <summary>
/// Limited-memory BFGS with an Armijo backtracking line search, for the smooth convex losses of the masked linear
/// trainers. With a validation objective it keeps the iterate of lowest validation loss and stops after
/// <c>patience</c> iterations without improvement (early stopping).
/// </summary>
internal static class Lbfgs
{
    public delegate double Objective(ReadOnlySpan<double> x, double[]? grad);

    public static (double[] x, int iterations) Minimize(Objective f, double[] x0, int maxIterations, double tolerance, int memory, Objective? validation, int patience)
    {
        int n = x0.Length;
        var x = (double[])x0.Clone();
        var g = new double[n];
        double fx = f(x, g);
        var s = new List<double[]>(); var yv = new List<double[]>(); var rho = new List<double>();
        var best = (double[])x.Clone();
        double bestValid = validation is null ? 0 : validation(x, null);
        int sinceBest = 0, iter = 0;
        var dir = new double[n]; var alpha = new double[memory];
        var xNew = new double[n]; var gNew = new double[n];
        for (; iter < maxIterations; iter++)
        {
            // Two-loop recursion: dir = -H·g.
            for (int i = 0; i < n; i++) dir[i] = -g[i];
            for (int k = s.Count - 1; k >= 0; k--) { alpha[k] = rho[k] * Dot(s[k], dir); Axpy(-alpha[k], yv[k], dir); }
            if (s.Count > 0)
            {
                var last = s.Count - 1;
                double gamma = Dot(s[last], yv[last]) / Dot(yv[last], yv[last]);
                for (int i = 0; i < n; i++) dir[i] *= gamma;
            }
            for (int k = 0; k < s.Count; k++) { double beta = rho[k] * Dot(yv[k], dir); Axpy(alpha[k] - beta, s[k], dir); }
            double slope = Dot(g, dir);
            if (!(slope < 0)) { for (int i = 0; i < n; i++) dir[i] = -g[i]; slope = -Dot(g, g); s.Clear(); yv.Clear(); rho.Clear(); }
            if (slope == 0) break;
            double step = s.Count == 0 ? Math.Min(1, 1 / Math.Sqrt(-slope)) : 1;
            double fNew = 0; bool accepted = false;
            for (int ls = 0; ls < 40; ls++)
            {
                for (int i = 0; i < n; i++) xNew[i] = x[i] + step * dir[i];
                fNew = f(xNew, gNew);
                if (double.IsFinite(fNew) && fNew <= fx + 1e-4 * step * slope) { accepted = true; break; }
                step *= 0.5;
            }
            if (!accepted) break;
            var sk = new double[n]; var yk = new double[n];
            for (int i = 0; i < n; i++) { sk[i] = xNew[i] - x[i]; yk[i] = gNew[i] - g[i]; }
            double sy = Dot(sk, yk);
            if (sy > 1e-12)
            {
                if (s.Count == memory) { s.RemoveAt(0); yv.RemoveAt(0); rho.RemoveAt(0); }
                s.Add(sk); yv.Add(yk); rho.Add(1 / sy);
            }
            double decrease = fx - fNew;
            Array.Copy(xNew, x, n); Array.Copy(gNew, g, n); fx = fNew;
            if (validation is not null)
            {
                double v = validation(x, null);
                if (v < bestValid - 1e-9 * Math.Max(1, Math.Abs(bestValid))) { bestValid = v; Array.Copy(x, best, n); sinceBest = 0; }
                else if (++sinceBest >= patience) { iter++; break; }
            }
            if (decrease <= tolerance * Math.Max(1, Math.Abs(fx)) || Math.Sqrt(Dot(g, g)) <= tolerance) { iter++; break; }
        }
        return (validation is null ? x : best, iter);
    }

    private static double Dot(double[] a, double[] b) { double t = 0; for (int i = 0; i < a.Length; i++) t += a[i] * b[i]; return t; }

    private static void Axpy(double a, double[] x, double[] y) { for (int i = 0; i < y.Length; i++) y[i] += a * x[i]; }
}
