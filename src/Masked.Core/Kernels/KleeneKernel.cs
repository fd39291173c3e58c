using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Masked.Kernels;

/// <summary>
/// A three-valued (Kleene) logic operator on 64 entries at a time: bit k of each word is entry k. <c>da</c>/<c>db</c> hold the
/// values (garbage where the operand is masked), <c>ma</c>/<c>mb</c> the validity.
/// </summary>
internal interface IKleeneOperator
{
    /// <summary>The result values (read only where the result is valid).</summary>
    static abstract ulong Value(ulong da, ulong db);

    /// <summary>The result validity.</summary>
    static abstract ulong Validity(ulong da, ulong ma, ulong db, ulong mb);
}

/// <summary>SQL AND: false if either side is a valid false, true if both are valid trues, else missing.</summary>
internal struct KleeneAndOperator : IKleeneOperator
{
    public static ulong Value(ulong da, ulong db) => da & db;
    public static ulong Validity(ulong da, ulong ma, ulong db, ulong mb) => (ma & mb) | (ma & ~da) | (mb & ~db);
}

/// <summary>SQL OR: true if either side is a valid true, false if both are valid falses, else missing.</summary>
internal struct KleeneOrOperator : IKleeneOperator
{
    public static ulong Value(ulong da, ulong db) => da | db;
    public static ulong Validity(ulong da, ulong ma, ulong db, ulong mb) => (ma & mb) | (ma & da) | (mb & db);
}

/// <summary>
/// The Kleene logic kernel over same-shape contiguous bool operands: per 64-entry word, the values are packed to a word
/// (one SIMD compare), combined with the validity words by the operator's word rule, and the value word is spread back to
/// 64 bools (8 at a time through a table). No per-element branch, no bool[] mask.
/// </summary>
internal static class KleeneKernel
{
    /// <summary>Byte j of <c>Spread[b]</c> is bit j of b (0 or 1): 8 bools from one table load.</summary>
    private static readonly ulong[] Spread = BuildSpread();

    private static ulong[] BuildSpread()
    {
        var t = new ulong[256];
        for (int b = 0; b < 256; b++)
            for (int j = 0; j < 8; j++)
                if (((b >> j) & 1) != 0) t[b] |= 1UL << (8 * j);
        return t;
    }

    public static void Run<TOp>(in MaskedSegment<bool> a, in MaskedSegment<bool> b, Span<bool> destination, Span<byte> destinationBits, long destinationStart, int n)
        where TOp : IKleeneOperator
    {
        for (int i = 0; i < n; i += 64)
        {
            int c = Math.Min(64, n - i);
            ulong da = Pack(a.Data.Slice(i, c)), db = Pack(b.Data.Slice(i, c));
            ulong valid = TOp.Validity(da, a.Word(i, c), db, b.Word(i, c));
            Unpack(TOp.Value(da, db), destination.Slice(i, c));
            if (!destinationBits.IsEmpty) BitmapWords.Write(destinationBits, destinationStart + i, valid, c);
        }
    }

    /// <summary>Bit k set where bool k (of up to 64) is true (any non-zero byte).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Pack(ReadOnlySpan<bool> values)
    {
        var bytes = MemoryMarshal.AsBytes(values);
        if (bytes.Length == 64)
        {
            if (Vector512.IsHardwareAccelerated)
                return ~Vector512.Equals(Vector512.Create(bytes), Vector512<byte>.Zero).ExtractMostSignificantBits();
            if (Vector256.IsHardwareAccelerated)
            {
                ulong lo = Vector256.Equals(Vector256.Create(bytes), Vector256<byte>.Zero).ExtractMostSignificantBits();
                ulong hi = Vector256.Equals(Vector256.Create(bytes[32..]), Vector256<byte>.Zero).ExtractMostSignificantBits();
                return ~(lo | hi << 32);
            }
        }
        ulong w = 0;
        for (int k = 0; k < bytes.Length; k++) if (bytes[k] != 0) w |= 1UL << k;
        return w;
    }

    /// <summary>Lane k reads byte k / 8 of the word (the byte that holds bit k).</summary>
    private static readonly Vector512<byte> ByteOfBit = Vector512.Create(
        (byte)0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3,
        4, 4, 4, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 6, 7, 7, 7, 7, 7, 7, 7, 7);

    /// <summary>Lane k holds 1 &lt;&lt; (k % 8).</summary>
    private static readonly Vector512<byte> BitOfLane = Vector512.Create(
        (byte)1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128,
        1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128);

    /// <summary>Writes bit k of <paramref name="word"/> as bool k, for the span's length (up to 64).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Unpack(ulong word, Span<bool> destination)
    {
        var bytes = MemoryMarshal.AsBytes(destination);
        if (bytes.Length == 64 && Avx512Vbmi.IsSupported)
        {
            // 64 bools in four instructions: spread byte k/8 of the word to lane k, keep bit k%8, clamp to 0/1.
            var spread = Avx512Vbmi.PermuteVar64x8(Vector512.Create(word).AsByte(), ByteOfBit);
            Vector512.Min(spread & BitOfLane, Vector512<byte>.One).StoreUnsafe(ref MemoryMarshal.GetReference(bytes));
            return;
        }
        int k = 0;
        for (; k + 8 <= bytes.Length; k += 8)
            Unsafe.WriteUnaligned(ref bytes[k], Spread[(int)((word >> k) & 0xFF)]);
        for (; k < bytes.Length; k++) bytes[k] = (byte)((word >> k) & 1);
    }
}
