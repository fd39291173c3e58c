using System.Runtime.InteropServices;

namespace Masked.Kernels;

/// <summary>
/// The elementwise kernels. They walk the result's validity 64 bits at a time in chunks of
/// <see cref="Chunk"/> elements: a chunk whose words are all null is skipped, others run the operator's
/// span rule (vectorized) over the whole chunk — masked slots compute garbage that no valid result reads.
/// Operators that could throw on garbage (integer division) run mixed words element by element.
/// </summary>
internal static class ElementwiseKernel
{
    public const int Chunk = 4096;

    /// <summary>Prepares a tensor as a kernel input for result shape <paramref name="shape"/>: a scalar, the tensor itself, or a broadcast copy.</summary>
    public static MaskedTensor<T> Prepare<T>(MaskedTensor<T> t, int[] shape) where T : unmanaged
    {
        if (t.Length == 1 && shape.Length >= t.Rank) return t; // used as a scalar
        if (ShapeMath.SameShape(t._shape, shape)) return t.Contiguous();
        return t.BroadcastTo(shape).Contiguous();
    }

    public static Operand<T> AsOperand<T>(MaskedTensor<T> t, int resultLength) where T : unmanaged
    {
        if (t.Length == 1 && (resultLength != 1 || !t.IsContiguous))
        {
            bool valid = t._bitmap is null || BitmapWords.Get(t._bitmap.Bytes.Span, (long)t._bitmap.BitOffset + t._offset);
            return new Operand<T>(t._buffer.Span[t._offset], valid);
        }
        return Operand<T>.Of(t);
    }

    /// <summary>Result bitmap shared from a single masked contiguous input, or built by AND-ing the inputs' words.</summary>
    private static ValidityBitmap? ResultMask<T>(MaskedTensor<T> a, MaskedTensor<T>? b, in Operand<T> oa, in Operand<T> ob, int n) where T : unmanaged
    {
        bool ma = oa.HasMask, mb = b is not null && ob.HasMask;
        if (!ma && !mb) return null;
        if (ma && !mb && !oa.IsScalar) return a._bitmap!.Rebase(oa.BitStart, n);
        if (mb && !ma && !ob.IsScalar) return b!._bitmap!.Rebase(ob.BitStart, n);
        var bytes = new byte[BitmapWords.WordCount(n) * 8];
        var words = MemoryMarshal.Cast<byte, ulong>(bytes.AsSpan());
        for (int w = 0, i = 0; i < n; w++, i += 64)
        {
            int c = Math.Min(64, n - i);
            words[w] = oa.Word(i, c) & (b is null ? ulong.MaxValue : ob.Word(i, c));
        }
        return new ValidityBitmap(bytes, 0, n);
    }

    public static MaskedTensor<T> Unary<T, TOp>(MaskedTensor<T> x)
        where T : unmanaged where TOp : IUnaryOperator<T>
    {
        var c = x.Contiguous();
        int n = c.Length;
        var dst = new T[n];
        var ox = Operand<T>.Of(c);
        var mask = ResultMask(c, null, ox, default, n);
        var src = c.ContiguousSpan;
        if (mask is null) TOp.Invoke(src, dst);
        else
        {
            var bits = mask.Bytes.Span;
            for (int s = 0; s < n; s += Chunk)
            {
                int len = Math.Min(Chunk, n - s);
                if (AnySet(bits, (long)mask.BitOffset + s, len)) TOp.Invoke(src.Slice(s, len), dst.AsSpan(s, len));
            }
        }
        return MaskedTensor<T>.Contiguous(dst, mask, (int[])c._shape.Clone());
    }

