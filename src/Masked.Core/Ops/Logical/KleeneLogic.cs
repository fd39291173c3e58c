using Masked.Kernels;

namespace Masked;

/// <summary>
/// Three-valued (Kleene) logic on masked bool tensors, as SQL's AND/OR over NULLs and Arrow's <c>and_kleene</c>/<c>or_kleene</c>:
/// a masked entry is "unknown". <c>false AND unknown = false</c> and <c>true OR unknown = true</c>; otherwise the result is
/// unknown (masked) wherever an operand is. Beside them, <see cref="BitwiseAnd(MaskedTensor{bool}, MaskedTensor{bool})"/> and
/// <see cref="BitwiseOr(MaskedTensor{bool}, MaskedTensor{bool})"/> are strict (masked wherever either side is masked, as torch),
/// and <see cref="BitwiseNot(MaskedTensor{bool})"/> is Kleene's NOT too (not unknown = unknown). Filters over data with missing
/// values need these: <c>WHERE a &gt; 0 AND b &lt; 5</c> keeps rows where a row with a missing b is decided by a alone.
/// </summary>
public static partial class MaskedTensor
{
    /// <summary>Broadcasts both sides to the result shape (contiguous, not recorded) and runs the Kleene kernel into a new tensor or <paramref name="destination"/>.</summary>
    private static MaskedTensor<bool> Kleene<TOp>(MaskedTensor<bool> a, MaskedTensor<bool> b, MaskedTensor<bool>? destination) where TOp : IKleeneOperator
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var shape = ShapeMath.Broadcast(a._shape, b._shape);
        int n = ShapeMath.Numel(shape);
        MaskedTensor<bool> pa, pb;
        using (Autograd.NoGrad())
        {
            pa = ShapeMath.SameShape(a._shape, shape) ? a.Contiguous() : a.BroadcastTo(shape).Contiguous();
            pb = ShapeMath.SameShape(b._shape, shape) ? b.Contiguous() : b.BroadcastTo(shape).Contiguous();
        }
        bool masked = pa.HasMask || pb.HasMask;
        var oa = MaskedSegment<bool>.Of(pa);
        var ob = MaskedSegment<bool>.Of(pb);
        if (destination is null)
        {
            var data = new bool[n];
            var bits = masked ? new byte[BitmapWords.WordCount(n) * 8] : null;
            KleeneKernel.Run<TOp>(oa, ob, data, bits, 0, n);
            return MaskedTensor<bool>.Contiguous(data, bits is null ? null : new ValidityBitmap(bits, 0, n), (int[])shape.Clone());
        }
        BoolDestination.Check(destination, shape, masked);
        var dm = destination._bitmap;
        KleeneKernel.Run<TOp>(oa, ob, destination.ContiguousSpan, dm is null ? default : dm.Bytes.Span, destination.MaskBitStart, n);
        if (dm is not null) { dm.InvalidateCount(); destination.InvalidateValidCount(); }
        return destination;
    }
}
