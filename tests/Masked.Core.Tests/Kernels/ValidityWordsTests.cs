using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Masked.Kernels;
using Xunit;

namespace Masked.Core.Tests.Kernels;

/// <summary>
/// <see cref="ValidityWords"/> reads whole words with one unaligned load: checked against <see cref="BitmapWords.Read"/>
/// at every bit phase, and the SIMD kernels that use it run on data and bitmaps that end exactly where a no-access
/// page begins (Linux and macOS), so a read past the last byte would fault instead of passing unnoticed.
/// </summary>
public class ValidityWordsTests
{
    /// <summary>Copies <paramref name="bytes"/> to native memory that ends at a no-access page (a plain copy elsewhere).</summary>
    private static unsafe ReadOnlySpan<byte> AtGuardPage(ReadOnlySpan<byte> bytes)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return bytes.ToArray();
        long page = Environment.SystemPageSize;
        long dataPages = Math.Max(1, (bytes.Length + page - 1) / page);
        int flags = OperatingSystem.IsLinux() ? 0x02 | 0x20 : 0x0002 | 0x1000; // MAP_PRIVATE | MAP_ANONYMOUS
        var p = Mmap(IntPtr.Zero, (nuint)((dataPages + 1) * page), 1 | 2, flags, -1, 0);
        Assert.NotEqual(new IntPtr(-1), p);
        byte* guard = (byte*)p + dataPages * page;
        Assert.Equal(0, Mprotect((IntPtr)guard, (nuint)page, 0));
        var span = new Span<byte>(guard - bytes.Length, bytes.Length);
        bytes.CopyTo(span);
        return span; // never unmapped: a few pages per test
    }

    private static ReadOnlySpan<T> AtGuardPage<T>(T[] values) where T : unmanaged
        => MemoryMarshal.Cast<byte, T>(AtGuardPage(MemoryMarshal.AsBytes(values.AsSpan())));

    [DllImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static extern IntPtr Mmap(IntPtr addr, nuint length, int prot, int flags, int fd, long offset);

    [DllImport("libc", EntryPoint = "mprotect", SetLastError = true)]
    private static extern int Mprotect(IntPtr addr, nuint length, int prot);

    [Fact]
    public void WordsMatchTheGeneralReaderAtEveryPhase()
    {
        var rng = new Random(3);
        foreach (int n in new[] { 64, 65, 127, 128, 200, 1000 })
            for (int phase = 0; phase < 16; phase++)
            {
                var bytes = new byte[(phase + n + 7) / 8]; // exactly as long as the bits need
                rng.NextBytes(bytes);
                var guarded = AtGuardPage(bytes);
                var seg = new MaskedSegment<float>(new float[n], guarded, phase, true);
                var words = ValidityWords.Of(seg);
                for (int i = 0; i + 64 <= n; i++)
                    Assert.Equal(BitmapWords.Read(bytes, phase + i, 64), words.Read64(i));
            }
    }

    [Fact]
    public void ABitmapShorterThanTheSegmentIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => ValidityWords.Of(new MaskedSegment<float>(new float[100], new byte[13], 5, true))); // 105 bits need 14 bytes
        Assert.Contains("does not cover", e.Message);
        Assert.False(ValidityWords.Of(new MaskedSegment<float>(new float[100], default, 0, false)).HasMask);
    }

    private static double Sum(int width, in MaskedSegment<float> s, out long c) => width switch
    {
        512 => SimdReductions.Sum<float, Vector512<float>, Simd512<float>>(s, out c),
        256 => SimdReductions.Sum<float, Vector256<float>, Simd256<float>>(s, out c),
        _ => SimdReductions.Sum<float, Vector128<float>, Simd128<float>>(s, out c),
    };

    private static (double, double) Moments(int width, in MaskedSegment<float> s, out long c) => width switch
    {
        512 => SimdReductions.ShiftedMoments<float, Vector512<float>, Simd512<float>>(s, 0.25f, out c),
        256 => SimdReductions.ShiftedMoments<float, Vector256<float>, Simd256<float>>(s, 0.25f, out c),
        _ => SimdReductions.ShiftedMoments<float, Vector128<float>, Simd128<float>>(s, 0.25f, out c),
    };

    private static void Rows(int width, in MaskedSegment<float> s, int k, int inner, double[] sums, long[] counts, bool exact)
    {
        switch (width)
        {
            case 512: OuterSumKernel.Rows<float, Vector512<float>, Simd512<float>>(s, 0, k, inner, 0, k, sums, counts, exact); break;
            case 256: OuterSumKernel.Rows<float, Vector256<float>, Simd256<float>>(s, 0, k, inner, 0, k, sums, counts, exact); break;
            default: OuterSumKernel.Rows<float, Vector128<float>, Simd128<float>>(s, 0, k, inner, 0, k, sums, counts, exact); break;
        }
    }

    /// <summary>Sum, moments and column sums at every width on data and exact-size bitmaps that end at a guard page; masked slots hold NaN/Inf.</summary>
    [Fact]
    public void KernelsStayInsideDataAndBitmapAtTheirEnds()
    {
        var rng = new Random(5);
        foreach (int n in new[] { 64, 128, 192, 1000, 4096 + 64 })
            foreach (int phase in new[] { 0, 1, 7 })
            {
                var values = new float[n];
                var valid = new bool[n];
                var bytes = new byte[(phase + n + 7) / 8];
                for (int i = 0; i < n; i++)
                {
                    valid[i] = rng.NextDouble() < 0.8;
                    values[i] = valid[i] ? (float)rng.NextDouble() : (i % 2 == 0 ? float.NaN : float.PositiveInfinity);
                    if (valid[i]) bytes[(phase + i) >> 3] |= (byte)(1 << ((phase + i) & 7));
                }
                var seg = new MaskedSegment<float>(AtGuardPage(values), AtGuardPage(bytes), phase, true);
                double s1 = 0, s2 = 0; long c = 0;
                for (int i = 0; i < n; i++) if (valid[i]) { s1 += values[i]; s2 += (values[i] - 0.25) * (values[i] - 0.25); c++; }
                foreach (int w in SimdKernelTests.Widths)
                {
                    Assert.Equal(s1, Sum(w, seg, out long sc), 1e-3);
                    Assert.Equal(c, sc);
                    var (m1, m2) = Moments(w, seg, out long mc);
                    Assert.Equal(s1 - 0.25 * c, m1, 1e-3);
                    Assert.Equal(s2, m2, 1e-3);
                    Assert.Equal(c, mc);
                    // The same bytes as 8, 16 or 32 rows of n/8.. columns.
                    foreach (int rows in new[] { 8, 16, 32 })
                    {
                        if (n % rows != 0) continue;
                        int inner = n / rows;
                        foreach (bool exact in new[] { true, false })
                        {
                            var sums = new double[inner]; var counts = new long[inner];
                            Rows(w, seg, rows, inner, sums, counts, exact);
                            for (int j = 0; j < inner; j++)
                            {
                                double rs = 0; long rc = 0;
                                for (int r = 0; r < rows; r++) if (valid[r * inner + j]) { rs += values[r * inner + j]; rc++; }
                                Assert.Equal(rs, sums[j], 1e-4);
                                if (exact) Assert.Equal(rc, counts[j]); else Assert.Equal(rc > 0, counts[j] > 0);
                            }
                        }
                    }
                }
            }
    }
}
