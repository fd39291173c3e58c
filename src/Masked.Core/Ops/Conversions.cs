using System.Runtime.CompilerServices;

namespace Masked;

public sealed partial class MaskedTensor<T>
{
    /// <summary>
    /// The same entries converted to <typeparamref name="TTo"/>: a copy of the data and of the mask. Floating values
    /// convert to integers toward zero and saturate at the integer range (NaN in a masked slot becomes 0); bool
    /// converts to 0/1, and non-zero converts to true. Not recorded for autograd: convert before building a graph.
    /// </summary>
    public MaskedTensor<TTo> Cast<TTo>() where TTo : unmanaged
    {
        _ = MaskedTensor<TTo>.Contiguous(Array.Empty<TTo>(), null, [0]); // rejects unsupported target types early
        var c = Contiguous();
        var src = c.ContiguousSpan;
        var dst = new TTo[_length];
        if (typeof(T) == typeof(long))
        {
            // long does not fit in a double (2^53 + 1): convert integers directly so that integer casts are exact.
            var ls = System.Runtime.InteropServices.MemoryMarshal.Cast<T, long>(src);
            for (int i = 0; i < dst.Length; i++) dst[i] = FromLong<TTo>(ls[i]);
        }
        else
            for (int i = 0; i < dst.Length; i++) dst[i] = FromDouble<TTo>(ToDouble(src[i]));
        var mask = c._bitmap?.Rebase(c.MaskBitStart, _length);
        return MaskedTensor<TTo>.Contiguous(dst, mask, (int[])_shape.Clone());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ToDouble(T v)
    {
        if (typeof(T) == typeof(float)) return Unsafe.As<T, float>(ref v);
        if (typeof(T) == typeof(double)) return Unsafe.As<T, double>(ref v);
        if (typeof(T) == typeof(int)) return Unsafe.As<T, int>(ref v);
        if (typeof(T) == typeof(long)) return Unsafe.As<T, long>(ref v);
        return Unsafe.As<T, bool>(ref v) ? 1 : 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TTo FromLong<TTo>(long v) where TTo : unmanaged
    {
        if (typeof(TTo) == typeof(long)) return Unsafe.As<long, TTo>(ref v);
        if (typeof(TTo) == typeof(int)) { int i = (int)Math.Clamp(v, int.MinValue, int.MaxValue); return Unsafe.As<int, TTo>(ref i); }
        if (typeof(TTo) == typeof(bool)) { bool b = v != 0; return Unsafe.As<bool, TTo>(ref b); }
        if (typeof(TTo) == typeof(float)) { float f = v; return Unsafe.As<float, TTo>(ref f); }
        return FromDouble<TTo>(v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TTo FromDouble<TTo>(double d) where TTo : unmanaged
    {
        if (typeof(TTo) == typeof(float)) { float f = (float)d; return Unsafe.As<float, TTo>(ref f); }
        if (typeof(TTo) == typeof(double)) return Unsafe.As<double, TTo>(ref d);
        if (typeof(TTo) == typeof(int)) { int i = double.IsNaN(d) ? 0 : (int)Math.Clamp(Math.Truncate(d), int.MinValue, int.MaxValue); return Unsafe.As<int, TTo>(ref i); }
        if (typeof(TTo) == typeof(long)) { long l = double.IsNaN(d) ? 0 : (long)Math.Clamp(Math.Truncate(d), long.MinValue, long.MaxValue); return Unsafe.As<long, TTo>(ref l); }
        bool b = d != 0 && !double.IsNaN(d);
        return Unsafe.As<bool, TTo>(ref b);
    }
}
