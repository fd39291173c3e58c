using System.Numerics;

namespace Masked.Kernels;

/// <summary>
/// The masked span every kernel reads: a contiguous run of values with its validity bits (the bitmap bytes, the bit of
/// element 0, whether there is a bitmap at all), read 64 bits at a time through <see cref="Word"/>. An elementwise
/// kernel's operand may instead be a single value broadcast to every position (<see cref="Broadcast"/>: <see cref="IsScalar"/>,
/// <see cref="Scalar"/>, valid unless <see cref="HasMask"/>); a kernel decides that once per call (a scalar path, or a
/// constant validity word) and never asks a scalar segment for its <see cref="Data"/> or <see cref="Word"/>.
/// </summary>
internal readonly ref struct MaskedSegment<T> where T : unmanaged
{
    public readonly ReadOnlySpan<T> Data;
    public readonly ReadOnlySpan<byte> Bits;
    public readonly long BitStart;
    public readonly bool HasMask;
    /// <summary>True for a single value broadcast to every position (<see cref="Scalar"/>; valid unless <see cref="HasMask"/>).</summary>
    public readonly bool IsScalar;
    /// <summary>The broadcast value of a scalar segment.</summary>
    public readonly T Scalar;

    public MaskedSegment(ReadOnlySpan<T> data, ReadOnlySpan<byte> bits, long bitStart, bool hasMask)
    {
        Data = data; Bits = bits; BitStart = bitStart; HasMask = hasMask;
        IsScalar = false; Scalar = default;
    }

    private MaskedSegment(T scalar, bool valid)
    {
        Data = default; Bits = default; BitStart = 0; HasMask = !valid;
        IsScalar = true; Scalar = scalar;
    }

    /// <summary>A single value broadcast to every position of an elementwise call, valid or masked as a whole.</summary>
    public static MaskedSegment<T> Broadcast(T scalar, bool valid) => new(scalar, valid);

    public int Length => Data.Length;

    /// <summary>The whole of a contiguous tensor (its data from its offset, its bitmap from its first element's bit).</summary>
    public static MaskedSegment<T> Of(MaskedTensor<T> contiguous)
        => contiguous._bitmap is null ? new(contiguous.ContiguousSpan, default, 0, false)
            : new(contiguous.ContiguousSpan, contiguous._bitmap.Bytes.Span, contiguous.MaskBitStart, true);

    /// <summary>Whether element <paramref name="index"/> is valid.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool IsValid(int index) => !HasMask || BitmapWords.Get(Bits, BitStart + index);

    /// <summary>Copies the validity of [start, start+count) to <paramref name="destination"/> at bit <paramref name="at"/>, a word at a time.</summary>
    public void CopyBitsTo(int start, int count, Span<byte> destination, long at)
    {
        for (int w = 0; w < count; w += 64)
        {
            int c = Math.Min(64, count - w);
            BitmapWords.Write(destination, at + w, Word(start + w, c), c);
        }
    }

    /// <summary>Elements [start, start+length) with their bits.</summary>
    public MaskedSegment<T> Slice(int start, int length) => new(Data.Slice(start, length), Bits, BitStart + start, HasMask);

    /// <summary>Validity word for elements [start, start+count) (bit k = element start+k; higher bits zero). Not for a scalar segment.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public ulong Word(int start, int count)
    {
        if (!HasMask) return BitmapWords.LowMask(count);
        return BitmapWords.Read(Bits, BitStart + start, count);
    }

    /// <summary>Validity of [start, start+count) for a short run (count ≤ 56, e.g. one vector's lanes): one unaligned load.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public ulong Lanes(int start, int count) => HasMask ? BitmapWords.ReadShort(Bits, BitStart + start, count) : BitmapWords.LowMask(count);

    public int ValidCount => HasMask ? BitmapWords.CountSet(Bits, BitStart, Data.Length) : Data.Length;

    /// <summary>Enumerates the indices of valid entries, 64 bits at a time.</summary>
    public ValidIndexEnumerator GetValidIndices() => new(this);

    /// <summary>Copies the valid values out (for order statistics).</summary>
    public T[] GatherValid()
    {
        var r = new T[ValidCount];
        int k = 0;
        foreach (int i in GetValidIndices()) r[k++] = Data[i];
        return r;
    }

    public ref struct ValidIndexEnumerator
    {
        private readonly MaskedSegment<T> _seg;
        private int _base;
        private ulong _word;
        private int _current;

        public ValidIndexEnumerator(MaskedSegment<T> seg)
        {
            _seg = seg;
            _base = -64;
            _word = 0;
            _current = -1;
        }

        public readonly int Current => _current;
        public readonly ValidIndexEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            while (_word == 0)
            {
                _base += 64;
                if (_base >= _seg.Length) return false;
                _word = _seg.Word(_base, Math.Min(64, _seg.Length - _base));
            }
            _current = _base + BitOperations.TrailingZeroCount(_word);
            _word &= _word - 1;
            return true;
        }
    }
}
