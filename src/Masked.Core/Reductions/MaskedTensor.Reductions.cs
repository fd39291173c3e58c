using System.Numerics;
using Masked.Kernels;

namespace Masked;

/// <summary>Helpers shared by reductions and by broadcasting's backward.</summary>
internal static class Reductions
{
    /// <summary>Masked sum of <paramref name="g"/> down to <paramref name="shape"/> (the shape it was broadcast from). A sum over nothing valid is masked.</summary>
    public static MaskedTensor<T> SumToShape<T>(MaskedTensor<T> g, int[] shape) where T : unmanaged, INumber<T>
    {
        if (ShapeMath.SameShape(g._shape, shape)) return g;
        int lead = g.Rank - shape.Length;
        var dims = new List<int>();
        for (int d = 0; d < g.Rank; d++)
            if (d < lead || (shape[d - lead] == 1 && g._shape[d] != 1)) dims.Add(d);
        MaskedTensor<T> s;
        using (Autograd.NoGrad()) s = MaskedTensor.Sum(g, dims.ToArray(), keepDim: true); // the public path: leading dims use the outer-sum kernel
        return s.Reshape(shape);
    }

    /// <summary>The output gradient broadcast back over the reduced dims (a view), masked by the input's mask.</summary>
    public static MaskedTensor<T> Expand<T>(MaskedTensor<T> g, MaskedTensor<T> x, int[]? dims, bool keepDim) where T : unmanaged
    {
        if (g.Length == 1 && x.IsContiguous) return Fill(g, x);
        var plan = ReduceKernel.MakePlan(x._shape, dims, keepDim);
        var gk = g.Reshape(plan.KeepShape).BroadcastTo(x._shape);
        return ElementwiseKernel.MaskLike(gk, x);
    }

    /// <summary>A reduction over everything (the usual loss): <paramref name="g"/>'s one value in every slot, with x's mask (all masked when g is).</summary>
    private static MaskedTensor<T> Fill<T>(MaskedTensor<T> g, MaskedTensor<T> x) where T : unmanaged
    {
        int n = x.Length;
        bool valid = g._bitmap is null || BitmapWords.Get(g._bitmap.Bytes.Span, (long)g._bitmap.BitOffset + g._offset);
        var data = RecycledArrays<T>.Rent(n); // every slot is written
        data.AsSpan().Fill(g._buffer.Span[g._offset]);
        ValidityBitmap? mask = !valid ? ValidityBitmap.Allocate(n, false) : x._bitmap?.Rebase(x.MaskBitStart, n);
        return MaskedTensor<T>.Contiguous(data, mask, (int[])x._shape.Clone());
    }

    public static int[]? Dims(int? dim) => dim is int d ? [d] : null;
}

/// <summary>Reductions over valid entries only. A reduction over nothing valid is masked — never 0, NaN or ±Inf.</summary>
public static partial class MaskedTensor
{
    /// <summary>Sum of valid entries over all dims (<paramref name="dim"/> null) or one dim. Float sums accumulate in double per 64-value block.</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.sum.html"><c>torch.sum</c></see> over the valid entries only (nothing valid → masked).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is outside the tensor's rank.</exception>
    public static MaskedTensor<T> Sum<T>(this MaskedTensor<T> x, int? dim = null, bool keepDim = false) where T : unmanaged, INumber<T> => Sum(x, Reductions.Dims(dim), keepDim);

    /// <summary>Sum of valid entries over several dims at once.</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.sum.html"><c>torch.sum</c></see> over the valid entries only (nothing valid → masked).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dim in <paramref name="dims"/> is outside the tensor's rank.</exception>
    /// <exception cref="ArgumentException">A dim appears more than once in <paramref name="dims"/>.</exception>
    public static MaskedTensor<T> Sum<T>(this MaskedTensor<T> x, int[]? dims, bool keepDim = false) where T : unmanaged, INumber<T>
        => MaskedTrace.Attr(Autograd.Record(OuterSumOrNull(x, dims, keepDim, mean: false) ?? ReduceKernel.Reduce<T, T, SumReducer<T>>(x, dims, keepDim, default),
            g => [Reductions.Expand(g, x, dims, keepDim)], x), MaskedTrace.IsActive ? [("dims", dims), ("keepDim", keepDim)] : null);

