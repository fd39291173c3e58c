using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Masked.Kernels;

/// <summary>Moves between 64 <c>bool</c> bytes and one 64-bit word (bit k = byte k is non-zero), without per-element branches.</summary>
internal static class BoolBits
{
    /// <summary>Entry b holds 8 bytes, byte k = bit k of b (0 or 1).</summary>
    private static readonly ulong[] s_expand = BuildExpand();

    private static ulong[] BuildExpand()
    {
        var t = new ulong[256];
        for (int b = 0; b < 256; b++)
            for (int k = 0; k < 8; k++)
                if ((b & (1 << k)) != 0) t[b] |= 1UL << (8 * k);
        return t;
    }

    /// <summary>Writes bit k of <paramref name="bits"/> as bool byte <paramref name="index"/> + k, for k in [0, 64).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Expand64(ulong bits, ref byte destination, nuint index)
    {
        ref ulong t = ref MemoryMarshal.GetArrayDataReference(s_expand);
        ref byte d = ref Unsafe.Add(ref destination, index);
        for (int k = 0; k < 8; k++)
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, 8 * k), Unsafe.Add(ref t, (nint)((bits >> (8 * k)) & 0xFF)));
    }

    /// <summary>The word whose bit k says whether byte <paramref name="index"/> + k is non-zero, for k in [0, 64).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Pack64(ref byte source, nuint index)
    {
        if (Vector512.IsHardwareAccelerated)
            return ~Vector512.Equals(Vector512.LoadUnsafe(ref source, index), Vector512<byte>.Zero).ExtractMostSignificantBits();
        if (Vector256.IsHardwareAccelerated)
        {
            ulong lo = ~Vector256.Equals(Vector256.LoadUnsafe(ref source, index), Vector256<byte>.Zero).ExtractMostSignificantBits();
            ulong hi = ~Vector256.Equals(Vector256.LoadUnsafe(ref source, index + 32), Vector256<byte>.Zero).ExtractMostSignificantBits();
            return (lo & 0xFFFF_FFFF) | (hi << 32);
        }
        if (Vector128.IsHardwareAccelerated)
        {
            ulong r = 0;
            for (int q = 0; q < 4; q++)
                r |= (ulong)(~Vector128.Equals(Vector128.LoadUnsafe(ref source, index + (nuint)(16 * q)), Vector128<byte>.Zero).ExtractMostSignificantBits() & 0xFFFF) << (16 * q);
            return r;
        }
        return Pack(ref source, index, 64);
    }

    /// <summary>
    /// Writes, for every element of <paramref name="values"/>, whether it is valid and equal to <paramref name="value"/>:
    /// 64 bool bytes packed into a word and combined with the validity word.
    /// </summary>
    public static void SelectValid(in MaskedSegment<bool> values, bool value, Span<byte> destination)
    {
        ref byte src = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(values.Data));
        int n = values.Length;
        for (int w = 0; w < n; w += 64)
        {
            int c = Math.Min(64, n - w);
            ulong set = c == 64 ? Pack64(ref src, (nuint)w) : Pack(ref src, (nuint)w, c);
            BitmapWords.Write(destination, w, values.Word(w, c) & (value ? set : ~set & BitmapWords.LowMask(c)), c);
        }
    }

    /// <summary>Like <see cref="Pack64"/> for <paramref name="count"/> (0..64) bytes, one by one.</summary>
    public static ulong Pack(ref byte source, nuint index, int count)
    {
        ulong r = 0;
        for (int k = 0; k < count; k++)
            if (Unsafe.Add(ref source, index + (nuint)k) != 0) r |= 1UL << k;
        return r;
    }
}
