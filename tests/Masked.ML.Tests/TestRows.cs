using Microsoft.ML;
using Microsoft.ML.Data;

namespace Masked.ML.Tests;

public sealed class Row5
{
    [VectorType(5)] public float[] Features { get; set; } = [];
    [VectorType(5)] public bool[] Mask { get; set; } = [];
}

internal static class TestRows
{
    /// <summary>Random rows of 5 slots with NaN holes; row 3 fully missing; slot 4 missing everywhere.</summary>
    public static Row5[] Make(int rows, int seed)
    {
        var rng = new Random(seed);
        var r = new Row5[rows];
        for (int i = 0; i < rows; i++)
        {
            var f = new float[5];
            var m = new bool[5];
            for (int j = 0; j < 5; j++)
            {
                bool missing = i == 3 || j == 4 || rng.NextDouble() < 0.2;
                f[j] = missing ? float.NaN : (float)(rng.NextDouble() * 10 * (j + 1) - 3);
                m[j] = rng.NextDouble() > 0.1;
            }
            r[i] = new Row5 { Features = f, Mask = m };
        }
        return r;
    }

    public static float[][] Column(IDataView data, string name) => data.GetColumn<float[]>(name).ToArray();

    public static void AssertClose(float expected, float actual, double tol = 1e-4)
    {
        if (float.IsNaN(expected)) { Xunit.Assert.True(float.IsNaN(actual), $"expected missing (NaN), got {actual}"); return; }
        Xunit.Assert.True(Math.Abs(expected - actual) <= tol * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {actual}");
    }
}
