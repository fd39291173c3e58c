using System.Numerics;
using System.Numerics.Tensors;

namespace Masked;

public static partial class MaskedTensor
{
    /// <summary>
    /// Matrix product of 2-D masked tensors over valid entries: out[i, j] = Σ a[i, k] · b[k, j] over the k where both
    /// are valid; an output with no valid term is masked (not 0). Differentiable (each gradient is itself such a product,
    /// masked by its input's mask).
    /// </summary>
    /// <exception cref="ArgumentException">Not 2-D, or the inner dimensions disagree.</exception>
    public static MaskedTensor<T> MatMul<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Rank != 2 || b.Rank != 2 || a._shape[1] != b._shape[0])
            throw new ArgumentException($"MatMul: {ShapeMath.Format(a._shape)} × {ShapeMath.Format(b._shape)} — both must be 2-D and the inner dimensions must agree.");
        int m = a._shape[0], kk = a._shape[1], n = b._shape[1];
        // Masked entries contribute 0 to the sums; a second product of the validity indicators counts the valid terms.
        var av = a.ToTensor(T.Zero).ContiguousSpan; var bv = b.ToTensor(T.Zero).ContiguousSpan;
        var am = a.MaskToBools(); var bm = b.MaskToBools();
        var out_ = new T[m * n];
        Gemm(av, bv, out_, m, kk, n, am, bm);
        ValidityBitmap? mask = null;
        if (a.HasMask || b.HasMask)
        {
            var ai = new float[m * kk]; var bi = new float[kk * n];
            for (int i = 0; i < ai.Length; i++) ai[i] = am[i] ? 1 : 0;
            for (int i = 0; i < bi.Length; i++) bi[i] = bm[i] ? 1 : 0;
            var counts = new float[m * n];
            Gemm<float>(ai, bi, counts, m, kk, n, null, null);
            mask = ValidityBitmap.FromBools(counts.Select(c => c > 0).ToArray());
        }
        var r = MaskedTensor<T>.Contiguous(out_, mask, [m, n]);
        return Autograd.Record(r, g =>
        {
            MaskedTensor<T>? ga = null, gb = null;
            if (a.RequiresGrad) ga = Kernels.ElementwiseKernel.MaskLike(MatMul(g, b.Transpose(0, 1)), a);
            if (b.RequiresGrad) gb = Kernels.ElementwiseKernel.MaskLike(MatMul(a.Transpose(0, 1), g), b);
            return [ga, gb];
        }, a, b);
    }

    /// <summary>
    /// Row-major C = A·B over valid terms: each row of C accumulates a[i,k] · (row k of B) with TensorPrimitives, masked
    /// slots holding 0. A masked a[i,k] is skipped; a non-finite valid a[i,k] goes element by element over valid b
    /// entries only (inf · a masked 0 would otherwise make NaN out of a masked slot).
    /// </summary>
    private static void Gemm<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n, bool[]? aValid, bool[]? bValid)
        where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < m; i++)
        {
            var row = c.Slice(i * n, n);
            for (int t = 0; t < k; t++)
            {
                if (aValid is not null && !aValid[i * k + t]) continue;
                T w = a[i * k + t];
                if (bValid is not null && !T.IsFinite(w))
                {
                    for (int j = 0; j < n; j++) if (bValid[t * n + j]) row[j] += w * b[t * n + j];
                    continue;
                }
                TensorPrimitives.MultiplyAdd(b.Slice(t * n, n), w, row, row);
            }
        }
    }
}
