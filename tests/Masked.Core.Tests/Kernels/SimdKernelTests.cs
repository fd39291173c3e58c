using System.Numerics;
using System.Runtime.Intrinsics;
using Masked.Kernels;
using Xunit;

namespace Masked.Core.Tests.Kernels;

/// <summary>
/// Every vector width of every SIMD kernel (Vector512, Vector256, Vector128 — each runs on any CPU, emulated where the
/// hardware lacks it) against a scalar reference, on lengths around the vector and word sizes and bitmap offsets that
/// are not byte-aligned, with garbage (NaN, ±Inf, huge values) in masked slots. CI also runs these under
/// DOTNET_EnableAVX512=0 and DOTNET_EnableAVX2=0, so the dispatching entry points take each path too.
/// </summary>
public class SimdKernelTests
{
    public static readonly int[] Widths = [512, 256, 128];
    private static readonly int[] Lengths = [0, 1, 2, 3, 4, 7, 8, 15, 16, 17, 31, 33, 63, 64, 65, 100, 127, 128, 129, 191, 1000, 1023, 4096, 4161, 9000];
    private static readonly int[] Offsets = [0, 1, 7, 13, 63];

    /// <summary>Data, bitmap bytes and bit offset for one case; masked slots hold garbage. rate = share of valid entries (or -1: no bitmap).</summary>
    private static (T[] data, byte[] bits, int offset, bool[] valid) Case<T>(Random rng, int n, int offset, double rate, Func<Random, T> value, T[] garbage)
    {
        var data = new T[n];
        var valid = new bool[n];
        var bits = new byte[(offset + n + 7) / 8 + 8];
        rng.NextBytes(bits); // bits outside [offset, offset + n) are noise too
        for (int i = 0; i < n; i++)
        {
            valid[i] = rate < 0 || rng.NextDouble() < rate;
            long b = offset + i;
            if (valid[i]) bits[b >> 3] |= (byte)(1 << (int)(b & 7)); else bits[b >> 3] &= (byte)~(1 << (int)(b & 7));
            data[i] = valid[i] ? value(rng) : garbage[rng.Next(garbage.Length)];
        }
        return (data, bits, offset, valid);
    }

