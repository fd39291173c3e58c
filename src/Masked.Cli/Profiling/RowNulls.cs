using Apache.Arrow;

namespace Masked.Cli.Profiling;

/// <summary>Per-row null indicators of one column in one batch, as bit words (bit r set = row r holds a null).</summary>
public static class RowNulls
{
    /// <summary>Rows of a rows × width tensor with any masked entry.</summary>
    public static ulong[] Of<T>(MaskedTensor<T> t) where T : unmanaged
    {
        int rows = t.Shape[0], width = t.Length / Math.Max(1, rows);
        var words = new ulong[BitWords.WordCount(rows)];
        var bitmap = t.Validity;
        if (bitmap is null || t.ValidCount == t.Length) return words;
        var bits = bitmap.Bytes.Span;
        long bit0 = (long)bitmap.BitOffset + t.ElementOffset;
        if (width == 1) { Invert(bits, bit0, rows, words); return words; }
        for (int r = 0; r < rows; r++)
            if (BitWords.CountSet(bits, bit0 + (long)r * width, width) < width) words[r >> 6] |= 1UL << (r & 63);
        return words;
    }

    /// <summary>Null rows of any Arrow array, from its validity bitmap.</summary>
    public static ulong[] Of(IArrowArray array)
    {
        int rows = array.Length;
        var words = new ulong[BitWords.WordCount(rows)];
        if (array.NullCount == 0) return words;
        var data = array.Data;
        if (data.Buffers.Length == 0 || data.Buffers[0].IsEmpty)
        {
            System.Array.Fill(words, ulong.MaxValue); // a null-type column: every row is null
            if ((rows & 63) != 0) words[^1] = (1UL << (rows & 63)) - 1;
            return words;
        }
        Invert(data.Buffers[0].Span, data.Offset, rows, words);
        return words;
    }

    private static void Invert(ReadOnlySpan<byte> bits, long bit0, int rows, ulong[] words)
    {
        for (int w = 0; w < words.Length; w++)
        {
            int count = Math.Min(64, rows - w * 64);
            ulong valid = BitWords.Read(bits, bit0 + (long)w * 64, count);
            ulong all = count == 64 ? ulong.MaxValue : (1UL << count) - 1;
            words[w] = ~valid & all;
        }
    }
}
