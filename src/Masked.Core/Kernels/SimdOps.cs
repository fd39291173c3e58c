using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Masked.Kernels;

/// <summary>
/// The vector operations the masked kernels need, over one vector width: kernels are written once, generic over
/// <typeparamref name="TVec"/> (<c>Vector512&lt;T&gt;</c>, <c>Vector256&lt;T&gt;</c> or <c>Vector128&lt;T&gt;</c>) and its
/// <see cref="ISimdOps{TVec,T}"/> struct, and the JIT compiles one specialized body per width (the role
/// <c>ISimdVector</c> plays inside System.Numerics.Tensors, which .NET 10 does not make public).
/// </summary>
internal interface ISimdOps<TVec, T> where TVec : struct where T : unmanaged
{
    /// <summary>Lanes per vector.</summary>
    static abstract int Count { get; }
    static abstract TVec Zero { get; }
    static abstract TVec Create(T value);
    static abstract TVec Load(ref T source, nuint index);
    static abstract void Store(TVec value, ref T destination, nuint index);
    static abstract TVec Add(TVec a, TVec b);
    static abstract TVec Subtract(TVec a, TVec b);
    static abstract TVec Multiply(TVec a, TVec b);
    /// <summary><c>a * b + c</c>, fused where the CPU has FMA (<c>MultiplyAddEstimate</c>: never emulated).</summary>
    static abstract TVec MultiplyAdd(TVec a, TVec b, TVec c);
    static abstract TVec And(TVec a, TVec b);
    /// <summary><paramref name="v"/> where <paramref name="laneMask"/> is all ones, else 0 (an AND, or a zeroing masked move with AVX-512).</summary>
    static abstract TVec Keep(TVec v, TVec laneMask);
    static abstract TVec Min(TVec a, TVec b);
    static abstract TVec Max(TVec a, TVec b);
    /// <summary>Lanes of <paramref name="a"/> where <paramref name="mask"/> is all ones, else of <paramref name="b"/>.</summary>
    static abstract TVec Select(TVec mask, TVec a, TVec b);
    static abstract TVec Equals(TVec a, TVec b);
    static abstract TVec NotEquals(TVec a, TVec b);
    static abstract TVec LessThan(TVec a, TVec b);
    static abstract TVec LessThanOrEqual(TVec a, TVec b);
    static abstract TVec GreaterThan(TVec a, TVec b);
    static abstract TVec GreaterThanOrEqual(TVec a, TVec b);
    /// <summary>Bit k = the sign bit of lane k (of a compare result: lane k is true).</summary>
    static abstract ulong MostSignificantBits(TVec v);
    static abstract T Element(TVec v, int lane);
    /// <summary>The lane sum, in double (float lanes are widened first).</summary>
    static abstract double SumToDouble(TVec v);
    static abstract T Sum(TVec v);
    /// <summary><c>e^x</c> per lane (float and double only).</summary>
    static abstract TVec Exp(TVec v);
    /// <summary>All-ones lanes where the low <see cref="Count"/> bits of <paramref name="bits"/> are set (bit k = lane k).</summary>
    static abstract TVec LaneMask(ulong bits);
    /// <summary><paramref name="counter"/> read as integers of the lane size, plus one in every lane <paramref name="laneMask"/> selects.</summary>
    static abstract TVec CountLanes(TVec counter, TVec laneMask);
    /// <summary><paramref name="acc"/> + <paramref name="v"/> in the lanes <paramref name="laneMask"/> selects, <paramref name="acc"/> elsewhere (a masked add at 512 bits; masked lanes of <paramref name="v"/> may hold NaN or ±Inf).</summary>
    static abstract TVec AddMasked(TVec acc, TVec v, TVec laneMask);
    /// <summary>Every lane (an integer of the lane size) holding <paramref name="bits"/>: the input of <see cref="MaskAt"/>, built once per 32 validity bits.</summary>
    static abstract TVec SpreadBits(uint bits);
    /// <summary>All-ones lanes where bit <paramref name="first"/> + k of <paramref name="spread"/> is set (lane k); <paramref name="first"/> + <see cref="Count"/> ≤ 32. One AND and one compare per vector.</summary>
    static abstract TVec MaskAt(TVec spread, int first);
}

