using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Microsoft.ML.Data;

namespace Masked.ML.Mapping;

/// <summary>
/// The per-row work of the saved row mappings, on the row's spans: an entry is valid when it is not NaN and its mask
/// entry (when the mask is not empty) is true. Allocation-free; thread-safe (no state).
/// </summary>
internal static class RowKernels
{
    /// <summary>The values of a buffer as a dense span (a copy only for sparse buffers).</summary>
    public static ReadOnlySpan<T> Dense<T>(VBuffer<T> b) => b.IsDense ? b.GetValues() : b.DenseValues().ToArray();

    public static void Map<T>(ReadOnlySpan<T> x, ReadOnlySpan<bool> m, ReadOnlySpan<double> p, Span<T> y, Span<T> w) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = x.Length;
        if (n > y.Length) throw new InvalidOperationException($"Row has {n} values; the masked component was fitted for at most {y.Length}.");
        if (m.Length != 0 && m.Length != n) throw new InvalidOperationException($"Mask has {m.Length} entries; the row has {n} values.");
        if (p.Length == 0) throw new InvalidOperationException("Masked row mapping without parameters: the model is damaged.");
        var ys = y[..n];
        Span<bool> vs = n <= 1024 ? stackalloc bool[n] : new bool[n];
        Validity(x, m, vs);
        if (!w.IsEmpty)
        {
            var ws = w[..n];
            for (int j = 0; j < n; j++) ws[j] = vs[j] ? T.NaN : T.Zero;
            w[n..].Clear();
        }
        if (p[0] == RowMappingNames.OpApply)
        {
            for (int j = 0; j < n; j++) ys[j] = vs[j] ? x[j] : T.NaN;
        }
        else if (p[0] == RowMappingNames.OpSoftmax)
        {
            T fill = T.CreateTruncating(p[1]);
            T max = T.NegativeInfinity;
            bool any = false;
            for (int j = 0; j < n; j++) if (vs[j]) { any = true; if (x[j] > max) max = x[j]; }
            if (!any || !T.IsFinite(max)) { ys.Fill(fill); if (any) Softmax_NonFinite(x, vs, ys, fill); }
            else
            {
                for (int j = 0; j < n; j++) ys[j] = vs[j] ? x[j] - max : T.NegativeInfinity;
                TensorPrimitives.Exp(ys, ys);
                T sum = TensorPrimitives.Sum<T>(ys);
                for (int j = 0; j < n; j++) ys[j] = vs[j] ? ys[j] / sum : fill;
            }
        }
        else throw new InvalidOperationException($"Unknown masked row operation {p[0]}: the model was saved by a newer Masked.ML.");
        y[n..].Clear();
    }

    /// <summary>Y = valid ? X : NaN (valid = not NaN and, when the mask is not empty, its entry true); padding cleared.
    /// Branch-free (masks are unpredictable per slot).</summary>
    public static void ApplyMask<T>(ReadOnlySpan<T> x, ReadOnlySpan<bool> m, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = CheckRow(x, m, y);
        var ys = y[..n];
        if (m.IsEmpty) x.CopyTo(ys);
        else if (typeof(T) == typeof(float)) Select(Bits32(x), MemoryMarshal.AsBytes(m), Bits32(x), FloatNaN, Bits32(ys), checkNaN: false, FloatInfinity);
        else if (typeof(T) == typeof(double)) Select(Bits64(x), MemoryMarshal.AsBytes(m), Bits64(x), DoubleNaN, Bits64(ys), checkNaN: false, DoubleInfinity);
        else for (int j = 0; j < ys.Length; j++) ys[j] = m[j] ? x[j] : T.NaN;
        y[n..].Clear();
    }

    private const uint FloatNaN = 0x7FC00000u, FloatInfinity = 0x7F800000u, FloatNegativeInfinity = 0xFF800000u;
    private const ulong DoubleNaN = 0x7FF8000000000000ul, DoubleInfinity = 0x7FF0000000000000ul, DoubleNegativeInfinity = 0xFFF0000000000000ul;

    private static ReadOnlySpan<uint> Bits32<T>(ReadOnlySpan<T> v) where T : unmanaged => MemoryMarshal.Cast<T, uint>(v);
    private static Span<uint> Bits32<T>(Span<T> v) where T : unmanaged => MemoryMarshal.Cast<T, uint>(v);
    private static ReadOnlySpan<ulong> Bits64<T>(ReadOnlySpan<T> v) where T : unmanaged => MemoryMarshal.Cast<T, ulong>(v);
    private static Span<ulong> Bits64<T>(Span<T> v) where T : unmanaged => MemoryMarshal.Cast<T, ulong>(v);

    /// <summary>
    /// y[j] = keep ? a[j] : b on the bit patterns, keep = (m is empty or m[j] != 0) and (unless <paramref name="checkNaN"/> is
    /// false) x[j] is not NaN (exponent all ones, mantissa not 0). Without branches: Vector128 lanes where accelerated (the
    /// mask's bool bytes widened to lane masks), then a scalar tail. <paramref name="a"/> may be <paramref name="y"/>.
    /// </summary>
    private static void Select<TBits>(ReadOnlySpan<TBits> x, ReadOnlySpan<byte> m, ReadOnlySpan<TBits> a, TBits b, Span<TBits> y, bool checkNaN, TBits infinity)
        where TBits : unmanaged, IBinaryInteger<TBits>, IUnsignedNumber<TBits>
    {
        int n = y.Length, j = 0;
        if (x.Length < n || a.Length < n || (!m.IsEmpty && m.Length < n)) throw new ArgumentException("Row spans shorter than the output.");
        TBits abs = ~(TBits.One << (Unsafe.SizeOf<TBits>() * 8 - 1));
        if (Vector128.IsHardwareAccelerated && n >= Vector128<TBits>.Count)
        {
            var vb = Vector128.Create(b);
            var vabs = Vector128.Create(abs);
            var vinf = Vector128.Create(infinity);
            ref TBits rx = ref MemoryMarshal.GetReference(x);
            ref TBits ra = ref MemoryMarshal.GetReference(a);
            ref TBits ry = ref MemoryMarshal.GetReference(y);
            ref byte rm = ref MemoryMarshal.GetReference(m);
            for (; j <= n - Vector128<TBits>.Count; j += Vector128<TBits>.Count)
            {
                var keep = m.IsEmpty ? Vector128<TBits>.AllBitsSet : MaskLanes<TBits>(ref Unsafe.Add(ref rm, j));
                if (checkNaN) keep &= Vector128.LessThanOrEqual(Vector128.LoadUnsafe(ref rx, (nuint)j) & vabs, vinf);
                Vector128.ConditionalSelect(keep, Vector128.LoadUnsafe(ref ra, (nuint)j), vb).StoreUnsafe(ref ry, (nuint)j);
            }
        }
        for (; j < n; j++)
        {
            TBits keep = m.IsEmpty ? ~TBits.Zero : TBits.Zero - TBits.CreateTruncating((uint)-m[j] >> 31); // all ones where the mask byte is not 0
            if (checkNaN) keep &= TBits.Zero - TBits.CreateTruncating((x[j] & abs) <= infinity ? 1u : 0u);
            y[j] = (a[j] & keep) | (b & ~keep);
        }
    }

    /// <summary>Lane masks (all ones where the bool byte is not 0) for the Vector128&lt;TBits&gt;.Count mask bytes at <paramref name="m"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<TBits> MaskLanes<TBits>(ref byte m) where TBits : unmanaged
    {
        if (Unsafe.SizeOf<TBits>() == 4)
        {
            var bytes = Vector128.CreateScalar(Unsafe.ReadUnaligned<uint>(ref m)).AsByte();
            var lanes = Vector128.WidenLower(Vector128.WidenLower(bytes));
            return (~Vector128.Equals(lanes, Vector128<uint>.Zero)).As<uint, TBits>();
        }
        else
        {
            var bytes = Vector128.CreateScalar(Unsafe.ReadUnaligned<ushort>(ref m)).AsByte();
            var lanes = Vector128.WidenLower(Vector128.WidenLower(Vector128.WidenLower(bytes)));
            return (~Vector128.Equals(lanes, Vector128<ulong>.Zero)).As<ulong, TBits>();
        }
    }

    /// <summary>Softmax over the valid slots (not NaN and, when the mask is not empty, its entry true); NaN in the others
    /// and in every slot of a row with nothing valid; padding cleared. The same arithmetic as <see cref="Map{T}"/>'s softmax
    /// (shift by the valid maximum, exp, divide by the sum), with the validity applied without branches.</summary>
    public static void Softmax<T>(ReadOnlySpan<T> x, ReadOnlySpan<bool> m, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = CheckRow(x, m, y);
        var ys = y[..n];
        // ys = valid ? x : −∞ (NaN and masked slots take no mass).
        if (typeof(T) == typeof(float)) Select(Bits32(x), MemoryMarshal.AsBytes(m), Bits32(x), FloatNegativeInfinity, Bits32(ys), checkNaN: true, FloatInfinity);
        else Select(Bits64(x), MemoryMarshal.AsBytes(m), Bits64(x), DoubleNegativeInfinity, Bits64(ys), checkNaN: true, DoubleInfinity);
        T max = n == 0 ? T.NegativeInfinity : TensorPrimitives.Max<T>(ys);
        if (T.IsFinite(max))
        {
            TensorPrimitives.Subtract(ys, max, ys);
            TensorPrimitives.Exp(ys, ys);
            T sum = TensorPrimitives.Sum<T>(ys);
            TensorPrimitives.Divide(ys, sum, ys);
            // Masked and NaN slots back to NaN: those are exactly the slots that are not valid.
            if (typeof(T) == typeof(float)) Select(Bits32(x), MemoryMarshal.AsBytes(m), Bits32(ys), FloatNaN, Bits32(ys), checkNaN: true, FloatInfinity);
            else Select(Bits64(x), MemoryMarshal.AsBytes(m), Bits64(ys), DoubleNaN, Bits64(ys), checkNaN: true, DoubleInfinity);
        }
        else
        {
            // Nothing valid (max −∞ with no valid slot), all valid slots −∞, or a valid +∞: the rare cases, with branches.
            Span<bool> vs = n <= 1024 ? stackalloc bool[n] : new bool[n];
            Validity(x, m, vs);
            ys.Fill(T.NaN);
            bool any = false;
            foreach (bool v in vs) any |= v;
            if (any) Softmax_NonFinite(x, vs, ys, T.NaN);
        }
        y[n..].Clear();
    }

    private static int CheckRow<T>(ReadOnlySpan<T> x, ReadOnlySpan<bool> m, Span<T> y)
    {
        int n = x.Length;
        if (n > y.Length) throw new InvalidOperationException($"Row has {n} values; the masked component was fitted for at most {y.Length}.");
        if (m.Length != 0 && m.Length != n) throw new InvalidOperationException($"Mask has {m.Length} entries; the row has {n} values.");
        return n;
    }

    /// <summary>A valid +∞ takes all the mass (shared equally among the +∞ entries), as the limit of softmax.</summary>
    private static void Softmax_NonFinite<T>(ReadOnlySpan<T> x, Span<bool> vs, Span<T> ys, T fill) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int inf = 0;
        for (int j = 0; j < ys.Length; j++) if (vs[j] && T.IsPositiveInfinity(x[j])) inf++;
        for (int j = 0; j < ys.Length; j++)
            ys[j] = !vs[j] ? fill : inf > 0 ? (T.IsPositiveInfinity(x[j]) ? T.One / T.CreateTruncating(inf) : T.Zero) : T.NaN;
    }

    private static void Validity<T>(ReadOnlySpan<T> x, ReadOnlySpan<bool> m, Span<bool> vs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m.Length == 0) for (int j = 0; j < vs.Length; j++) vs[j] = !T.IsNaN(x[j]);
        else for (int j = 0; j < vs.Length; j++) vs[j] = m[j] && !T.IsNaN(x[j]);
    }

    /// <summary>An aggregate over the valid entries of one row (NaN when nothing qualifies; count 0).</summary>
    public static double Aggregate<T>(ReadOnlySpan<T> x, ReadOnlySpan<bool> m, MaskedAggregation kind, double correction) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = x.Length;
        if (m.Length != 0 && m.Length != n) throw new InvalidOperationException($"Mask has {m.Length} entries; the row has {n} values.");
        long count = 0;
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        int arg = -1;
        for (int j = 0; j < n; j++)
        {
            if (T.IsNaN(x[j]) || (m.Length != 0 && !m[j])) continue;
            double d = double.CreateTruncating(x[j]);
            count++; sum += d;
            if (d < min) min = d;
            if (arg < 0 || d > max) { max = d; arg = j; }
        }
        if (kind == MaskedAggregation.Count) return count;
        if (count == 0) return double.NaN;
        switch (kind)
        {
            case MaskedAggregation.Sum: return sum;
            case MaskedAggregation.Mean: return sum / count;
            case MaskedAggregation.Min: return min;
            case MaskedAggregation.Max: return max;
            case MaskedAggregation.ArgMax: return arg;
            case MaskedAggregation.Variance:
            case MaskedAggregation.StandardDeviation:
                double mean = sum / count, ss = 0;
                for (int j = 0; j < n; j++)
                {
                    if (T.IsNaN(x[j]) || (m.Length != 0 && !m[j])) continue;
                    double d = double.CreateTruncating(x[j]) - mean;
                    ss += d * d;
                }
                double dof = count - correction;
                if (!(dof > 0)) return double.NaN;
                return kind == MaskedAggregation.Variance ? ss / dof : Math.Sqrt(ss / dof);
            default: throw new InvalidOperationException($"Unknown aggregation {kind}: the model was saved by a newer Masked.ML.");
        }
    }
}
