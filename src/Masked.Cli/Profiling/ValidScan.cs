using System.Numerics;

namespace Masked.Cli.Profiling;

/// <summary>Receives the valid entries of a tensor, in storage order, as doubles.</summary>
public interface IValidVisitor
{
    /// <summary>One valid entry at flat <paramref name="index"/>.</summary>
    void Visit(int index, double value);
}

/// <summary>Walks the valid entries of a contiguous masked tensor 64 at a time through its validity bitmap words.</summary>
public static class ValidScan
{
    /// <summary>Calls <paramref name="visitor"/> for every valid entry of <paramref name="t"/> (contiguous).</summary>
    public static void Run<T, TV>(MaskedTensor<T> t, ref TV visitor) where T : unmanaged, INumberBase<T> where TV : struct, IValidVisitor
    {
        if (!t.IsContiguous) throw new ArgumentException("ValidScan needs a contiguous tensor.", nameof(t));
        var data = t.Buffer.Span.Slice(t.ElementOffset, t.Length);
        var bitmap = t.Validity;
        if (bitmap is null)
        {
            for (int i = 0; i < data.Length; i++) visitor.Visit(i, double.CreateTruncating(data[i]));
            return;
        }
        var bits = bitmap.Bytes.Span;
        long bit0 = (long)bitmap.BitOffset + t.ElementOffset;
        for (int start = 0; start < data.Length; start += 64)
        {
            int count = Math.Min(64, data.Length - start);
            ulong word = BitWords.Read(bits, bit0 + start, count);
            if (count < 64) word &= (1UL << count) - 1;
            while (word != 0)
            {
                int k = BitOperations.TrailingZeroCount(word);
                word &= word - 1;
                visitor.Visit(start + k, double.CreateTruncating(data[start + k]));
            }
        }
    }
}