    /// <summary>Sum or mean over a run of non-innermost dims of a float/double tensor without moving data; null when not applicable.</summary>
    private static MaskedTensor<T>? OuterSumOrNull<T>(MaskedTensor<T> x, int[]? dims, bool keepDim, bool mean) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double)) return null;
        if (!OuterSumKernel.TryPlan(x, dims, out int outer, out int k, out int inner)) return null;
        var (sums, counts) = typeof(T) == typeof(float)
            ? OuterSumKernel.Run((MaskedTensor<float>)(object)x, outer, k, inner, exactCounts: mean)
            : OuterSumKernel.Run((MaskedTensor<double>)(object)x, outer, k, inner, exactCounts: mean);
        var data = GC.AllocateUninitializedArray<T>(sums.Length); // every position is written
        int n = data.Length;
        var valid = new byte[BitmapWords.ByteCount(n)];
        int validCount = 0;
        for (int w = 0; w < n; w += 64)
        {
            int c = Math.Min(64, n - w);
            ulong word = 0;
            for (int j = 0; j < c; j++)
            {
                int i = w + j;
                if (counts[i] > 0) word |= 1UL << j;
                data[i] = T.CreateTruncating(mean ? sums[i] / counts[i] : sums[i]);
            }
            BitmapWords.Write(valid, w, word, c);
            validCount += System.Numerics.BitOperations.PopCount(word);
        }
        var plan = ReduceKernel.MakePlan(x._shape, dims, keepDim);
        return MaskedTensor<T>.Contiguous(data, validCount == n ? null : new ValidityBitmap(valid, 0, n), plan.OutShape);
    }

    /// <summary>Mean of valid entries over all dims or one dim.</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.mean.html"><c>torch.mean</c></see> over the valid entries only (nothing valid → masked).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is outside the tensor's rank.</exception>
    public static MaskedTensor<T> Mean<T>(this MaskedTensor<T> x, int? dim = null, bool keepDim = false) where T : unmanaged, IFloatingPointIeee754<T> => Mean(x, Reductions.Dims(dim), keepDim);

    /// <summary>Mean of valid entries over several dims at once.</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.mean.html"><c>torch.mean</c></see> over the valid entries only (nothing valid → masked).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dim in <paramref name="dims"/> is outside the tensor's rank.</exception>
    /// <exception cref="ArgumentException">A dim appears more than once in <paramref name="dims"/>.</exception>
    public static MaskedTensor<T> Mean<T>(this MaskedTensor<T> x, int[]? dims, bool keepDim = false) where T : unmanaged, IFloatingPointIeee754<T>
        => Autograd.Record(OuterSumOrNull(x, dims, keepDim, mean: true) ?? ReduceKernel.Reduce<T, T, MeanReducer<T>>(x, dims, keepDim, default), g =>
        {
            var count = ReduceKernel.Reduce<T, long, CountReducer<T>>(x, dims, keepDim, default);
            var countT = MaskedTensor<T>.Contiguous(Array.ConvertAll(count.ToArray(), c => T.CreateTruncating(c)), null, count._shape);
            return [Reductions.Expand(Div(g, countT), x, dims, keepDim)];
        }, x).Traced("Mean", x).WithTraceAttributes(MaskedTrace.IsActive ? [("dims", dims), ("keepDim", keepDim)] : null);

    /// <summary>Product of valid entries; the gradient is the product of the other valid entries (exact with zeros).</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.prod.html"><c>torch.prod</c></see> over the valid entries only (nothing valid → masked).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is outside the tensor's rank.</exception>
    public static MaskedTensor<T> Prod<T>(this MaskedTensor<T> x, int? dim = null, bool keepDim = false) where T : unmanaged, INumber<T> => Prod(x, Reductions.Dims(dim), keepDim);

    /// <summary>Product of valid entries over several dims.</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.prod.html"><c>torch.prod</c></see> over the valid entries only (nothing valid → masked).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dim in <paramref name="dims"/> is outside the tensor's rank.</exception>
    /// <exception cref="ArgumentException">A dim appears more than once in <paramref name="dims"/>.</exception>
    public static MaskedTensor<T> Prod<T>(this MaskedTensor<T> x, int[]? dims, bool keepDim = false) where T : unmanaged, INumber<T>
    {
        var y = ReduceKernel.Reduce<T, T, ProdReducer<T>>(x, dims, keepDim, default);
        return Autograd.Record(y, g => [ReduceKernel.SegmentBackward(x, dims, keepDim, y, g, (xs, _, gv, dx) =>
        {
            for (int i = 0; i < xs.Length; i++)
            {
                if (!xs.IsValid(i)) continue;
                double p = 1;
                for (int j = 0; j < xs.Length; j++) if (j != i && xs.IsValid(j)) p *= double.CreateTruncating(xs.Data[j]);
                dx[i] = T.CreateTruncating(double.CreateTruncating(gv) * p);
            }
        })], x);
    }

    /// <summary>Maximum of valid entries (a valid NaN propagates); ties share the gradient evenly.</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.amax.html"><c>torch.amax</c></see> over the valid entries only (nothing valid → masked).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is outside the tensor's rank.</exception>
    public static MaskedTensor<T> Amax<T>(this MaskedTensor<T> x, int? dim = null, bool keepDim = false) where T : unmanaged, INumber<T> => Extremum(x, Reductions.Dims(dim), keepDim, true);
    /// <summary>Maximum of valid entries over several dims.</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.amax.html"><c>torch.amax</c></see> over the valid entries only (nothing valid → masked).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dim in <paramref name="dims"/> is outside the tensor's rank.</exception>
    /// <exception cref="ArgumentException">A dim appears more than once in <paramref name="dims"/>.</exception>
    public static MaskedTensor<T> Amax<T>(this MaskedTensor<T> x, int[]? dims, bool keepDim = false) where T : unmanaged, INumber<T> => Extremum(x, dims, keepDim, true);
    /// <summary>Minimum of valid entries (a valid NaN propagates); ties share the gradient evenly.</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.amin.html"><c>torch.amin</c></see> over the valid entries only (nothing valid → masked).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is outside the tensor's rank.</exception>
    public static MaskedTensor<T> Amin<T>(this MaskedTensor<T> x, int? dim = null, bool keepDim = false) where T : unmanaged, INumber<T> => Extremum(x, Reductions.Dims(dim), keepDim, false);
    /// <summary>Minimum of valid entries over several dims.</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.amin.html"><c>torch.amin</c></see> over the valid entries only (nothing valid → masked).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dim in <paramref name="dims"/> is outside the tensor's rank.</exception>
    /// <exception cref="ArgumentException">A dim appears more than once in <paramref name="dims"/>.</exception>
    public static MaskedTensor<T> Amin<T>(this MaskedTensor<T> x, int[]? dims, bool keepDim = false) where T : unmanaged, INumber<T> => Extremum(x, dims, keepDim, false);

    private static MaskedTensor<T> Extremum<T>(MaskedTensor<T> x, int[]? dims, bool keepDim, bool max) where T : unmanaged, INumber<T>
    {
        var y = ReduceKernel.Reduce<T, T, ExtremumReducer<T>>(x, dims, keepDim, new ExtremumReducer<T>(max));
        return Autograd.Record(y, g => [ReduceKernel.SegmentBackward(x, dims, keepDim, y, g, (xs, yv, gv, dx) =>
        {
            int ties = 0;
            for (int i = 0; i < xs.Length; i++) if (xs.IsValid(i) && xs.Data[i] == yv) ties++;
            for (int i = 0; i < xs.Length; i++)
                if (xs.IsValid(i)) dx[i] = xs.Data[i] == yv ? gv / T.CreateTruncating(ties) : T.Zero;
        })], x).Traced(max ? "Amax" : "Amin", x).WithTraceAttributes(MaskedTrace.IsActive ? [("dims", dims), ("keepDim", keepDim)] : null);
    }

    /// <summary>Index (int64) of the smallest valid entry: into the flattened tensor (no dim) or along <paramref name="dim"/>. Nothing valid → masked.</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.argmin.html"><c>torch.argmin</c></see> over the valid entries only (nothing valid → masked).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is outside the tensor's rank.</exception>
    public static MaskedTensor<long> ArgMin<T>(this MaskedTensor<T> x, int? dim = null, bool keepDim = false) where T : unmanaged, INumber<T> => ArgExtremum(x, dim, keepDim, false);
    /// <summary>Index (int64) of the largest valid entry: into the flattened tensor (no dim) or along <paramref name="dim"/>.</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.argmax.html"><c>torch.argmax</c></see> over the valid entries only (nothing valid → masked).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is outside the tensor's rank.</exception>
    public static MaskedTensor<long> ArgMax<T>(this MaskedTensor<T> x, int? dim = null, bool keepDim = false) where T : unmanaged, INumber<T> => ArgExtremum(x, dim, keepDim, true);

    private static MaskedTensor<long> ArgExtremum<T>(MaskedTensor<T> x, int? dim, bool keepDim, bool max) where T : unmanaged, INumber<T>
    {
        if (dim is null && keepDim)
        {
            var flat = ReduceKernel.Reduce<T, long, ArgExtremumReducer<T>>(x, null, false, new ArgExtremumReducer<T>(max));
            var ones = new int[x.Rank]; Array.Fill(ones, 1);
            return flat.Reshape(ones);
        }
        return ReduceKernel.Reduce<T, long, ArgExtremumReducer<T>>(x, Reductions.Dims(dim), keepDim, new ArgExtremumReducer<T>(max));
    }

    /// <summary>Number of valid entries (int64); never masked.</summary>
    /// <remarks>No torch function: torch.masked has no count of specified entries; this is what <c>Mean</c> divides by.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is outside the tensor's rank.</exception>
    public static MaskedTensor<long> Count<T>(this MaskedTensor<T> x, int? dim = null, bool keepDim = false) where T : unmanaged => Count(x, Reductions.Dims(dim), keepDim);
    /// <summary>Number of valid entries over several dims.</summary>
    /// <remarks>No torch function: torch.masked has no count of specified entries; this is what <c>Mean</c> divides by.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dim in <paramref name="dims"/> is outside the tensor's rank.</exception>
    /// <exception cref="ArgumentException">A dim appears more than once in <paramref name="dims"/>.</exception>
    public static MaskedTensor<long> Count<T>(this MaskedTensor<T> x, int[]? dims, bool keepDim = false) where T : unmanaged
        => ReduceKernel.Reduce<T, long, CountReducer<T>>(x, dims, keepDim, default);

    /// <summary>Variance of valid entries with <paramref name="correction"/> (1 = unbiased, the default); masked where there are <paramref name="correction"/> or fewer valid entries.</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.var.html"><c>torch.var</c></see> over the valid entries only (nothing valid → masked).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is outside the tensor's rank, or <paramref name="correction"/> is negative, NaN or infinite.</exception>
    public static MaskedTensor<T> Var<T>(this MaskedTensor<T> x, int? dim = null, bool keepDim = false, double correction = 1) where T : unmanaged, IFloatingPointIeee754<T> => Variance(x, Reductions.Dims(dim), keepDim, correction, false);
    /// <summary>Variance over several dims.</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.var.html"><c>torch.var</c></see> over the valid entries only (nothing valid → masked).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dim in <paramref name="dims"/> is outside the tensor's rank, or <paramref name="correction"/> is negative, NaN or infinite.</exception>
    /// <exception cref="ArgumentException">A dim appears more than once in <paramref name="dims"/>.</exception>
    public static MaskedTensor<T> Var<T>(this MaskedTensor<T> x, int[]? dims, bool keepDim = false, double correction = 1) where T : unmanaged, IFloatingPointIeee754<T> => Variance(x, dims, keepDim, correction, false);
    /// <summary>Standard deviation of valid entries with <paramref name="correction"/> (default 1). Where it is 0 the gradient is the subgradient 0, never NaN.</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.std.html"><c>torch.std</c></see> over the valid entries only (nothing valid → masked).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is outside the tensor's rank, or <paramref name="correction"/> is negative, NaN or infinite.</exception>
    public static MaskedTensor<T> Std<T>(this MaskedTensor<T> x, int? dim = null, bool keepDim = false, double correction = 1) where T : unmanaged, IFloatingPointIeee754<T> => Variance(x, Reductions.Dims(dim), keepDim, correction, true);
    /// <summary>Standard deviation over several dims.</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.std.html"><c>torch.std</c></see> over the valid entries only (nothing valid → masked).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dim in <paramref name="dims"/> is outside the tensor's rank, or <paramref name="correction"/> is negative, NaN or infinite.</exception>
    /// <exception cref="ArgumentException">A dim appears more than once in <paramref name="dims"/>.</exception>
    public static MaskedTensor<T> Std<T>(this MaskedTensor<T> x, int[]? dims, bool keepDim = false, double correction = 1) where T : unmanaged, IFloatingPointIeee754<T> => Variance(x, dims, keepDim, correction, true);

    private static MaskedTensor<T> Variance<T>(MaskedTensor<T> x, int[]? dims, bool keepDim, double correction, bool std) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(correction >= 0) || !double.IsFinite(correction)) ThrowHelper.ThrowOutOfRange(nameof(correction), correction, "correction must be finite and non-negative.");
        var y = ReduceKernel.Reduce<T, T, VarReducer<T>>(x, dims, keepDim, new VarReducer<T>(correction, std));
        return Autograd.Record(y, g => [ReduceKernel.SegmentBackward(x, dims, keepDim, y, g, (xs, yv, gv, dx) =>
        {
            double sum = 0; int c = 0;
            for (int i = 0; i < xs.Length; i++) if (xs.IsValid(i)) { sum += double.CreateTruncating(xs.Data[i]); c++; }
            double mean = sum / c, scale = double.CreateTruncating(gv) / (c - correction);
            // At std == 0 the subgradient 0 is used (not 0/0 = NaN as in PyTorch).
            scale = std ? (double.CreateTruncating(yv) == 0 ? 0 : scale / double.CreateTruncating(yv)) : 2 * scale;
            for (int i = 0; i < xs.Length; i++) if (xs.IsValid(i)) dx[i] = T.CreateTruncating(scale * (double.CreateTruncating(xs.Data[i]) - mean));
        })], x);
    }

    /// <summary>p-norm of valid entries (p = 1, 2, any positive, 0 = count of non-zeros, ±Inf = max/min of |x|).</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.linalg.vector_norm.html"><c>torch.linalg.vector_norm</c></see> over the valid entries only (nothing valid → masked).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is outside the tensor's rank, or <paramref name="p"/> is NaN or negative (other than −∞).</exception>
    public static MaskedTensor<T> Norm<T>(this MaskedTensor<T> x, double p = 2, int? dim = null, bool keepDim = false) where T : unmanaged, IFloatingPointIeee754<T> => Norm(x, p, Reductions.Dims(dim), keepDim);

    /// <summary>p-norm over several dims.</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.linalg.vector_norm.html"><c>torch.linalg.vector_norm</c></see> over the valid entries only (nothing valid → masked).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dim in <paramref name="dims"/> is outside the tensor's rank, or <paramref name="p"/> is NaN or negative (other than −∞).</exception>
    /// <exception cref="ArgumentException">A dim appears more than once in <paramref name="dims"/>.</exception>
    public static MaskedTensor<T> Norm<T>(this MaskedTensor<T> x, double p, int[]? dims, bool keepDim = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (double.IsNaN(p) || (p < 0 && !double.IsNegativeInfinity(p))) ThrowHelper.ThrowOutOfRange(nameof(p), p, $"Norm: p must be >= 0 or ±Inf, got {p}.");
        var y = ReduceKernel.Reduce<T, T, NormReducer<T>>(x, dims, keepDim, new NormReducer<T>(p));
        return Autograd.Record(y, g => [ReduceKernel.SegmentBackward(x, dims, keepDim, y, g, (xs, yv, gv, dx) =>
        {
            double n = double.CreateTruncating(yv), gd = double.CreateTruncating(gv);
            int ties = 0;
            if (double.IsInfinity(p)) for (int i = 0; i < xs.Length; i++) if (xs.IsValid(i) && Math.Abs(double.CreateTruncating(xs.Data[i])) == n) ties++;
            for (int i = 0; i < xs.Length; i++)
            {
                if (!xs.IsValid(i)) continue;
                double xi = double.CreateTruncating(xs.Data[i]), a = Math.Abs(xi), sg = Math.Sign(xi);
                double d = p == 0 ? 0
                    : double.IsInfinity(p) ? (a == n ? sg / ties : 0)
                    : p == 1 ? sg
                    : n == 0 ? 0
                    : p == 2 ? xi / n
                    : sg * Math.Pow(a, p - 1) / Math.Pow(n, p - 1);
                dx[i] = T.CreateTruncating(gd * d);
            }
        })], x);
    }

    /// <summary><c>log(sum(exp(x)))</c> over valid entries, computed stably.</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.logsumexp.html"><c>torch.logsumexp</c></see> over the valid entries only (nothing valid → masked).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is outside the tensor's rank.</exception>
    public static MaskedTensor<T> LogSumExp<T>(this MaskedTensor<T> x, int? dim = null, bool keepDim = false) where T : unmanaged, IFloatingPointIeee754<T> => LogSumExp(x, Reductions.Dims(dim), keepDim);

    /// <summary><c>log(sum(exp(x)))</c> over several dims.</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.logsumexp.html"><c>torch.logsumexp</c></see> over the valid entries only (nothing valid → masked).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dim in <paramref name="dims"/> is outside the tensor's rank.</exception>
    /// <exception cref="ArgumentException">A dim appears more than once in <paramref name="dims"/>.</exception>
    public static MaskedTensor<T> LogSumExp<T>(this MaskedTensor<T> x, int[]? dims, bool keepDim = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = ReduceKernel.Reduce<T, T, LogSumExpReducer<T>>(x, dims, keepDim, default);
        return Autograd.Record(y, g => [ReduceKernel.SegmentBackward(x, dims, keepDim, y, g, (xs, yv, gv, dx) =>
        {
            for (int i = 0; i < xs.Length; i++) if (xs.IsValid(i)) dx[i] = gv * T.Exp(xs.Data[i] - yv);
        })], x);
    }

    /// <summary>Median of valid entries — the lower middle value for an even count, as <c>torch.median</c>. The gradient goes to the chosen entry.</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.median.html"><c>torch.median</c></see> over the valid entries only (nothing valid → masked).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is outside the tensor's rank.</exception>
    public static MaskedTensor<T> Median<T>(this MaskedTensor<T> x, int? dim = null, bool keepDim = false) where T : unmanaged, INumber<T> => OrderStatistic(x, Reductions.Dims(dim), keepDim, 0.5, true);

    /// <summary>The <paramref name="q"/>-quantile of valid entries, interpolating linearly between order statistics (as <c>torch.quantile</c>).</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.quantile.html"><c>torch.quantile</c></see> over the valid entries only (nothing valid → masked).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is outside the tensor's rank, or <paramref name="q"/> is outside [0, 1].</exception>
    public static MaskedTensor<T> Quantile<T>(this MaskedTensor<T> x, double q, int? dim = null, bool keepDim = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(q >= 0 && q <= 1)) ThrowHelper.ThrowOutOfRange(nameof(q), q, $"Quantile: q must be in [0, 1], got {q}.");
        return OrderStatistic(x, Reductions.Dims(dim), keepDim, q, false);
    }

    private static MaskedTensor<T> OrderStatistic<T>(MaskedTensor<T> x, int[]? dims, bool keepDim, double q, bool lower) where T : unmanaged, INumber<T>
    {
        var y = ReduceKernel.Reduce<T, T, QuantileReducer<T>>(x, dims, keepDim, new QuantileReducer<T>(q, lower));
        return Autograd.Record(y, g => [ReduceKernel.SegmentBackward(x, dims, keepDim, y, g, (xs, yv, gv, dx) =>
        {
            var idx = new List<int>();
            for (int i = 0; i < xs.Length; i++) if (xs.IsValid(i)) { idx.Add(i); dx[i] = T.Zero; }
            var arr = xs.Data.ToArray();
            idx.Sort((a, b) => arr[a] < arr[b] ? -1 : arr[a] > arr[b] ? 1 : a.CompareTo(b));
            if (lower) { dx[idx[(idx.Count - 1) / 2]] = gv; return; }
            double pos = q * (idx.Count - 1);
            int lo = (int)Math.Floor(pos), hi = (int)Math.Ceiling(pos);
            double frac = pos - lo, gd = double.CreateTruncating(gv);
            dx[idx[lo]] += T.CreateTruncating(gd * (1 - frac));
            if (hi != lo) dx[idx[hi]] += T.CreateTruncating(gd * frac);
        })], x);
    }

    /// <summary>True where every valid entry is true; nothing valid → masked.</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.all.html"><c>torch.all</c></see> over the valid entries only (nothing valid → masked).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is outside the tensor's rank.</exception>
    public static MaskedTensor<bool> All(this MaskedTensor<bool> x, int? dim = null, bool keepDim = false)
        => ReduceKernel.Reduce<bool, bool, AnyAllReducer>(x, Reductions.Dims(dim), keepDim, new AnyAllReducer(true));

    /// <summary>True where any valid entry is true; nothing valid → masked.</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.any.html"><c>torch.any</c></see> over the valid entries only (nothing valid → masked).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is outside the tensor's rank.</exception>
    public static MaskedTensor<bool> Any(this MaskedTensor<bool> x, int? dim = null, bool keepDim = false)
        => ReduceKernel.Reduce<bool, bool, AnyAllReducer>(x, Reductions.Dims(dim), keepDim, new AnyAllReducer(false));
}
