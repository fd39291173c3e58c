namespace Masked.Kernels;

/// <summary>
/// One input of an elementwise kernel: either a contiguous span of <c>Length</c> values with its bitmap
/// position, or a single value broadcast to every position.
/// </summary>
internal readonly ref struct Operand<T> where T : unmanaged
{
    public readonly ReadOnlySpan<T> Data;
    public readonly ReadOnlySpan<byte> Bits;
    public readonly long BitStart;
    public readonly bool HasMask;
    public readonly bool IsScalar;
    public readonly T Scalar;
    public readonly bool ScalarValid;

    public Operand(ReadOnlySpan<T> data, ReadOnlySpan<byte> bits, long bitStart, bool hasMask)
    {
        Data = data; Bits = bits; BitStart = bitStart; HasMask = hasMask;
        IsScalar = false; Scalar = default; ScalarValid = true;
    }

    public Operand(T scalar, bool valid)
    {
        Data = default; Bits = default; BitStart = 0; HasMask = !valid;
        IsScalar = true; Scalar = scalar; ScalarValid = valid;
    }

    /// <summary>Validity of <paramref name="count"/> elements from <paramref name="start"/> as a word (bit k = element start+k).</summary>
    public ulong Word(int start, int count)
    {
        ulong full = BitmapWords.LowMask(count);
        if (IsScalar) return ScalarValid ? full : 0;
        if (!HasMask) return full;
        return BitmapWords.Read(Bits, BitStart + start, count);
    }

    public static Operand<T> Of(MaskedTensor<T> t)
    {
        if (t._bitmap is null) return new Operand<T>(t.ContiguousSpan, default, 0, false);
        return new Operand<T>(t.ContiguousSpan, t._bitmap.Bytes.Span, t.MaskBitStart, true);
    }
}
