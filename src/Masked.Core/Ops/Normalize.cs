using System.Numerics;

namespace Masked;

/// <summary>Normalization along a dim over the valid entries of each slice.</summary>
public static partial class MaskedTensor
{
    /// <summary>
    /// x / max(‖x‖ₚ, eps) along <paramref name="dim"/>, as <see href="https://pytorch.org/docs/stable/masked.html">torch.masked.normalize</see>
    /// (<c>torch.nn.functional.normalize</c> over specified entries only): the p-norm of each slice is taken over its valid entries
    /// (<see cref="Norm{T}(MaskedTensor{T}, double, int?, bool)"/>: p = 1, 2, any positive p, ±Inf), and the result keeps x's mask, so a
    /// slice with nothing valid stays masked. Differentiable (through the norm, the eps clamp and the division; an all-zero slice
    /// gets the gradient 1/eps).
    /// </summary>
    /// <param name="x">The tensor.</param>
    /// <param name="p">The norm's exponent (torch's <c>ord</c>).</param>
    /// <param name="dim">The dim along which slices are normalized (negative counts from the end).</param>
    /// <param name="eps">The smallest denominator (torch's default 1e-12); must be positive.</param>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range, <paramref name="p"/> is negative or NaN, or <paramref name="eps"/> is not positive.</exception>
    public static MaskedTensor<T> Normalize<T>(this MaskedTensor<T> x, double p, int dim, double eps = 1e-12) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (!(eps > 0)) ThrowHelper.ThrowOutOfRange(nameof(eps), eps, "Normalize: eps must be positive.");
        if (dim < -Math.Max(x.Rank, 1) || dim >= Math.Max(x.Rank, 1))
            ThrowHelper.ThrowOutOfRange(nameof(dim), dim, $"Normalize: dim {dim} is out of range for shape {ShapeMath.Format(x._shape)}.");
        if (x.Rank == 0) return Normalize(x.Reshape(1), p, 0, eps).Reshape(); // a 0-d tensor is its own slice
        var norm = x.Norm(p, dim, keepDim: true);
        return Div(x, Maximum(norm, Scalar(T.CreateTruncating(eps))));
    }
}
