using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Masked.Kernels;

/// <summary>
/// The data half of <c>where</c>: per 64 elements, the condition's bool bytes become a selection word (a vector
/// compare with 0) and the values are blended with vector selects at the widest accelerated width (one generic body).
/// </summary>
internal static class WhereKernel
{
    /// <summary>
    /// Writes <c>condition[k] ? a[k] : b[k]</c> for k in [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>)
    /// (<paramref name="count"/> ≤ 64) and returns the selection word (bit k = condition[start + k]).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Blend<T>(ReadOnlySpan<bool> condition, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination, int start, int count) where T : unmanaged
    {
        if (count == 64 && SimdWidth.Supports<T>())
        {
            if (Vector512.IsHardwareAccelerated) return Blend64<T, Vector512<T>, Simd512<T>>(condition, a, b, destination, start);
            if (Vector256.IsHardwareAccelerated) return Blend64<T, Vector256<T>, Simd256<T>>(condition, a, b, destination, start);
            if (Vector128.IsHardwareAccelerated) return Blend64<T, Vector128<T>, Simd128<T>>(condition, a, b, destination, start);
        }
        ulong sel = 0;
        for (int k = 0; k < count; k++)
        {
            bool t = condition[start + k];
            destination[start + k] = t ? a[start + k] : b[start + k];
            if (t) sel |= 1UL << k;
        }
        return sel;
    }

    /// <summary>One full 64-element block of <see cref="Blend{T}"/> at one vector width.</summary>
    internal static ulong Blend64<T, TVec, TOps>(ReadOnlySpan<bool> condition, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination, int start)
        where T : unmanaged where TVec : struct where TOps : ISimdOps<TVec, T>
    {
        if ((uint)start + 64 > (uint)destination.Length || a.Length < destination.Length || b.Length < destination.Length || condition.Length < destination.Length)
            ThrowHelper.ThrowOutOfRange(nameof(start), start, "The 64-element block does not fit the spans.");
        ulong sel = BoolBits.Pack64(ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(condition)), (nuint)start);
        ref T pa = ref MemoryMarshal.GetReference(a);
        ref T pb = ref MemoryMarshal.GetReference(b);
        ref T pd = ref MemoryMarshal.GetReference(destination);
        int lanes = TOps.Count;
        for (int g = 0; g < 64; g += lanes)
        {
            nuint o = (nuint)(start + g);
            TOps.Store(TOps.Select(TOps.LaneMask(sel >> g), TOps.Load(ref pa, o), TOps.Load(ref pb, o)), ref pd, o);
        }
        return sel;
    }
}
