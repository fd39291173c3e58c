namespace Masked;

/// <summary>Shapes, strides, dims and NumPy broadcasting.</summary>
internal static class ShapeMath
{
    public static string Format(ReadOnlySpan<int> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";

    public static int Numel(ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (int d in shape)
        {
            if (d < 0) ThrowHelper.ThrowArgument($"Shape {Format(shape)} has a negative dimension.", nameof(shape));
            n *= d;
            if (n > Array.MaxLength) ThrowHelper.ThrowArgument($"Shape {Format(shape)} has more than {Array.MaxLength} elements.", nameof(shape));
        }
        return (int)n;
    }

    public static int[] RowMajorStrides(ReadOnlySpan<int> shape)
    {
        var s = new int[shape.Length];
        int acc = 1;
        for (int i = shape.Length - 1; i >= 0; i--) { s[i] = acc; acc *= Math.Max(shape[i], 1); }
        return s;
    }

    public static bool IsRowMajor(ReadOnlySpan<int> shape, ReadOnlySpan<int> strides)
    {
        foreach (int d in shape) if (d == 0) return true; // an empty tensor is contiguous in any layout
        int acc = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            if (shape[i] == 1) continue;
            if (strides[i] != acc) return false;
            acc *= shape[i];
        }
        return true;
    }

    /// <summary>Normalizes a possibly negative dim into [0, rank).</summary>
    public static int NormalizeDim(int dim, int rank, string what = "dim")
    {
        int r = Math.Max(rank, 1);
        if (dim < -r || dim >= r)
            ThrowHelper.ThrowOutOfRange(what, dim, $"Dimension {dim} is out of range for a tensor of rank {rank} (expected {-r}..{r - 1}).");
        return dim < 0 ? dim + r : dim;
    }

    /// <summary>Normalizes a set of dims, rejecting duplicates; null means every dim.</summary>
    public static bool[] ReducedDims(ReadOnlySpan<int> dims, bool all, int rank)
    {
        var r = new bool[rank];
        if (all) { Array.Fill(r, true); return r; }
        foreach (int d in dims)
        {
            int n = rank == 0 ? NormalizeDim(d, 0) : NormalizeDim(d, rank);
            if (rank == 0) continue;
            if (r[n]) ThrowHelper.ThrowArgument($"Dimension {d} appears more than once in the reduction dims.", nameof(dims));
            r[n] = true;
        }
        return r;
    }

    public static int[] Broadcast(ReadOnlySpan<int> a, ReadOnlySpan<int> b, string paramName = "b")
    {
        int rank = Math.Max(a.Length, b.Length);
        var r = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            int db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
                ThrowHelper.ThrowArgument($"Shapes {Format(a)} and {Format(b)} cannot be broadcast together (dimension {i}: {da} vs {db}).", paramName);
            r[i] = da == 1 ? db : da;
        }
        return r;
    }

    public static bool SameShape(ReadOnlySpan<int> a, ReadOnlySpan<int> b) => a.SequenceEqual(b);
}