    public static MaskedTensor<T> Binary<T, TOp>(MaskedTensor<T> a, MaskedTensor<T> b)
        where T : unmanaged where TOp : IBinaryOperator<T>
    {
        var shape = ShapeMath.Broadcast(a._shape, b._shape);
        int n = ShapeMath.Numel(shape);
        var pa = Prepare(a, shape);
        var pb = Prepare(b, shape);
        var oa = AsOperand(pa, n);
        var ob = AsOperand(pb, n);
        var mask = ResultMask(pa, pb, oa, ob, n);
        var dst = new T[n];
        Span<T> scratchA = oa.IsScalar ? new T[Math.Min(Chunk, Math.Max(n, 1))] : default;
        Span<T> scratchB = ob.IsScalar ? new T[Math.Min(Chunk, Math.Max(n, 1))] : default;
        scratchA.Fill(oa.Scalar);
        scratchB.Fill(ob.Scalar);
        var bits = mask is null ? default : mask.Bytes.Span;
        long b0 = mask?.BitOffset ?? 0;
        for (int s = 0; s < n; s += Chunk)
        {
            int len = Math.Min(Chunk, n - s);
            if (mask is not null && !AnySet(bits, b0 + s, len)) continue;
            var sa = oa.IsScalar ? scratchA[..len] : oa.Data.Slice(s, len);
            var sb = ob.IsScalar ? scratchB[..len] : ob.Data.Slice(s, len);
            var sd = dst.AsSpan(s, len);
            if (TOp.SafeOnGarbage || mask is null) { TOp.Invoke(sa, sb, sd); continue; }
            for (int w = 0; w < len; w += 64)
            {
                int c = Math.Min(64, len - w);
                ulong word = BitmapWords.Read(bits, b0 + s + w, c);
                ulong full = c == 64 ? ulong.MaxValue : (1UL << c) - 1;
                if (word == full) { TOp.Invoke(sa.Slice(w, c), sb.Slice(w, c), sd.Slice(w, c)); continue; }
                while (word != 0)
                {
                    int k = System.Numerics.BitOperations.TrailingZeroCount(word);
                    sd[w + k] = TOp.Invoke(sa[w + k], sb[w + k]);
                    word &= word - 1;
                }
            }
        }
        return MaskedTensor<T>.Contiguous(dst, mask, shape);
    }

    public static MaskedTensor<bool> Compare<T, TOp>(MaskedTensor<T> a, MaskedTensor<T> b)
        where T : unmanaged where TOp : IBinaryPredicate<T>
    {
        var shape = ShapeMath.Broadcast(a._shape, b._shape);
        int n = ShapeMath.Numel(shape);
        var pa = Prepare(a, shape);
        var pb = Prepare(b, shape);
        var oa = AsOperand(pa, n);
        var ob = AsOperand(pb, n);
        var mask = ResultMask(pa, pb, oa, ob, n);
        var dst = new bool[n];
        for (int i = 0; i < n; i++)
            dst[i] = TOp.Invoke(oa.IsScalar ? oa.Scalar : oa.Data[i], ob.IsScalar ? ob.Scalar : ob.Data[i]);
        return MaskedTensor<bool>.Contiguous(dst, mask, shape);
    }

    /// <summary>Keeps <paramref name="a"/>'s values (shared, not copied) and ANDs in <paramref name="m"/>'s mask, broadcast to a's shape.</summary>
    public static MaskedTensor<T> MaskLike<T, TM>(MaskedTensor<T> a, MaskedTensor<TM> m) where T : unmanaged where TM : unmanaged
    {
        if (m._bitmap is null) return a;
        var pa = a.Contiguous();
        int n = pa.Length;
        var pm = Prepare(m, pa._shape);
        var oa = Operand<T>.Of(pa);
        var om = AsOperand(pm, n);
        var bytes = new byte[BitmapWords.WordCount(n) * 8];
        var words = MemoryMarshal.Cast<byte, ulong>(bytes.AsSpan());
        for (int w = 0, i = 0; i < n; w++, i += 64)
        {
            int c = Math.Min(64, n - i);
            words[w] = oa.Word(i, c) & om.Word(i, c);
        }
        return MaskedTensor<T>.Contiguous(pa._buffer.Slice(pa._offset, n), new ValidityBitmap(bytes, 0, n), (int[])pa._shape.Clone(), pa.Owner);
    }

    public static bool AnySet(ReadOnlySpan<byte> bits, long start, int count)
    {
        for (int i = 0; i < count; i += 64)
            if (BitmapWords.Read(bits, start + i, Math.Min(64, count - i)) != 0) return true;
        return false;
    }
}
