using System.Buffers.Binary;
using System.Numerics;

namespace Masked.Cli.Profiling;

/// <summary>Reads Arrow (LSB-first) validity bitmaps 64 bits at a time from any bit offset.</summary>
public static class BitWords
{
    /// <summary>Words needed for <paramref name="bits"/> bits.</summary>
    public static int WordCount(int bits) => (int)(((long)bits + 63) >> 6);

    /// <summary>The <paramref name="count"/> (≤ 64) bits starting at <paramref name="bit"/>, bit 0 first; higher bits zero.</summary>
    public static ulong Read(ReadOnlySpan<byte> bytes, long bit, int count)
    {
        if (count <= 0) return 0;
        int start = (int)(bit >> 3), shift = (int)(bit & 7);
        int need = (shift + count + 7) >> 3;
        ulong w;
        if (start + 8 <= bytes.Length) w = BinaryPrimitives.ReadUInt64LittleEndian(bytes.Slice(start)) >> shift;
        else
        {
            w = 0;
            for (int i = 0; i < Math.Min(8, need); i++) w |= (ulong)bytes[start + i] << (8 * i);
            w >>= shift;
        }
        if (need > 8) w |= (ulong)bytes[start + 8] << (64 - shift);
        return count == 64 ? w : w & ((1UL << count) - 1);
    }

    /// <summary>Set bits among the <paramref name="count"/> bits starting at <paramref name="bit"/>.</summary>
    public static int CountSet(ReadOnlySpan<byte> bytes, long bit, int count)
    {
        int c = 0;
        for (int done = 0; done < count; done += 64) c += BitOperations.PopCount(Read(bytes, bit + done, Math.Min(64, count - done)));
        return c;
    }
}
