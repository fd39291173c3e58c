using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Masked.Kernels;

/// <summary>
/// A segment's validity bits read 64 at a time with the checks hoisted out of the kernel loops: the bitmap is checked
/// once to cover the segment, then a word is one unaligned 8-byte load (plus one byte when the bit is not at a byte
/// boundary). Only for words that lie inside the segment; tails go through <see cref="MaskedSegment{T}.Word"/>.
/// </summary>
internal readonly ref struct ValidityWords
{
    private readonly ref byte _first;
    private readonly int _phase;

    /// <summary>Whether the segment has a bitmap (without one every word is all ones).</summary>
    public readonly bool HasMask;

    private ValidityWords(ref byte first, int phase, bool hasMask)
    {
        _first = ref first; _phase = phase; HasMask = hasMask;
    }

    /// <summary>The reader of <paramref name="s"/>'s bits.</summary>
    /// <exception cref="ArgumentException">The bitmap is shorter than the segment's bits.</exception>
    public static ValidityWords Of<T>(in MaskedSegment<T> s) where T : unmanaged
    {
        if (!s.HasMask) return new ValidityWords(ref Unsafe.NullRef<byte>(), 0, false);
        long end = s.BitStart + s.Length;
        if (s.BitStart < 0 || (end + 7) >> 3 > s.Bits.Length)
            ThrowHelper.ThrowArgument($"Validity bitmap of {s.Bits.Length} bytes does not cover bits [{s.BitStart}, {end}).", nameof(s));
        ref byte b = ref MemoryMarshal.GetReference(s.Bits);
        return new ValidityWords(ref Unsafe.Add(ref b, (nint)(s.BitStart >> 3)), (int)(s.BitStart & 7), true);
    }

    /// <summary>Validity of elements [i, i + 64) (bit k = element i + k); requires i + 64 ≤ the segment length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Read64(long i)
    {
        if (!HasMask) return ulong.MaxValue;
        long bit = _phase + i;
        ref byte b = ref Unsafe.Add(ref _first, (nint)(bit >> 3));
        ulong w = Unsafe.ReadUnaligned<ulong>(ref b);
        int sh = (int)(bit & 7);
        if (sh != 0) w = (w >> sh) | ((ulong)Unsafe.Add(ref b, 8) << (64 - sh));
        return w;
    }
}
