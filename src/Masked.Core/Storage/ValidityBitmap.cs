using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Masked;

/// <summary>
/// A validity bitmap laid out exactly like an Apache Arrow validity buffer: bit-packed, least
/// significant bit first, starting at <see cref="BitOffset"/>. Bit <c>BitOffset + i</c> set means
/// element <c>i</c> of the parallel data buffer is valid (specified).
/// </summary>
/// <remarks>
/// The bitmap wraps memory it may not own (for example an Arrow buffer); it never copies on
/// construction. A tensor without a bitmap is all-valid.
/// </remarks>
public sealed class ValidityBitmap
{
    private int _validCount = -1;

    /// <summary>Wraps <paramref name="bytes"/> as a bitmap of <paramref name="length"/> bits starting at bit <paramref name="bitOffset"/>. No copy is made.</summary>
    /// <exception cref="ArgumentException">The buffer is too short for <paramref name="bitOffset"/> + <paramref name="length"/> bits.</exception>
    public ValidityBitmap(Memory<byte> bytes, int bitOffset, int length) : this(bytes, bitOffset, length, null) { }

    /// <summary>
    /// Wraps <paramref name="bytes"/> without copying and keeps <paramref name="owner"/> alive as long as this bitmap
    /// (for memory whose lifetime another object manages, such as a retained Arrow buffer).
    /// </summary>
    public ValidityBitmap(Memory<byte> bytes, int bitOffset, int length, object? owner)
    {
        Owner = owner;
        ArgumentOutOfRangeException.ThrowIfNegative(bitOffset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        long needed = ((long)bitOffset + length + 7) / 8;
        if (bytes.Length < needed)
            ThrowHelper.ThrowArgument(
                $"Validity bitmap too short: {length} elements at bit offset {bitOffset} need {needed} bytes, the buffer has {bytes.Length}.",
                nameof(bytes));
        Bytes = bytes;
        BitOffset = bitOffset;
        Length = length;
    }

    /// <summary>The object that keeps <see cref="Bytes"/> alive, if the memory is not simply managed (for example an Arrow lease).</summary>
    public object? Owner { get; }

    /// <summary>The bitmap bytes (may be shared with an Arrow buffer).</summary>
    public Memory<byte> Bytes { get; }

    /// <summary>The bit at which element 0 starts (Arrow's array offset; any value, not only multiples of 8).</summary>
    public int BitOffset { get; }

    /// <summary>Number of elements this bitmap describes.</summary>
    public int Length { get; }

    /// <summary>Number of valid bits among the <see cref="Length"/> elements; computed once, then cached.</summary>
    public int ValidCount
    {
        get
        {
            if (_validCount < 0) _validCount = BitmapWords.CountSet(Bytes.Span, BitOffset, Length);
            return _validCount;
        }
    }

    /// <summary>Whether element <paramref name="index"/> is valid.</summary>
    public bool this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Length) ThrowHelper.ThrowOutOfRange(nameof(index), index, $"Bit {index} is outside the bitmap's {Length} entries.");
            return BitmapWords.Get(Bytes.Span, (long)BitOffset + index);
        }
    }

    /// <summary>Allocates a new bitmap of <paramref name="length"/> bits, all set to <paramref name="valid"/>.</summary>
    public static ValidityBitmap Allocate(int length, bool valid)
    {
        var bytes = new byte[BitmapWords.ByteCount(length)];
        if (valid) bytes.AsSpan().Fill(0xFF);
        var b = new ValidityBitmap(bytes, 0, length);
        b._validCount = valid ? length : 0;
        return b;
    }

    /// <summary>Packs a bool span into a new bitmap (a copy).</summary>
    public static ValidityBitmap FromBools(ReadOnlySpan<bool> valid)
    {
        var bytes = new byte[BitmapWords.ByteCount(valid.Length)];
        for (int i = 0; i < valid.Length; i++)
            if (valid[i]) bytes[i >> 3] |= (byte)(1 << (i & 7));
        return new ValidityBitmap(bytes, 0, valid.Length);
    }

    /// <summary>A view of <paramref name="length"/> bits starting at element <paramref name="start"/>; shares the bytes.</summary>
    public ValidityBitmap Slice(int start, int length)
    {
        if ((uint)start > (uint)Length || (uint)length > (uint)(Length - start))
            ThrowHelper.ThrowOutOfRange(nameof(start), start, $"Bitmap slice [{start}, {start + length}) is outside [0, {Length}).");
        return new ValidityBitmap(Bytes, BitOffset + start, length, Owner);
    }

    /// <summary>Forgets the cached count after the bits were rewritten.</summary>
    internal void InvalidateCount() => _validCount = -1;

    /// <summary>
    /// The mask of an operation's result that keeps its input's validity: a COPY of <paramref name="length"/> bits from
    /// <paramref name="bitOffset"/> (n/8 bytes, same bit phase so it is a plain byte copy). Results never alias an
    /// input's bitmap, so writing into a result (a destination op) can never change the input's mask.
    /// </summary>
    internal ValidityBitmap Rebase(long bitOffset, int length) => CopyBits(bitOffset, length);

    /// <summary>A copy of <paramref name="length"/> bits starting at <paramref name="bitOffset"/> into new memory.</summary>
    internal ValidityBitmap CopyBits(long bitOffset, int length)
    {
        int first = checked((int)(bitOffset >> 3));
        int phase = (int)(bitOffset & 7);
        int bytes = BitmapWords.ByteCount(phase + length);
        var copy = new byte[bytes];
        var src = Bytes.Span;
        src.Slice(first, Math.Min(bytes, src.Length - first)).CopyTo(copy);
        var r = new ValidityBitmap(copy, phase, length);
        if (bitOffset == BitOffset && length == Length && _validCount >= 0) r._validCount = _validCount;
        return r;
    }
}