    private static readonly float[] FloatGarbage = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 3e38f, -3e38f];
    private static readonly double[] DoubleGarbage = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e308, -1e308];

    public static IEnumerable<object[]> Rates() => new[] { -1.0, 0.0, 0.1, 0.5, 0.9, 1.0 }.Select(r => new object[] { r });

    private static IEnumerable<(int n, int offset)> Shapes() => from n in Lengths from o in Offsets select (n, o);

    private static double Sum<T>(int width, in MaskedSegment<T> s, out long count) where T : unmanaged, IFloatingPointIeee754<T> => width switch
    {
        512 => SimdReductions.Sum<T, Vector512<T>, Simd512<T>>(s, out count),
        256 => SimdReductions.Sum<T, Vector256<T>, Simd256<T>>(s, out count),
        _ => SimdReductions.Sum<T, Vector128<T>, Simd128<T>>(s, out count),
    };

    private static (double, double) Moments<T>(int width, in MaskedSegment<T> s, T shift, out long count) where T : unmanaged, IFloatingPointIeee754<T> => width switch
    {
        512 => SimdReductions.ShiftedMoments<T, Vector512<T>, Simd512<T>>(s, shift, out count),
        256 => SimdReductions.ShiftedMoments<T, Vector256<T>, Simd256<T>>(s, shift, out count),
        _ => SimdReductions.ShiftedMoments<T, Vector128<T>, Simd128<T>>(s, shift, out count),
    };

    private static int Arg<T>(int width, in MaskedSegment<T> s, bool max) where T : unmanaged, IFloatingPointIeee754<T> => width switch
    {
        512 => SimdReductions.ArgExtremum<T, Vector512<T>, Simd512<T>>(s, max),
        256 => SimdReductions.ArgExtremum<T, Vector256<T>, Simd256<T>>(s, max),
        _ => SimdReductions.ArgExtremum<T, Vector128<T>, Simd128<T>>(s, max),
    };

    [Theory]
    [MemberData(nameof(Rates))]
    public void SumAndMomentsMatchScalarAtEveryWidth(double rate)
    {
        var rng = new Random(11 + (int)(rate * 100));
        foreach (var (n, offset) in Shapes())
        {
            var (f, fb, _, valid) = Case(rng, n, offset, rate, r => (float)(r.NextDouble() * 4 - 1), FloatGarbage);
            var (d, db, _, _) = Case(new Random(n), n, offset, rate, r => r.NextDouble() * 4 - 1, DoubleGarbage);
            double refF = 0, refF2 = 0; long refC = 0;
            for (int i = 0; i < n; i++) if (valid[i]) { refF += f[i]; refF2 += (f[i] - 0.5) * (f[i] - 0.5); refC++; }
            foreach (int w in Widths)
            {
                var sf = new MaskedSegment<float>(f, fb, offset, rate >= 0);
                double got = Sum(w, sf, out long c);
                Assert.Equal(refC, c);
                Assert.True(Math.Abs(got - refF) <= 1e-4 * (1 + Math.Abs(refF)), $"float sum w={w} n={n} off={offset}: {got} vs {refF}");
                var (m1, m2) = Moments(w, sf, 0.5f, out long mc);
                Assert.Equal(refC, mc);
                Assert.True(Math.Abs(m1 - (refF - 0.5 * refC)) <= 1e-3 * (1 + refC), $"moment1 w={w} n={n}");
                Assert.True(Math.Abs(m2 - refF2) <= 1e-4 * (1 + refF2), $"moment2 w={w} n={n}: {m2} vs {refF2}");

                var dvalid = new bool[n];
                double refD = 0; long refDc = 0;
                var sd = new MaskedSegment<double>(d, db, offset, rate >= 0);
                foreach (int i in sd.GetValidIndices()) { refD += d[i]; refDc++; }
                double gotD = Sum(w, sd, out long cd);
                Assert.Equal(refDc, cd);
                Assert.True(Math.Abs(gotD - refD) <= 1e-12 * (1 + Math.Abs(refD)) * Math.Max(1, n), $"double sum w={w} n={n} off={offset}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Rates))]
    public void ArgExtremumMatchesScalarAtEveryWidth(double rate)
    {
        var rng = new Random(21 + (int)(rate * 100));
        foreach (var (n, offset) in Shapes().Concat([(2 * SimdReductions.ArgChunk + 70, 5), (3 * SimdReductions.ArgChunk, 0)]))
        {
            // Few distinct values: ties are common and the first one must win.
            var (f, fb, _, valid) = Case(rng, n, offset, rate, r => (float)r.Next(-20, 21), FloatGarbage);
            int variant = rng.Next(4);
            if (n > 0 && variant == 1) { int last = Array.LastIndexOf(valid, true); if (last >= 0) f[last] = 1000; }   // the extreme at the end
            if (n > 0 && variant == 2) { int k = rng.Next(n); if (valid[k]) f[k] = float.NaN; }                      // a valid NaN wins
            foreach (bool max in new[] { true, false })
            {
                int expected = -1;
                for (int i = 0; i < n; i++)
                {
                    if (!valid[i]) continue;
                    if (float.IsNaN(f[i])) { expected = i; break; }
                    if (expected < 0 || (max ? f[i] > f[expected] : f[i] < f[expected])) expected = i;
                }
                foreach (int w in Widths)
                    Assert.True(expected == Arg(w, new MaskedSegment<float>(f, fb, offset, rate >= 0), max), $"arg{(max ? "max" : "min")} w={w} n={n} off={offset} rate={rate}");
                var d = Array.ConvertAll(f, x => (double)x);
                foreach (int w in Widths)
                    Assert.Equal(expected, Arg(w, new MaskedSegment<double>(d, fb, offset, rate >= 0), max));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Rates))]
    public void OuterSumRowsMatchScalarAtEveryWidth(double rate)
    {
        var rng = new Random(31 + (int)(rate * 100));
        foreach (int inner in new[] { 1, 3, 16, 17, 33, 64, 100, 129 })
            foreach (int offset in new[] { 0, 3 })
                foreach (int k in new[] { 129, 130, 131, 132 }) // four rows per pass, then 1, 2, 3 or 0 left over; over 64: the accumulators flush
                {
                    var (f, fb, _, valid) = Case(rng, k * inner, offset, rate, r => (float)(r.NextDouble() * 2 - 1), FloatGarbage);
                    var refSum = new double[inner]; var refCount = new long[inner];
                    for (int r = 0; r < k; r++)
                        for (int j = 0; j < inner; j++)
                            if (valid[r * inner + j]) { refSum[j] += f[r * inner + j]; refCount[j]++; }
                    foreach (int w in Widths)
                        foreach (bool exact in new[] { true, false })
                        {
                            var sums = new double[inner]; var counts = new long[inner];
                            var seg = new MaskedSegment<float>(f, fb, offset, rate >= 0);
                            switch (w)
                            {
                                case 512: OuterSumKernel.Rows<float, Vector512<float>, Simd512<float>>(seg, 0, k, inner, 0, k, sums, counts, exact); break;
                                case 256: OuterSumKernel.Rows<float, Vector256<float>, Simd256<float>>(seg, 0, k, inner, 0, k, sums, counts, exact); break;
                                default: OuterSumKernel.Rows<float, Vector128<float>, Simd128<float>>(seg, 0, k, inner, 0, k, sums, counts, exact); break;
                            }
                            // Without exact counts a count only says whether the column has a valid entry.
                            if (exact) Assert.Equal(refCount, counts);
                            else Assert.Equal(refCount.Select(c => c > 0), counts.Select(c => c > 0));
                            for (int j = 0; j < inner; j++) Assert.True(Math.Abs(sums[j] - refSum[j]) < 1e-4, $"w={w} inner={inner} col={j}");
                        }
                }
    }

    [Theory]
    [MemberData(nameof(Rates))]
    public void SoftmaxRowsMatchScalarAtEveryWidth(double rate)
    {
        var rng = new Random(41 + (int)(rate * 100));
        foreach (int k in new[] { 2, 3, 4, 5, 8, 9, 15, 16, 17, 31, 33, 100 })
            foreach (int offset in new[] { 0, 5 })
                foreach (double scale in new[] { 3.0, 300.0 }) // 300: exp overflows, the max-shifted form runs
                    foreach (bool log in new[] { false, true })
                    {
                        var (x, xb, _, valid) = Case(rng, k, offset, rate, r => (float)((r.NextDouble() * 2 - 1) * scale), FloatGarbage);
                        double max = double.NegativeInfinity, sum = 0;
                        for (int j = 0; j < k; j++) if (valid[j]) max = Math.Max(max, x[j]);
                        for (int j = 0; j < k; j++) if (valid[j]) sum += Math.Exp(x[j] - max);
                        foreach (int w in Widths)
                        {
                            int lanes = w / 32;
                            if (k < lanes) continue; // rows shorter than a vector take the scalar row
                            var y = new float[k];
                            var seg = new MaskedSegment<float>(x, xb, offset, rate >= 0);
                            switch (w)
                            {
                                case 512: SoftmaxKernel.WideRow<float, Vector512<float>, Simd512<float>>(seg, y, log); break;
                                case 256: SoftmaxKernel.WideRow<float, Vector256<float>, Simd256<float>>(seg, y, log); break;
                                default: SoftmaxKernel.WideRow<float, Vector128<float>, Simd128<float>>(seg, y, log); break;
                            }
                            for (int j = 0; j < k; j++)
                            {
                                if (!valid[j]) continue;
                                double expected = log ? x[j] - max - Math.Log(sum) : Math.Exp(x[j] - max) / sum;
                                Assert.True(Math.Abs(y[j] - expected) <= 1e-5 * (1 + Math.Abs(expected)), $"w={w} k={k} log={log} j={j}: {y[j]} vs {expected}");
                            }
                        }
                    }
    }

    private static void Compare<T, TOp>(T[] a, T[] b, bool scalarB, Func<T, T, bool> reference) where T : unmanaged where TOp : IBinaryPredicate<T>
    {
        var oa = new MaskedSegment<T>(a, default, 0, false);
        var ob = scalarB ? MaskedSegment<T>.Broadcast(b[0], true) : new MaskedSegment<T>(b, default, 0, false);
        foreach (int w in Widths)
        {
            var dst = new bool[a.Length];
            switch (w)
            {
                case 512: CompareKernel.Run<T, Vector512<T>, Simd512<T>, TOp>(oa, ob, dst); break;
                case 256: CompareKernel.Run<T, Vector256<T>, Simd256<T>, TOp>(oa, ob, dst); break;
                default: CompareKernel.Run<T, Vector128<T>, Simd128<T>, TOp>(oa, ob, dst); break;
            }
            for (int i = 0; i < a.Length; i++)
                Assert.True(reference(a[i], scalarB ? b[0] : b[i]) == dst[i], $"{typeof(TOp).Name} w={w} n={a.Length} i={i}");
        }
    }

    [Fact]
    public void ComparisonsMatchScalarAtEveryWidth()
    {
        var rng = new Random(5);
        foreach (int n in Lengths)
            foreach (bool scalarB in new[] { false, true })
            {
                var fa = Enumerable.Range(0, n).Select(_ => rng.Next(8) == 0 ? float.NaN : rng.Next(-3, 4)).ToArray();
                var fb = Enumerable.Range(0, Math.Max(n, 1)).Select(_ => (float)rng.Next(-3, 4)).ToArray();
                Compare<float, GtOp<float>>(fa, fb, scalarB, (x, y) => x > y);
                Compare<float, LeOp<float>>(fa, fb, scalarB, (x, y) => x <= y);
                Compare<float, NeOp<float>>(fa, fb, scalarB, (x, y) => x != y);
                var da = Array.ConvertAll(fa, x => (double)x); var dbv = Array.ConvertAll(fb, x => (double)x);
                Compare<double, EqOp<double>>(da, dbv, scalarB, (x, y) => x == y);
                Compare<double, GeOp<double>>(da, dbv, scalarB, (x, y) => x >= y);
                var ia = Enumerable.Range(0, n).Select(_ => rng.Next(-3, 4) * (rng.Next(9) == 0 ? int.MaxValue : 1)).ToArray();
                var ib = Enumerable.Range(0, Math.Max(n, 1)).Select(_ => rng.Next(-3, 4)).ToArray();
                Compare<int, LtOp<int>>(ia, ib, scalarB, (x, y) => x < y);
                Compare<int, EqOp<int>>(ia, ib, scalarB, (x, y) => x == y);
                var la = Array.ConvertAll(ia, x => (long)x * 3_000_000_000L); var lb = Array.ConvertAll(ib, x => (long)x * 3_000_000_000L);
                Compare<long, GtOp<long>>(la, lb, scalarB, (x, y) => x > y);
            }
    }

    [Fact]
    public void WhereBlendMatchesScalarAtEveryWidth()
    {
        var rng = new Random(6);
        foreach (int start in new[] { 0, 64, 128 })
        {
            int n = start + 64 + 7;
            var cond = Enumerable.Range(0, n).Select(_ => rng.Next(2) == 0).ToArray();
            var a = Enumerable.Range(0, n).Select(i => (float)i).ToArray();
            var b = Enumerable.Range(0, n).Select(i => (float)-i).ToArray();
            var da = Array.ConvertAll(a, x => (double)x); var db = Array.ConvertAll(b, x => (double)x);
            ulong expected = 0;
            for (int k = 0; k < 64; k++) if (cond[start + k]) expected |= 1UL << k;
            foreach (int w in Widths)
            {
                var dst = new float[n]; var dd = new double[n];
                ulong sel = w switch
                {
                    512 => WhereKernel.Blend64<float, Vector512<float>, Simd512<float>>(cond, a, b, dst, start),
                    256 => WhereKernel.Blend64<float, Vector256<float>, Simd256<float>>(cond, a, b, dst, start),
                    _ => WhereKernel.Blend64<float, Vector128<float>, Simd128<float>>(cond, a, b, dst, start),
                };
                ulong seld = w switch
                {
                    512 => WhereKernel.Blend64<double, Vector512<double>, Simd512<double>>(cond, da, db, dd, start),
                    256 => WhereKernel.Blend64<double, Vector256<double>, Simd256<double>>(cond, da, db, dd, start),
                    _ => WhereKernel.Blend64<double, Vector128<double>, Simd128<double>>(cond, da, db, dd, start),
                };
                Assert.Equal(expected, sel);
                Assert.Equal(expected, seld);
                for (int k = start; k < start + 64; k++)
                {
                    Assert.Equal(cond[k] ? a[k] : b[k], dst[k]);
                    Assert.Equal(cond[k] ? da[k] : db[k], dd[k]);
                }
            }
        }
    }

    [Fact]
    public void PublicComparisonsAndWhereMatchScalarReference()
    {
        // Through the public API at whatever width this process runs (CI repeats it under each configuration).
        var rng = new Random(7);
        foreach (int n in new[] { 1, 63, 64, 65, 200, 1000 })
        {
            var data = Enumerable.Range(0, n).Select(_ => (float)rng.Next(-5, 6)).ToArray();
            var other = Enumerable.Range(0, n).Select(_ => (float)rng.Next(-5, 6)).ToArray();
            var valid = Enumerable.Range(0, n).Select(_ => rng.Next(10) != 0).ToArray();
            var a = MaskedTensor.Create(data, valid, n);
            var b = MaskedTensor.FromArray(other, n);
            var gt = a.Gt(0f);
            var gtData = gt.ToArray(); var gtMask = gt.MaskToBools();
            var w = MaskedTensor.Where(gt, a, b);
            var wd = w.ToArray(); var wm = w.MaskToBools();
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(valid[i], gtMask[i]);
                if (valid[i]) Assert.Equal(data[i] > 0, gtData[i]);
                Assert.Equal(valid[i], wm[i]); // condition valid; where it is true a (valid) is taken, else b (all valid)
                if (valid[i]) Assert.Equal(data[i] > 0 ? data[i] : other[i], wd[i]);
            }
            double expected = 0;
            for (int i = 0; i < n; i++) if (valid[i]) expected += data[i] > 0 ? data[i] : other[i];
            Assert.Equal(expected, w.Sum().Item(), 3);
        }
    }

    [Fact]
    public void FreshResultsOfAllNullChunksAreWrittenWhole()
    {
        // A fresh buffer comes uninitialized; chunks the kernel skips (nothing valid) must still be written.
        int n = 3 * ElementwiseKernel.Chunk;
        var valid = new bool[n];
        for (int i = 2 * ElementwiseKernel.Chunk; i < n; i++) valid[i] = true;
        var x = MaskedTensor.Create(Enumerable.Repeat(1f, n).ToArray(), valid, n);
        for (int round = 0; round < 3; round++)
        {
            var y = x.Exp().ToArray();
            for (int i = 0; i < 2 * ElementwiseKernel.Chunk; i++) Assert.Equal(0f, y[i]);
            for (int i = 2 * ElementwiseKernel.Chunk; i < n; i++) Assert.Equal(MathF.E, y[i], 5);
        }
    }

    [Fact]
    public void ReportsTheWidthItRuns()
    {
        int expected = Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : Vector128.IsHardwareAccelerated ? 128 : 0;
        Assert.Equal(expected, SimdWidth.Bits);
        var env = Environment.GetEnvironmentVariable("DOTNET_EnableAVX2");
        if (env == "0") Assert.NotEqual(256, SimdWidth.Bits); // the switch CI uses to force the Vector128 path took effect
        if (env == "0") Assert.NotEqual(512, SimdWidth.Bits);
        if (Environment.GetEnvironmentVariable("DOTNET_EnableAVX512") == "0") Assert.NotEqual(512, SimdWidth.Bits);
    }
}
