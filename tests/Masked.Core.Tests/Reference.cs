using Xunit;

namespace Masked.Core.Tests;

/// <summary>Plain-loop references shared by tests.</summary>
internal static class Reference
{
    /// <summary>Asserts that <paramref name="r"/> (m × n) is the product of a (m × k) and b (k × n) over valid terms, masked where no term is valid.</summary>
    public static void AssertMaskedMatMul(MaskedTensor<double> a, MaskedTensor<double> b, MaskedTensor<double> r)
    {
        int m = a.Shape[0], k = a.Shape[1], n = b.Shape[1];
        var ad = a.ToArray(); var am = a.MaskToBools(); var bd = b.ToArray(); var bm = b.MaskToBools();
        var rd = r.ToArray(); var rm = r.MaskToBools();
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0; bool any = false;
                for (int t = 0; t < k; t++) if (am[i * k + t] && bm[t * n + j]) { s += ad[i * k + t] * bd[t * n + j]; any = true; }
                Assert.Equal(any, rm[i * n + j]);
                if (any) Assert.Equal(s, rd[i * n + j], 1e-12);
            }
    }
}
