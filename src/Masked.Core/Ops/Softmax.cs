using System.Numerics;
using Masked.Kernels;

namespace Masked;

/// <summary>Softmax family over the valid entries of each slice; a slice with nothing valid stays entirely masked (never NaN).</summary>
public static partial class MaskedTensor
{
    /// <summary>Softmax along <paramref name="dim"/> over valid entries; masked entries stay masked. Follows
    /// <see href="https://pytorch.org/docs/stable/generated/torch.softmax.html"><c>torch.softmax</c></see> (as MaskedTensor does: a slice with nothing valid stays masked, never NaN).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is outside the tensor's rank.</exception>
    public static MaskedTensor<T> Softmax<T>(this MaskedTensor<T> x, int dim) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = Fused(x, dim, log: false);
        return MaskedTrace.Attr(Autograd.Record(y, g => [Mul(y, Sub(g, Sum(Mul(g, y), dim, keepDim: true)))], x), MaskedTrace.IsActive ? [("dim", dim)] : null);
    }

    /// <summary>
    /// <c>destination = softmax(x)</c> along the last dim over valid entries (<see href="https://pytorch.org/docs/stable/generated/torch.softmax.html"><c>torch.softmax</c></see>
    /// with <c>dim=-1</c> and <c>out=</c>); fully masked rows stay masked. Allocates nothing and is not recorded for autograd. The destination
    /// must be contiguous, have x's shape and own a validity bitmap when x is masked (<see cref="Empty{T}"/> makes one).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape, layout or missing bitmap does not fit the result.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only.</exception>
    public static void Softmax<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(destination);
        if (!ShapeMath.SameShape(x._shape, destination._shape))
            ThrowHelper.ThrowArgument($"Destination shape {ShapeMath.Format(destination._shape)} does not match {ShapeMath.Format(x._shape)}.", nameof(destination));
        destination.ThrowIfReadOnly("destination");
        if (!destination.IsContiguous) ThrowHelper.ThrowArgument("The destination must be contiguous.", nameof(destination));
        if (x.HasMask && !destination.HasMask) ThrowHelper.ThrowArgument("The input is masked but the destination has no validity bitmap.", nameof(destination));
        SoftmaxKernel.Run(x.Contiguous(), destination, log: false);
    }

    /// <summary>Log of the softmax along <paramref name="dim"/> over valid entries, computed stably. Follows
    /// <see href="https://pytorch.org/docs/stable/generated/torch.nn.functional.log_softmax.html"><c>torch.nn.functional.log_softmax</c></see>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is outside the tensor's rank.</exception>
    public static MaskedTensor<T> LogSoftmax<T>(this MaskedTensor<T> x, int dim) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = Fused(x, dim, log: true);
        return MaskedTrace.Attr(Autograd.Record(y, g => [Sub(g, Mul(Exp(y), Sum(g, dim, keepDim: true)))], x), MaskedTrace.IsActive ? [("dim", dim)] : null);
    }

    /// <summary>Softmin along <paramref name="dim"/>: the softmax of <c>-x</c>. Follows
    /// <see href="https://pytorch.org/docs/stable/generated/torch.nn.functional.softmin.html"><c>torch.nn.functional.softmin</c></see>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is outside the tensor's rank.</exception>
    public static MaskedTensor<T> Softmin<T>(this MaskedTensor<T> x, int dim) where T : unmanaged, IFloatingPointIeee754<T> => Softmax(Neg(x), dim);

    /// <summary>The softmax kernel along <paramref name="dim"/>: another dim is moved last (a copy), run, and moved back.</summary>
    private static MaskedTensor<T> Fused<T>(MaskedTensor<T> x, int dim, bool log) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rank = x.Rank, d = ShapeMath.NormalizeDim(dim, rank);
        using var _ = Autograd.NoGrad();
        if (rank == 0) return SoftmaxKernel.Run(x.Reshape(1), null, log).Reshape();
        if (d == rank - 1) return SoftmaxKernel.Run(x.Contiguous(), null, log);
        var last = x.Transpose(d, rank - 1).Contiguous();
        return SoftmaxKernel.Run(last, null, log).Transpose(d, rank - 1).Contiguous();
    }

    /// <summary>Running sum along <paramref name="dim"/> over valid entries; the result keeps the input's mask. Follows
    /// <see href="https://pytorch.org/docs/stable/generated/torch.cumsum.html"><c>torch.cumsum</c></see> (masked entries add nothing).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is outside the tensor's rank.</exception>
    public static MaskedTensor<T> CumSum<T>(this MaskedTensor<T> x, int dim) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = ReduceKernel.AlongDim<T>(x, dim, static (row, dst) =>
        {
            T acc = T.Zero;
            foreach (int i in row.GetValidIndices()) { acc += row.Data[i]; dst[i] = acc; }
        });
        // d/dx_i = sum of the valid output gradients at j >= i.
        return Autograd.Record(y, g => [ReduceKernel.AlongDimBackward(x, g, dim, static (xs, gs, dx) =>
        {
            T acc = T.Zero;
            for (int i = xs.Length - 1; i >= 0; i--)
            {
                if (!xs.IsValid(i)) continue;
                if (gs.IsValid(i)) acc += gs.Data[i];
                dx[i] = acc;
            }
        })], x);
    }

    /// <summary>Running product along <paramref name="dim"/> over valid entries; the result keeps the input's mask. The gradient is exact with zeros.
    /// Follows <see href="https://pytorch.org/docs/stable/generated/torch.cumprod.html"><c>torch.cumprod</c></see> (masked entries multiply by nothing).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is outside the tensor's rank.</exception>
    public static MaskedTensor<T> CumProd<T>(this MaskedTensor<T> x, int dim) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = ReduceKernel.AlongDim<T>(x, dim, static (row, dst) =>
        {
            T acc = T.One;
            foreach (int i in row.GetValidIndices()) { acc *= row.Data[i]; dst[i] = acc; }
        });
        // d/dx_i = sum over valid j >= i of g_j * prod over valid k <= j, k != i of x_k (quadratic per slice, exact with zeros).
        return Autograd.Record(y, g => [ReduceKernel.AlongDimBackward(x, g, dim, static (xs, gs, dx) =>
        {
            for (int i = 0; i < xs.Length; i++)
            {
                if (!xs.IsValid(i)) continue;
                T total = T.Zero, prefix = T.One;
                for (int k = 0; k < i; k++) if (xs.IsValid(k)) prefix *= xs.Data[k];
                T run = prefix;
                for (int j = i; j < xs.Length; j++)
                {
                    if (!xs.IsValid(j)) continue;
                    if (j > i) run *= xs.Data[j];
                    if (gs.IsValid(j)) total += gs.Data[j] * run;
                }
                dx[i] = total;
            }
        })], x);
    }
}