/// <summary>Word-at-a-time helpers over LSB-first bitmaps with arbitrary bit offsets.</summary>
internal static class BitmapWords
{
    public static int ByteCount(int bits) => (int)(((long)bits + 7) >> 3);
    public static int WordCount(int bits) => (int)(((long)bits + 63) >> 6);

    /// <summary>A word with the low <paramref name="count"/> (0..64) bits set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong LowMask(int count) => count >= 64 ? ulong.MaxValue : (1UL << count) - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Get(ReadOnlySpan<byte> bytes, long bit) => (bytes[(int)(bit >> 3)] & (1 << (int)(bit & 7))) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Set(Span<byte> bytes, long bit, bool value)
    {
        ref byte b = ref bytes[(int)(bit >> 3)];
        byte m = (byte)(1 << (int)(bit & 7));
        b = value ? (byte)(b | m) : (byte)(b & ~m);
    }

    /// <summary>Reads <paramref name="count"/> (1..64) bits starting at <paramref name="bit"/>; higher bits of the result are zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Read(ReadOnlySpan<byte> bytes, long bit, int count)
    {
        int byteIndex = (int)(bit >> 3);
        int shift = (int)(bit & 7);
        ulong w;
        if (byteIndex + 9 <= bytes.Length)
        {
            w = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref MemoryMarshal.GetReference(bytes), byteIndex));
            if (shift != 0) w = (w >> shift) | ((ulong)Unsafe.Add(ref MemoryMarshal.GetReference(bytes), byteIndex + 8) << (64 - shift));
        }
        else
        {
            w = 0;
            int needBytes = (shift + count + 7) >> 3;
            for (int k = 0; k < needBytes && byteIndex + k < bytes.Length; k++)
            {
                int s = k * 8 - shift;
                ulong v = bytes[byteIndex + k];
                w |= s >= 0 ? (s < 64 ? v << s : 0) : v >> -s;
            }
        }
        return w & LowMask(count);
    }

    /// <summary>Reads <paramref name="count"/> (1..56) bits: one unaligned 8-byte load when the bytes allow, else <see cref="Read"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ReadShort(ReadOnlySpan<byte> bytes, long bit, int count)
    {
        int byteIndex = (int)(bit >> 3);
        if (byteIndex + 8 <= bytes.Length)
        {
            ulong w = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref MemoryMarshal.GetReference(bytes), byteIndex));
            return (w >> (int)(bit & 7)) & LowMask(count);
        }
        return Read(bytes, bit, count);
    }

    /// <summary>Number of set bits in [bit, bit+count).</summary>
    public static int CountSet(ReadOnlySpan<byte> bytes, long bit, int count)
    {
        int total = 0;
        int i = 0;
        // Align to a byte boundary, then count 64 bits at a time.
        while (i < count && ((bit + i) & 7) != 0) { if (Get(bytes, bit + i)) total++; i++; }
        int byteIndex = (int)((bit + i) >> 3);
        int fullWords = (count - i) >> 6;
        var words = MemoryMarshal.Cast<byte, ulong>(bytes.Slice(byteIndex, Math.Min(bytes.Length - byteIndex, fullWords * 8)));
        for (int w = 0; w < words.Length; w++) total += BitOperations.PopCount(words[w]);
        i += words.Length * 64;
        while (i < count) { int c = Math.Min(64, count - i); total += BitOperations.PopCount(Read(bytes, bit + i, c)); i += c; }
        return total;
    }

    /// <summary>Writes the low <paramref name="count"/> (1..64) bits of <paramref name="word"/> at <paramref name="bit"/>.</summary>
    public static void Write(Span<byte> bytes, long bit, ulong word, int count)
    {
        if ((bit & 7) == 0 && count == 64 && (bit >> 3) + 8 <= bytes.Length)
        {
            MemoryMarshal.Write(bytes.Slice((int)(bit >> 3)), in word);
            return;
        }
        for (int k = 0; k < count; k++) Set(bytes, bit + k, ((word >> k) & 1) != 0);
    }
}
