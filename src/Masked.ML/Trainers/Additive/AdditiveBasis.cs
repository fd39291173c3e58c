namespace Masked.ML.Trainers;

/// <summary>
/// The basis of the masked GAM over standardized features z: per feature j its value z_j and hinges max(0, z_j − τ) at
/// quantile knots τ of its training values, then (when enabled) the products z_a·z_b of every pair of features. A column
/// is missing (NaN) exactly when a feature it reads is missing, so the masked linear model over the columns gives each
/// missing block its own learned contribution and no gradient from the absent value. The columns are standardized again
/// (mean and scale of their valid training entries) so one L2 penalty treats them alike. Used for training and, through
/// the packed parameters, by the saved model's row mapping: both call <see cref="Expand"/> and <see cref="Standardize"/>.
/// </summary>
internal sealed class AdditiveBasis
{
    private AdditiveBasis(float[][] knots, (int a, int b)[] pairs, double[] mean, double[] scale)
    {
        Knots = knots; Pairs = pairs; ColumnMean = mean; ColumnScale = scale;
        Columns = knots.Length + knots.Sum(k => k.Length) + pairs.Length;
    }

    /// <summary>Knots per feature (standardized units, ascending).</summary>
    public float[][] Knots { get; }

    /// <summary>The feature pairs whose products are columns.</summary>
    public (int a, int b)[] Pairs { get; }

    /// <summary>Mean and scale of each column's valid training entries (scale 0: constant column, standardized to 0).</summary>
    public double[] ColumnMean { get; }
    public double[] ColumnScale { get; }

    public int Features => Knots.Length;
    public int Columns { get; }

    /// <summary>First column of feature j's block (its value, then its hinges).</summary>
    public int BlockStart(int feature)
    {
        int c = 0;
        for (int j = 0; j < feature; j++) c += 1 + Knots[j].Length;
        return c;
    }

    /// <summary>Chooses the knots (at most <paramref name="knots"/> distinct quantiles strictly inside each feature's
    /// range) and the pairs (all, when there are at most <paramref name="maxInteractionFeatures"/> features) from the
    /// training rows of <paramref name="design"/>, then the column statistics.</summary>
    public static AdditiveBasis Fit(LinearDesign design, int knots, int maxInteractionFeatures)
    {
        int d = design.Features, n = design.Rows;
        var k = new float[d][];
        var values = new List<float>(n);
        for (int j = 0; j < d; j++)
        {
            values.Clear();
            for (int i = 0; i < n; i++) { float v = design.Z[i * d + j]; if (!float.IsNaN(v)) values.Add(v); }
            values.Sort();
            if (values.Count < 2 || knots == 0) { k[j] = []; continue; }
            float lo = values[0], hi = values[^1];
            k[j] = Enumerable.Range(1, knots).Select(q => values[(int)((long)q * (values.Count - 1) / (knots + 1))])
                .Where(t => t > lo && t < hi).Distinct().ToArray();
        }
        var pairs = new List<(int, int)>();
        if (d <= maxInteractionFeatures)
            for (int a = 0; a < d; a++)
                for (int b = a + 1; b < d; b++)
                    if (design.Scale[a] > 0 && design.Scale[b] > 0) pairs.Add((a, b));
        var basis = new AdditiveBasis(k, pairs.ToArray(), [], []);
        int c = basis.Columns;
        var sum = new double[c]; var sq = new double[c]; var count = new double[c];
        var phi = new float[c];
        for (int i = 0; i < n; i++)
        {
            basis.Expand(design.Z.AsSpan(i * d, d), phi);
            for (int m = 0; m < c; m++)
            {
                float v = phi[m];
                if (float.IsNaN(v)) continue;
                sum[m] += v; sq[m] += (double)v * v; count[m]++;
            }
        }
        var mean = new double[c]; var scale = new double[c];
        for (int m = 0; m < c; m++)
        {
            if (count[m] == 0) continue;
            mean[m] = sum[m] / count[m];
            double var = Math.Max(0, sq[m] / count[m] - mean[m] * mean[m]);
            scale[m] = var > 1e-12 ? Math.Sqrt(var) : 0;
        }
        return new AdditiveBasis(k, basis.Pairs, mean, scale);
    }

    /// <summary>Rebuilds a basis from its parts (the saved model).</summary>
    public static AdditiveBasis From(float[][] knots, (int a, int b)[] pairs, double[] mean, double[] scale) => new(knots, pairs, mean, scale);

    /// <summary>The unstandardized columns of one row of standardized features (NaN = missing) into <paramref name="phi"/>.</summary>
    public void Expand(ReadOnlySpan<float> z, Span<float> phi)
    {
        int c = 0;
        for (int j = 0; j < Knots.Length; j++)
        {
            float v = z[j];
            phi[c++] = v;
            foreach (float t in Knots[j]) phi[c++] = float.IsNaN(v) ? float.NaN : MathF.Max(0f, v - t);
        }
        foreach (var (a, b) in Pairs) phi[c++] = z[a] * z[b];   // NaN when either is missing
    }

    /// <summary>Standardizes the columns in place (NaN stays NaN).</summary>
    public void Standardize(Span<float> phi)
    {
        for (int m = 0; m < phi.Length; m++)
        {
            float v = phi[m];
            if (!float.IsNaN(v)) phi[m] = ColumnScale[m] > 0 ? (float)((v - ColumnMean[m]) / ColumnScale[m]) : 0f;
        }
    }

    /// <summary>The design over the standardized columns (same labels, split and target scaling).</summary>
    public LinearDesign Apply(LinearDesign design)
    {
        float[] Map(float[] z, int rows)
        {
            int d = Features, c = Columns;
            var outz = new float[(long)rows * c];
            for (int i = 0; i < rows; i++)
            {
                var phi = outz.AsSpan(i * c, c);
                Expand(z.AsSpan(i * d, d), phi);
                Standardize(phi);
            }
            return outz;
        }
        return new LinearDesign
        {
            Features = Columns, Outputs = design.Outputs, Task = design.Task,
            Z = Map(design.Z, design.Rows), Y = design.Y, Rows = design.Rows,
            ValidZ = Map(design.ValidZ, design.ValidRows), ValidY = design.ValidY, ValidRows = design.ValidRows,
            Mean = new double[Columns], Scale = Enumerable.Repeat(1.0, Columns).ToArray(),
            TargetMean = design.TargetMean, TargetScale = design.TargetScale, LabelSums = design.LabelSums,
        };
    }
}
