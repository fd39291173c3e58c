using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Masked.Kernels;

/// <summary>Turns bits of a 64-bit validity word into SIMD lane masks (all-ones lanes where valid).</summary>
internal static class LaneMasks
{
    private static readonly Vector512<int> Bits16 = Vector512.Create(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768);
    private static readonly Vector512<long> Bits8 = Vector512.Create(1L, 2, 4, 8, 16, 32, 64, 128);

    /// <summary>The lane mask for group <paramref name="group"/> of a word (16 lanes of 4-byte elements, or 8 lanes of 8-byte elements).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Of<T>(ulong word, int group) where T : unmanaged
    {
        if (Unsafe.SizeOf<T>() == 4)
        {
            var b = Vector512.Create((int)(word >> (group * 16)));
            return Vector512.Equals(b & Bits16, Bits16).As<int, T>();
        }
        var l = Vector512.Create((long)(word >> (group * 8)));
        return Vector512.Equals(l & Bits8, Bits8).As<long, T>();
    }
}

