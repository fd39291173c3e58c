using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Masked.Kernels;

/// <summary>
/// Elementwise comparisons into <c>bool</c> data: per 64 elements, vector compares give their result bits
/// (<c>ExtractMostSignificantBits</c>), written out as bool bytes; at the widest accelerated width, one generic body.
/// A scalar operand is read from a 64-element block filled with it. Masked slots compare garbage; the result's
/// mask (computed by the caller) hides them.
/// </summary>
internal static class CompareKernel
{
    /// <summary>Writes <c>TOp(a[i], b[i])</c> for every i of <paramref name="destination"/>.</summary>
    public static void Run<T, TOp>(in MaskedSegment<T> a, in MaskedSegment<T> b, Span<bool> destination) where T : unmanaged where TOp : IBinaryPredicate<T>
    {
        if (TOp.Vectorized && SimdWidth.Supports<T>())
        {
            if (Vector512.IsHardwareAccelerated) { Run<T, Vector512<T>, Simd512<T>, TOp>(a, b, destination); return; }
            if (Vector256.IsHardwareAccelerated) { Run<T, Vector256<T>, Simd256<T>, TOp>(a, b, destination); return; }
            if (Vector128.IsHardwareAccelerated) { Run<T, Vector128<T>, Simd128<T>, TOp>(a, b, destination); return; }
        }
        Scalar<T, TOp>(a, b, destination, 0);
    }

    /// <summary><see cref="Run{T,TOp}"/> at one vector width.</summary>
    internal static void Run<T, TVec, TOps, TOp>(in MaskedSegment<T> a, in MaskedSegment<T> b, Span<bool> destination)
        where T : unmanaged where TVec : struct where TOps : ISimdOps<TVec, T> where TOp : IBinaryPredicate<T>
    {
        int n = destination.Length, lanes = TOps.Count, i = 0;
        Span<T> fillA = stackalloc T[a.IsScalar ? 64 : 0];
        Span<T> fillB = stackalloc T[b.IsScalar ? 64 : 0];
        fillA.Fill(a.Scalar);
        fillB.Fill(b.Scalar);
        // A scalar operand reads the same 64-element block every time (step 0).
        ref T pa = ref MemoryMarshal.GetReference(a.IsScalar ? fillA : a.Data);
        ref T pb = ref MemoryMarshal.GetReference(b.IsScalar ? fillB : b.Data);
        nuint stepA = a.IsScalar ? 0u : 64u, stepB = b.IsScalar ? 0u : 64u, oa = 0, ob = 0;
        ref byte pd = ref MemoryMarshal.GetReference(MemoryMarshal.AsBytes(destination));
        for (; i + 64 <= n; i += 64, oa += stepA, ob += stepB)
        {
            ulong bits = 0;
            for (int g = 0; g < 64; g += lanes)
                bits |= TOps.MostSignificantBits(TOp.Invoke<TVec, TOps>(TOps.Load(ref pa, oa + (nuint)g), TOps.Load(ref pb, ob + (nuint)g))) << g;
            BoolBits.Expand64(bits, ref pd, (nuint)i);
        }
        Scalar<T, TOp>(a, b, destination, i);
    }

    private static void Scalar<T, TOp>(in MaskedSegment<T> a, in MaskedSegment<T> b, Span<bool> destination, int from) where T : unmanaged where TOp : IBinaryPredicate<T>
    {
        for (int i = from; i < destination.Length; i++)
            destination[i] = TOp.Invoke(a.IsScalar ? a.Scalar : a.Data[i], b.IsScalar ? b.Scalar : b.Data[i]);
    }
}