/// <summary>Which vector width the kernels run at on this CPU: the widest one the runtime accelerates.</summary>
internal static class SimdWidth
{
    /// <summary>512, 256, 128, or 0 (no SIMD: scalar loops).</summary>
    public static int Bits => Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : Vector128.IsHardwareAccelerated ? 128 : 0;

    /// <summary>Whether the vector kernels support <typeparamref name="T"/> (the element types with vector compares and arithmetic).</summary>
    public static bool Supports<T>() => typeof(T) == typeof(float) || typeof(T) == typeof(double) || typeof(T) == typeof(int) || typeof(T) == typeof(long);
}

/// <summary>
/// Lane masks by table for the narrower widths (one load instead of broadcast, AND and compare): entry b of a table
/// for L lanes holds L lanes, lane k all ones where bit k of b is set. Vector512 builds its masks by compare (AVX-512
/// turns it into a mask-register test).
/// </summary>
internal static class LaneMaskTables
{
    /// <summary>256 entries × 8 int lanes (Vector256 of 4-byte elements).</summary>
    public static readonly int[] Int8 = Build32(8);
    /// <summary>16 entries × 4 int lanes (Vector128 of 4-byte elements).</summary>
    public static readonly int[] Int4 = Build32(4);
    /// <summary>16 entries × 4 long lanes (Vector256 of 8-byte elements).</summary>
    public static readonly long[] Long4 = Build64(4);
    /// <summary>4 entries × 2 long lanes (Vector128 of 8-byte elements).</summary>
    public static readonly long[] Long2 = Build64(2);

    /// <summary>Bit k in element k (k &lt; 32): the lane bits <c>MaskAt</c> tests, for lanes of 4 bytes.</summary>
    public static ReadOnlySpan<int> Bits32 =>
    [
        0x1, 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80, 0x100, 0x200, 0x400, 0x800, 0x1000, 0x2000, 0x4000, 0x8000,
        0x10000, 0x20000, 0x40000, 0x80000, 0x100000, 0x200000, 0x400000, 0x800000,
        0x1000000, 0x2000000, 0x4000000, 0x8000000, 0x10000000, 0x20000000, 0x40000000, unchecked((int)0x80000000),
    ];

    /// <summary>Bit k in element k (k &lt; 32): the lane bits <c>MaskAt</c> tests, for lanes of 8 bytes.</summary>
    public static ReadOnlySpan<long> Bits64 =>
    [
        0x1, 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80, 0x100, 0x200, 0x400, 0x800, 0x1000, 0x2000, 0x4000, 0x8000,
        0x10000, 0x20000, 0x40000, 0x80000, 0x100000, 0x200000, 0x400000, 0x800000,
        0x1000000, 0x2000000, 0x4000000, 0x8000000, 0x10000000, 0x20000000, 0x40000000, 0x80000000,
    ];

    private static int[] Build32(int lanes)
    {
        var t = new int[(1 << lanes) * lanes];
        for (int b = 0; b < 1 << lanes; b++)
            for (int k = 0; k < lanes; k++) t[b * lanes + k] = (b >> k & 1) != 0 ? -1 : 0;
        return t;
    }

    private static long[] Build64(int lanes)
    {
        var t = new long[(1 << lanes) * lanes];
        for (int b = 0; b < 1 << lanes; b++)
            for (int k = 0; k < lanes; k++) t[b * lanes + k] = (b >> k & 1) != 0 ? -1L : 0;
        return t;
    }
}

