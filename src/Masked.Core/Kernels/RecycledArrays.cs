namespace Masked.Kernels;

/// <summary>
/// Fresh result arrays for the elementwise kernels. Outside a recycling scope an array is simply allocated without
/// zeroing (the kernels overwrite it whole). Inside one — autograd's backward pass opens it — arrays born in the
/// scope can be handed back once nothing references them any more (an intermediate gradient after its node ran),
/// and later results of the same length reuse them instead of touching fresh pages; a small per-thread cache keeps
/// them (at most 8 arrays, 128 MB per thread and element type) for the next backward pass.
/// </summary>
internal static class RecycledArrays<T> where T : unmanaged
{
    /// <summary>Arrays kept per thread between uses (a chain of same-shaped gradients needs a few).</summary>
    private const int MaxCached = 8;

    /// <summary>Bytes kept per thread and element type between uses, at most.</summary>
    private const long MaxCachedBytes = 128L << 20;

    [ThreadStatic] private static int t_depth;
    [ThreadStatic] private static List<T[]>? t_free;
    [ThreadStatic] private static HashSet<T[]>? t_born;
    [ThreadStatic] private static long t_cachedBytes;

    private static long Bytes(T[] a) => (long)a.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();

    /// <summary>An array of <paramref name="length"/> elements with unspecified contents.</summary>
    public static T[] Rent(int length)
    {
        if (t_depth == 0 || length == 0) return GC.AllocateUninitializedArray<T>(length);
        T[]? a = null;
        var free = t_free;
        if (free is not null)
            for (int i = free.Count - 1; i >= 0; i--)
                if (free[i].Length == length) { a = free[i]; free.RemoveAt(i); t_cachedBytes -= Bytes(a); break; }
        a ??= GC.AllocateUninitializedArray<T>(length);
        (t_born ??= new HashSet<T[]>(ReferenceEqualityComparer.Instance)).Add(a);
        return a;
    }

    /// <summary>Opens a recycling scope on this thread (nestable); dispose it to close.</summary>
    public static Scope Enter()
    {
        t_depth++;
        return new Scope();
    }

    /// <summary>
    /// Hands back <paramref name="array"/> if it was rented in the open scope; the caller guarantees that nothing
    /// references it any more. Returns whether it was taken.
    /// </summary>
    public static bool Recycle(T[] array)
    {
        if (t_depth == 0 || t_born is null || !t_born.Remove(array)) return false;
        if (Bytes(array) > MaxCachedBytes) return true; // born here, no longer referenced: the GC takes it
        var free = t_free ??= new List<T[]>();
        while (free.Count > 0 && (free.Count >= MaxCached || t_cachedBytes + Bytes(array) > MaxCachedBytes))
        {
            t_cachedBytes -= Bytes(free[0]);
            free.RemoveAt(0);
        }
        free.Add(array);
        t_cachedBytes += Bytes(array);
        return true;
    }

    /// <summary>Whether <paramref name="array"/> was rented in the open scope and not handed back.</summary>
    public static bool IsScoped(T[] array) => t_depth > 0 && t_born is not null && t_born.Contains(array);

    /// <summary>Closes a recycling scope; the outermost close forgets which arrays were born in it (the cache stays).</summary>
    public readonly struct Scope : IDisposable
    {
        public void Dispose()
        {
            if (--t_depth == 0) t_born?.Clear();
        }
    }
}
