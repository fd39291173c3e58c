using Microsoft.ML;
using Microsoft.ML.Transforms;

namespace Masked.ML;

/// <summary>
/// Turns fitted per-slot (offset, scale) into ML.NET's own <see cref="NormalizingTransformer"/> (native speed, savable,
/// <c>IsNormalized</c> and slot names kept, parameters readable after Load) by fitting ML.NET's
/// <c>NormalizeMeanVariance(fixZero: false)</c> on a few synthetic rows whose per-slot population mean is the offset and
/// whose standard deviation is 1/scale. For float columns the synthetic values are floats: pairs m ± k·u on the float
/// grid around m = (float)offset (u the grid step), with integers k chosen so that the mean of k² over 1024 pairs
/// matches (1/(scale·u))² to the nearest integer sum — the fitted offset is exactly (float)offset and the fitted scale within a few float ulps
/// even when the spread is far below the offset's float resolution (where two synthetic rows would be off by percent).
/// A slot with scale 0 (no valid entry, or no spread) gets constant rows: ML.NET fits (offset 0, scale 0), mapping its
/// valid values to 0 and keeping NaN as NaN.
/// </summary>
internal static class NormalizerSynthesis
{
    private const int Pairs = 1024;

    public static NormalizingTransformer Fit(TransformsCatalog catalog, string output, string input, bool isDouble, double[] offset, double[] scale)
    {
        int n = offset.Length;
        var rows = Enumerable.Range(0, 2 * Pairs).Select(_ => isDouble ? (Array)new double[n] : new float[n]).ToArray();
        for (int j = 0; j < n; j++)
        {
            var column = isDouble ? DoubleSlot(offset[j], scale[j]) : SingleSlot(offset[j], scale[j]);
            for (int i = 0; i < rows.Length; i++)
                if (isDouble) ((double[])rows[i])[j] = column[i]; else ((float[])rows[i])[j] = (float)column[i];
        }
        var synthetic = new SyntheticDataView((input, rows));
        return catalog.NormalizeMeanVariance(output, input, fixZero: false).Fit(synthetic);
    }

    private static double[] DoubleSlot(double offset, double scale)
    {
        var v = new double[2 * Pairs];
        if (!(scale > 0) || !double.IsFinite(scale) || !double.IsFinite(offset)) return v;
        double s = 1 / scale;
        for (int i = 0; i < Pairs; i++) { v[2 * i] = offset - s; v[2 * i + 1] = offset + s; }
        return v;
    }

    private static double[] SingleSlot(double offset, double scale)
    {
        var v = new double[2 * Pairs];
        if (!(scale > 0) || !double.IsFinite(scale)) return v;
        float m = (float)offset;
        if (!float.IsFinite(m)) return v;
        double s = 1 / scale;
        float top = (float)(Math.Abs((double)m) + 8 * s);
        if (!float.IsFinite(top)) return v;
        double u = (double)MathF.BitIncrement(top) - top; // grid step at the largest magnitude used: every m ± k·u below is a float
        double t = s / u;
        if (t >= 1 << 20)
        {
            for (int i = 0; i < Pairs; i++) { v[2 * i] = (float)(m - s); v[2 * i + 1] = (float)(m + s); }
            return v;
        }
        // Integers k_i (one per pair) with Σ k_i² = round(Pairs · t²): greedy near t, the last three by search.
        double target = Math.Max(1, Math.Round(Pairs * t * t)), rem = target;
        var k = new double[Pairs];
        for (int i = 0; i < Pairs - 3; i++) { k[i] = Math.Round(Math.Sqrt(Math.Max(0, rem) / (Pairs - i))); rem -= k[i] * k[i]; }
        double r0 = Math.Round(Math.Sqrt(Math.Max(0, rem) / 3)), bestErr = double.PositiveInfinity;
        for (double a = Math.Max(0, r0 - 4); a <= r0 + 4; a++)
            for (double b = Math.Max(0, r0 - 4); b <= r0 + 4; b++)
            {
                double c = Math.Round(Math.Sqrt(Math.Max(0, rem - a * a - b * b)));
                double err = Math.Abs(rem - a * a - b * b - c * c);
                if (err < bestErr) { bestErr = err; k[Pairs - 3] = a; k[Pairs - 2] = b; k[Pairs - 1] = c; }
            }
        for (int i = 0; i < Pairs; i++) { v[2 * i] = m - k[i] * u; v[2 * i + 1] = m + k[i] * u; }
        return v;
    }
}