/// <summary><see cref="ISimdOps{TVec,T}"/> over <see cref="Vector512{T}"/>.</summary>
internal readonly struct Simd512<T> : ISimdOps<Vector512<T>, T> where T : unmanaged
{
    public static int Count => Vector512<T>.Count;
    public static Vector512<T> Zero => Vector512<T>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Create(T value) => Vector512.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Load(ref T source, nuint index) => Vector512.LoadUnsafe(ref source, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector512<T> value, ref T destination, nuint index) => value.StoreUnsafe(ref destination, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Add(Vector512<T> a, Vector512<T> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Subtract(Vector512<T> a, Vector512<T> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Multiply(Vector512<T> a, Vector512<T> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAdd(Vector512<T> a, Vector512<T> b, Vector512<T> c)
        => typeof(T) == typeof(float) ? Vector512.MultiplyAddEstimate(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>()
         : typeof(T) == typeof(double) ? Vector512.MultiplyAddEstimate(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>()
         : a * b + c;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> And(Vector512<T> a, Vector512<T> b) => a & b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Keep(Vector512<T> v, Vector512<T> laneMask) => Vector512.ConditionalSelect(laneMask, v, Vector512<T>.Zero);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Min(Vector512<T> a, Vector512<T> b) => Vector512.Min(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Max(Vector512<T> a, Vector512<T> b) => Vector512.Max(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Select(Vector512<T> mask, Vector512<T> a, Vector512<T> b) => Vector512.ConditionalSelect(mask, a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Equals(Vector512<T> a, Vector512<T> b) => Vector512.Equals(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> NotEquals(Vector512<T> a, Vector512<T> b) => ~Vector512.Equals(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> LessThan(Vector512<T> a, Vector512<T> b) => Vector512.LessThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> LessThanOrEqual(Vector512<T> a, Vector512<T> b) => Vector512.LessThanOrEqual(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> GreaterThan(Vector512<T> a, Vector512<T> b) => Vector512.GreaterThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> GreaterThanOrEqual(Vector512<T> a, Vector512<T> b) => Vector512.GreaterThanOrEqual(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong MostSignificantBits(Vector512<T> v) => v.ExtractMostSignificantBits();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Element(Vector512<T> v, int lane) => v.GetElement(lane);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Sum(Vector512<T> v) => Vector512.Sum(v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SumToDouble(Vector512<T> v)
    {
        if (typeof(T) == typeof(float))
        {
            var (lo, hi) = Vector512.Widen(v.As<T, float>());
            return Vector512.Sum(lo + hi);
        }
        return double.CreateTruncating(Vector512.Sum(v.As<T, double>()));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Exp(Vector512<T> v)
        => typeof(T) == typeof(float) ? Vector512.Exp(v.As<T, float>()).As<float, T>() : Vector512.Exp(v.As<T, double>()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> LaneMask(ulong bits)
    {
        if (Unsafe.SizeOf<T>() == 4)
        {
            var p = Vector512.Create(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768);
            return Vector512.Equals(Vector512.Create((int)bits) & p, p).As<int, T>();
        }
        var q = Vector512.Create(1L, 2, 4, 8, 16, 32, 64, 128);
        return Vector512.Equals(Vector512.Create((long)bits) & q, q).As<long, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> CountLanes(Vector512<T> counter, Vector512<T> laneMask)
        => Unsafe.SizeOf<T>() == 4 ? (counter.As<T, int>() - laneMask.As<T, int>()).As<int, T>() : (counter.As<T, long>() - laneMask.As<T, long>()).As<long, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> AddMasked(Vector512<T> acc, Vector512<T> v, Vector512<T> laneMask) => Vector512.ConditionalSelect(laneMask, acc + v, acc);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> SpreadBits(uint bits)
        => Unsafe.SizeOf<T>() == 4 ? Vector512.Create((int)bits).As<int, T>() : Vector512.Create((long)bits).As<long, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MaskAt(Vector512<T> spread, int first)
    {
        if (Unsafe.SizeOf<T>() == 4)
        {
            var p = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(LaneMaskTables.Bits32), (nuint)first);
            return Vector512.Equals(spread.As<T, int>() & p, p).As<int, T>();
        }
        var q = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(LaneMaskTables.Bits64), (nuint)first);
        return Vector512.Equals(spread.As<T, long>() & q, q).As<long, T>();
    }
}

/// <summary><see cref="ISimdOps{TVec,T}"/> over <see cref="Vector256{T}"/>.</summary>
internal readonly struct Simd256<T> : ISimdOps<Vector256<T>, T> where T : unmanaged
{
    public static int Count => Vector256<T>.Count;
    public static Vector256<T> Zero => Vector256<T>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Create(T value) => Vector256.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Load(ref T source, nuint index) => Vector256.LoadUnsafe(ref source, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector256<T> value, ref T destination, nuint index) => value.StoreUnsafe(ref destination, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Add(Vector256<T> a, Vector256<T> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Subtract(Vector256<T> a, Vector256<T> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Multiply(Vector256<T> a, Vector256<T> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MultiplyAdd(Vector256<T> a, Vector256<T> b, Vector256<T> c)
        => typeof(T) == typeof(float) ? Vector256.MultiplyAddEstimate(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>()
         : typeof(T) == typeof(double) ? Vector256.MultiplyAddEstimate(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>()
         : a * b + c;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<T> And(Vector256<T> a, Vector256<T> b) => a & b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Keep(Vector256<T> v, Vector256<T> laneMask) => v & laneMask;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Min(Vector256<T> a, Vector256<T> b) => Vector256.Min(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Max(Vector256<T> a, Vector256<T> b) => Vector256.Max(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Select(Vector256<T> mask, Vector256<T> a, Vector256<T> b) => Vector256.ConditionalSelect(mask, a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Equals(Vector256<T> a, Vector256<T> b) => Vector256.Equals(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<T> NotEquals(Vector256<T> a, Vector256<T> b) => ~Vector256.Equals(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<T> LessThan(Vector256<T> a, Vector256<T> b) => Vector256.LessThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<T> LessThanOrEqual(Vector256<T> a, Vector256<T> b) => Vector256.LessThanOrEqual(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<T> GreaterThan(Vector256<T> a, Vector256<T> b) => Vector256.GreaterThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<T> GreaterThanOrEqual(Vector256<T> a, Vector256<T> b) => Vector256.GreaterThanOrEqual(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong MostSignificantBits(Vector256<T> v) => v.ExtractMostSignificantBits();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Element(Vector256<T> v, int lane) => v.GetElement(lane);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Sum(Vector256<T> v) => Vector256.Sum(v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SumToDouble(Vector256<T> v)
    {
        if (typeof(T) == typeof(float))
        {
            var (lo, hi) = Vector256.Widen(v.As<T, float>());
            return Vector256.Sum(lo + hi);
        }
        return double.CreateTruncating(Vector256.Sum(v.As<T, double>()));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Exp(Vector256<T> v)
        => typeof(T) == typeof(float) ? Vector256.Exp(v.As<T, float>()).As<float, T>() : Vector256.Exp(v.As<T, double>()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> LaneMask(ulong bits)
    {
        if (Unsafe.SizeOf<T>() == 4)
            return Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(LaneMaskTables.Int8), (nuint)(bits & 0xFF) * 8).As<int, T>();
        return Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(LaneMaskTables.Long4), (nuint)(bits & 0xF) * 4).As<long, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> CountLanes(Vector256<T> counter, Vector256<T> laneMask)
        => Unsafe.SizeOf<T>() == 4 ? (counter.As<T, int>() - laneMask.As<T, int>()).As<int, T>() : (counter.As<T, long>() - laneMask.As<T, long>()).As<long, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> AddMasked(Vector256<T> acc, Vector256<T> v, Vector256<T> laneMask) => acc + (v & laneMask);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> SpreadBits(uint bits)
        => Unsafe.SizeOf<T>() == 4 ? Vector256.Create((int)bits).As<int, T>() : Vector256.Create((long)bits).As<long, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MaskAt(Vector256<T> spread, int first)
    {
        if (Unsafe.SizeOf<T>() == 4)
        {
            var p = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(LaneMaskTables.Bits32), (nuint)first);
            return Vector256.Equals(spread.As<T, int>() & p, p).As<int, T>();
        }
        var q = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(LaneMaskTables.Bits64), (nuint)first);
        return Vector256.Equals(spread.As<T, long>() & q, q).As<long, T>();
    }
}

/// <summary><see cref="ISimdOps{TVec,T}"/> over <see cref="Vector128{T}"/> (SSE on x64, AdvSimd on ARM64).</summary>
internal readonly struct Simd128<T> : ISimdOps<Vector128<T>, T> where T : unmanaged
{
    public static int Count => Vector128<T>.Count;
    public static Vector128<T> Zero => Vector128<T>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Create(T value) => Vector128.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Load(ref T source, nuint index) => Vector128.LoadUnsafe(ref source, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector128<T> value, ref T destination, nuint index) => value.StoreUnsafe(ref destination, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Add(Vector128<T> a, Vector128<T> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Subtract(Vector128<T> a, Vector128<T> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Multiply(Vector128<T> a, Vector128<T> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> MultiplyAdd(Vector128<T> a, Vector128<T> b, Vector128<T> c)
        => typeof(T) == typeof(float) ? Vector128.MultiplyAddEstimate(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>()
         : typeof(T) == typeof(double) ? Vector128.MultiplyAddEstimate(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>()
         : a * b + c;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> And(Vector128<T> a, Vector128<T> b) => a & b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Keep(Vector128<T> v, Vector128<T> laneMask) => v & laneMask;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Min(Vector128<T> a, Vector128<T> b) => Vector128.Min(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Max(Vector128<T> a, Vector128<T> b) => Vector128.Max(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Select(Vector128<T> mask, Vector128<T> a, Vector128<T> b) => Vector128.ConditionalSelect(mask, a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Equals(Vector128<T> a, Vector128<T> b) => Vector128.Equals(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> NotEquals(Vector128<T> a, Vector128<T> b) => ~Vector128.Equals(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> LessThan(Vector128<T> a, Vector128<T> b) => Vector128.LessThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> LessThanOrEqual(Vector128<T> a, Vector128<T> b) => Vector128.LessThanOrEqual(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> GreaterThan(Vector128<T> a, Vector128<T> b) => Vector128.GreaterThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> GreaterThanOrEqual(Vector128<T> a, Vector128<T> b) => Vector128.GreaterThanOrEqual(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong MostSignificantBits(Vector128<T> v) => v.ExtractMostSignificantBits();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Element(Vector128<T> v, int lane) => v.GetElement(lane);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Sum(Vector128<T> v) => Vector128.Sum(v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SumToDouble(Vector128<T> v)
    {
        if (typeof(T) == typeof(float))
        {
            var (lo, hi) = Vector128.Widen(v.As<T, float>());
            return Vector128.Sum(lo + hi);
        }
        return double.CreateTruncating(Vector128.Sum(v.As<T, double>()));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Exp(Vector128<T> v)
        => typeof(T) == typeof(float) ? Vector128.Exp(v.As<T, float>()).As<float, T>() : Vector128.Exp(v.As<T, double>()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> LaneMask(ulong bits)
    {
        if (Unsafe.SizeOf<T>() == 4)
            return Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(LaneMaskTables.Int4), (nuint)(bits & 0xF) * 4).As<int, T>();
        return Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(LaneMaskTables.Long2), (nuint)(bits & 0x3) * 2).As<long, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> CountLanes(Vector128<T> counter, Vector128<T> laneMask)
        => Unsafe.SizeOf<T>() == 4 ? (counter.As<T, int>() - laneMask.As<T, int>()).As<int, T>() : (counter.As<T, long>() - laneMask.As<T, long>()).As<long, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> AddMasked(Vector128<T> acc, Vector128<T> v, Vector128<T> laneMask) => acc + (v & laneMask);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> SpreadBits(uint bits)
        => Unsafe.SizeOf<T>() == 4 ? Vector128.Create((int)bits).As<int, T>() : Vector128.Create((long)bits).As<long, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> MaskAt(Vector128<T> spread, int first)
    {
        if (Unsafe.SizeOf<T>() == 4)
        {
            var p = Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(LaneMaskTables.Bits32), (nuint)first);
            return Vector128.Equals(spread.As<T, int>() & p, p).As<int, T>();
        }
        var q = Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(LaneMaskTables.Bits64), (nuint)first);
        return Vector128.Equals(spread.As<T, long>() & q, q).As<long, T>();
    }
}
