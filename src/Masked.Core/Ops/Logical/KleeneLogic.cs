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
    /// <summary>
    /// SQL AND (Arrow <c>and_kleene</c>): false where either side is a valid false, true where both are valid trues, masked otherwise.
    /// Shapes broadcast. Works 64 entries at a time on bitmap words.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<bool> KleeneAnd(this MaskedTensor<bool> a, MaskedTensor<bool> b) => Kleene<KleeneAndOperator>(a, b, null);

    /// <summary>
    /// SQL OR (Arrow <c>or_kleene</c>): true where either side is a valid true, false where both are valid falses, masked otherwise.
    /// Shapes broadcast. Works 64 entries at a time on bitmap words.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<bool> KleeneOr(this MaskedTensor<bool> a, MaskedTensor<bool> b) => Kleene<KleeneOrOperator>(a, b, null);

    /// <summary>SQL AND with a known value: <c>a AND false</c> is all false (valid everywhere), <c>a AND true</c> is a.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static MaskedTensor<bool> KleeneAnd(this MaskedTensor<bool> a, bool scalar) => Kleene<KleeneAndOperator>(a, Scalar(scalar), null);

    /// <summary>SQL OR with a known value: <c>a OR true</c> is all true (valid everywhere), <c>a OR false</c> is a.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static MaskedTensor<bool> KleeneOr(this MaskedTensor<bool> a, bool scalar) => Kleene<KleeneOrOperator>(a, Scalar(scalar), null);

    /// <summary>destination = a AND b in Kleene logic (values and validity; the only allocation is for broadcast or strided operands).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together, or the destination's shape differs from the result's, it is not contiguous, or it has no validity bitmap while an operand is masked.</exception>
    public static void KleeneAnd(MaskedTensor<bool> a, MaskedTensor<bool> b, MaskedTensor<bool> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Kleene<KleeneAndOperator>(a, b, destination);
    }

    /// <summary>destination = a OR b in Kleene logic.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (see <see cref="KleeneAnd(MaskedTensor{bool}, MaskedTensor{bool}, MaskedTensor{bool})"/>).</exception>
    public static void KleeneOr(MaskedTensor<bool> a, MaskedTensor<bool> b, MaskedTensor<bool> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Kleene<KleeneOrOperator>(a, b, destination);
    }

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
        var oa = Operand<bool>.Of(pa);
        var ob = Operand<bool>.Of(pb);
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
