using System.Numerics;
using Masked.Kernels;

namespace Masked;

// Where: the elementwise selection, following torch.where (https://pytorch.org/docs/stable/generated/torch.where.html); the comparisons are in Ops/Comparison/.
public static partial class MaskedTensor
{
    /// <summary>
    /// <c>a</c> where <paramref name="condition"/> is true, else <c>b</c>, as <see href="https://pytorch.org/docs/stable/generated/torch.where.html"><c>torch.where</c></see>;
    /// the result's mask is taken the same way (a masked condition entry gives a masked result). Shapes broadcast. The gradient
    /// reaches <c>a</c> only where the condition is true and <c>b</c> only where it is false; elsewhere it is masked, never 0 or NaN.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="condition"/>, <paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ArgumentException">The three shapes cannot be broadcast together.</exception>
    public static MaskedTensor<T> Where<T>(MaskedTensor<bool> condition, MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var shape = ShapeMath.Broadcast(ShapeMath.Broadcast(condition._shape, a._shape), b._shape);
        int n = ShapeMath.Numel(shape);
        MaskedTensor<bool> pc; MaskedTensor<T> pa, pb;
        using (Autograd.NoGrad())
        {
            pc = condition.BroadcastTo(shape).Contiguous();
            pa = a.BroadcastTo(shape).Contiguous();
            pb = b.BroadcastTo(shape).Contiguous();
        }
        var c = pc.ContiguousSpan; var da = pa.ContiguousSpan; var db = pb.ContiguousSpan;
        var ca = MaskedSegment<bool>.Of(pc); var oa = MaskedSegment<T>.Of(pa); var ob = MaskedSegment<T>.Of(pb);
        var dst = GC.AllocateUninitializedArray<T>(n); // every element is written
        var bytes = new byte[BitmapWords.WordCount(n) * 8];
        bool anyMask = ca.HasMask || oa.HasMask || ob.HasMask;
        for (int i = 0; i < n; i += 64)
        {
            int cnt = Math.Min(64, n - i);
            ulong wc = ca.Word(i, cnt), wa = oa.Word(i, cnt), wb = ob.Word(i, cnt);
            ulong sel = WhereKernel.Blend(c, da, db, dst, i, cnt); // data by vector selects; bit k = condition[i + k]
            ulong w = wc & ((sel & wa) | (~sel & wb));
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(bytes.AsSpan())[i >> 6] = w;
        }
        var r = MaskedTensor<T>.Contiguous(dst, anyMask ? new ValidityBitmap(bytes, 0, n) : null, shape);
        return Autograd.Record(r, g =>
        {
            var math = GradMath<T>.Instance;
            MaskedTensor<T>? ga = null, gb = null;
            if (a.RequiresGrad) ga = math.SumToShape(ElementwiseKernel.MaskLike(g, AsValidity(condition, true)), a._shape);
            if (b.RequiresGrad) gb = math.SumToShape(ElementwiseKernel.MaskLike(g, AsValidity(condition, false)), b._shape);
            return [ga, gb];
        }, a, b).Traced("Where", condition, a, b);
    }

    /// <summary>A tensor whose validity is "condition == value" (and the condition valid); always carries a bitmap.</summary>
    internal static MaskedTensor<bool> AsValidity(MaskedTensor<bool> condition, bool value)
    {
        var c = condition.Dense();
        int n = c.Length;
        var bits = new byte[BitmapWords.WordCount(n) * 8];
        BoolBits.SelectValid(MaskedSegment<bool>.Of(c), value, bits);
        return MaskedTensor<bool>.Contiguous(c._buffer.Slice(c._offset, n), new ValidityBitmap(bits, 0, n), (int[])condition._shape.Clone(), c.Owner);
    }
}
