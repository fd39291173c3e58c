using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

public static partial class MaskedTensor
{
    /// <summary>
    /// Matrix product of 2-D masked tensors over valid entries: out[i, j] = Σ a[i, k] · b[k, j] over the k where both
    /// are valid; an output with no valid term is masked (not 0). Differentiable (each gradient is itself such a product,
    /// masked by its input's mask). Follows <see href="https://pytorch.org/docs/stable/generated/torch.matmul.html"><c>torch.matmul</c></see>
    /// for 2-D operands.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ArgumentException">Not 2-D, or the inner dimensions disagree.</exception>
    public static MaskedTensor<T> MatMul<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Rank != 2 || b.Rank != 2 || a._shape[1] != b._shape[0])
            ThrowHelper.ThrowArgument($"MatMul: {ShapeMath.Format(a._shape)} × {ShapeMath.Format(b._shape)} — both must be 2-D and the inner dimensions must agree.", a.Rank != 2 ? nameof(a) : nameof(b));
        int m = a._shape[0], kk = a._shape[1], n = b._shape[1];
        // Masked a entries are skipped; masked b entries read as 0 (a zeroed copy). Output validity: row i of the result
        // is the OR of the validity rows k of b over the valid a[i, k], one bitmap word at a time.
        var sa = MaskedSegment<T>.Of(a.Dense());
        var bd = b.Dense();
        var sb = MaskedSegment<T>.Of(bd);
        var bz = ZeroMasked(sb);
        var out_ = new T[m * n];
        Gemm(sa, bz, sb, out_, m, kk, n);
        ValidityBitmap? mask = null;
        if (sa.HasMask || sb.HasMask)
        {
            var bits = new byte[BitmapWords.WordCount(m * n) * 8];
            var row = new ulong[BitmapWords.WordCount(n)];
            for (int i = 0; i < m; i++)
            {
                Array.Clear(row);
                for (int t = 0; t < kk; t++)
                {
                    if (!sa.IsValid(i * kk + t)) continue;
                    for (int w = 0; w < row.Length; w++) row[w] |= sb.Word(t * n + w * 64, Math.Min(64, n - w * 64));
                }
                for (int w = 0; w < row.Length; w++) BitmapWords.Write(bits, (long)i * n + w * 64, row[w], Math.Min(64, n - w * 64));
            }
            mask = new ValidityBitmap(bits, 0, m * n);
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

    /// <summary>A copy of the segment's data with masked slots set to 0.</summary>
    private static T[] ZeroMasked<T>(in MaskedSegment<T> s) where T : unmanaged, INumber<T>
    {
        var r = s.Data.ToArray();
        if (!s.HasMask) return r;
        for (int w = 0; w < r.Length; w += 64)
        {
            int c = Math.Min(64, r.Length - w);
            ulong masked = ~s.Word(w, c) & BitmapWords.LowMask(c);
            while (masked != 0)
            {
                r[w + BitOperations.TrailingZeroCount(masked)] = T.Zero;
                masked &= masked - 1;
            }
        }
        return r;
    }

    /// <summary>
    /// Row-major C = A·B over valid terms: each row of C accumulates a[i,k] · (row k of B) with TensorPrimitives, masked
    /// slots of B holding 0 (<paramref name="b"/>). A masked a[i,k] is skipped; a non-finite valid a[i,k] goes element by
    /// element over valid b entries only (inf · a masked 0 would otherwise make NaN out of a masked slot).
    /// </summary>
    private static void Gemm<T>(in MaskedSegment<T> a, ReadOnlySpan<T> b, in MaskedSegment<T> bValid, Span<T> c, int m, int k, int n)
        where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < m; i++)
        {
            var row = c.Slice(i * n, n);
            for (int t = 0; t < k; t++)
            {
                if (!a.IsValid(i * k + t)) continue;
                T w = a.Data[i * k + t];
                if (bValid.HasMask && !T.IsFinite(w))
                {
                    for (int j = 0; j < n; j++) if (bValid.IsValid(t * n + j)) row[j] += w * b[t * n + j];
                    continue;
                }
                TensorPrimitives.MultiplyAdd(b.Slice(t * n, n), w, row, row);
            }
        }
    }
}
