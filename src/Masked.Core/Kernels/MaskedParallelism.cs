namespace Masked;

/// <summary>How many threads the kernels may use for large tensors.</summary>
public static class MaskedParallelism
{
    private static int s_max = Environment.ProcessorCount;

    /// <summary>Upper bound on the threads one kernel call uses (default: the processor count; 1 = single-threaded).</summary>
    public static int MaxDegreeOfParallelism
    {
        get => s_max;
        set
        {
            if (value < 1) ThrowHelper.ThrowOutOfRange(nameof(value), value, "MaxDegreeOfParallelism must be at least 1.");
            s_max = value;
        }
    }

    /// <summary>Elements each thread should have at least before a kernel splits work (default 256K).</summary>
    public static int MinElementsPerThread { get; set; } = 1 << 18;

    /// <summary>The number of parts to split <paramref name="n"/> elements into.</summary>
    internal static int Parts(long n) => (int)Math.Clamp(n / Math.Max(1, MinElementsPerThread), 1, s_max);

    /// <summary>Runs <paramref name="body"/> over <paramref name="parts"/> contiguous ranges of [0, n), boundaries on multiples of 64.</summary>
    internal static void For(int n, int parts, Action<int, int, int> body)
    {
        if (parts <= 1) { body(0, 0, n); return; }
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, p =>
        {
            int lo = Boundary(n, parts, p), hi = Boundary(n, parts, p + 1);
            body(p, lo, hi);
        });
    }

    internal static int Boundary(int n, int parts, int p) => p >= parts ? n : (int)(((long)n * p / parts) & ~63L);

    /// <summary>
    /// Runs <paramref name="body"/>(part, lo, hi) over <paramref name="parts"/> contiguous ranges of [0, n) of near-equal
    /// size with any boundaries (rows of a row-wise kernel, which need no bitmap-word alignment); one call, no nesting.
    /// </summary>
    internal static void ForRows(int n, int parts, Action<int, int, int> body)
    {
        parts = Math.Clamp(Math.Min(parts, n), 1, Math.Max(1, s_max));
        if (parts <= 1) { body(0, 0, n); return; }
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts },
            p => body(p, (int)((long)n * p / parts), (int)((long)n * (p + 1) / parts)));
    }
}
