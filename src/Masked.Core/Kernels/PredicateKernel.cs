namespace Masked.Kernels;

/// <summary>An elementwise test of one value (a bool result): a scalar rule and a span rule.</summary>
internal interface IUnaryPredicate<T>
{
    /// <summary>The scalar rule; must not throw on any value (it also runs on garbage in masked slots).</summary>
    static abstract bool Invoke(T x);

    /// <summary>The span rule; must equal the scalar rule element by element.</summary>
    static abstract void Invoke(ReadOnlySpan<T> x, Span<bool> destination);
}

/// <summary>
/// The unary kernel with a bool result (T → bool). The result keeps the input's validity: an allocated result shares a
/// contiguous input's bitmap (no copy), a destination gets the bits copied word by word into its own bitmap.
/// </summary>
internal static class PredicateKernel
{
    public static MaskedTensor<bool> Run<T, TOp>(MaskedTensor<T> x) where T : unmanaged where TOp : IUnaryPredicate<T>
    {
        var c = x.Dense();
        int n = c.Length;
        var dst = new bool[n];
        TOp.Invoke(c.ContiguousSpan, dst);
        var mask = c._bitmap?.Rebase(c.MaskBitStart, n);
        return MaskedTensor<bool>.Contiguous(dst, mask, (int[])c._shape.Clone());
    }

    public static void RunInto<T, TOp>(MaskedTensor<T> x, MaskedTensor<bool> destination) where T : unmanaged where TOp : IUnaryPredicate<T>
    {
        var c = x.Dense();
        int n = c.Length;
        BoolDestination.Check(destination, c._shape, c.HasMask);
        TOp.Invoke(c.ContiguousSpan, destination.ContiguousSpan);
        if (destination._bitmap is null) return;
        if (c._bitmap is null) BoolDestination.WriteValidity(destination, n, default, 0, masked: false);
        else BoolDestination.WriteValidity(destination, n, c._bitmap.Bytes.Span, c.MaskBitStart, masked: true);
    }
}

/// <summary>Checks and fills a destination for a kernel with a bool result.</summary>
internal static class BoolDestination
{
    /// <summary>Throws unless <paramref name="destination"/> is contiguous, has <paramref name="shape"/>, and has a bitmap when the result can be masked.</summary>
    public static void Check<TD>(MaskedTensor<TD> destination, int[] shape, bool resultMasked) where TD : unmanaged
    {
        if (!ShapeMath.SameShape(destination._shape, shape))
            ThrowHelper.ThrowArgument($"Destination shape {ShapeMath.Format(destination._shape)} does not match the result shape {ShapeMath.Format(shape)}.", nameof(destination));
        if (!destination.IsContiguous)
            ThrowHelper.ThrowArgument("The destination must be contiguous.", nameof(destination));
        if (resultMasked && destination._bitmap is null)
            ThrowHelper.ThrowArgument("The result has masked entries but the destination has no validity bitmap; create it with MaskedTensor.Empty<T>(shape).", nameof(destination));
    }

    /// <summary>
    /// Copies <paramref name="n"/> validity bits from <paramref name="source"/> at <paramref name="sourceStart"/> (all valid when not
    /// <paramref name="masked"/>), 64 at a time, into the destination's bitmap, and forgets cached counts.
    /// </summary>
    public static void WriteValidity<TD>(MaskedTensor<TD> destination, int n, ReadOnlySpan<byte> source, long sourceStart, bool masked) where TD : unmanaged
    {
        var dm = destination._bitmap!;
        var bits = dm.Bytes.Span;
        long start = destination.MaskBitStart;
        for (int i = 0; i < n; i += 64)
        {
            int count = Math.Min(64, n - i);
            BitmapWords.Write(bits, start + i, masked ? BitmapWords.Read(source, sourceStart + i, count) : ulong.MaxValue, count);
        }
        dm.InvalidateCount();
        destination.InvalidateValidCount();
    }
}
