using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.Floor{T}(MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct FloorOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Floor(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Floor(x, d); }

// Floor: following torch.floor (https://pytorch.org/docs/stable/generated/torch.floor.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// The elementwise floor (round toward -Inf), as <see href="https://pytorch.org/docs/stable/generated/torch.floor.html"><c>torch.floor</c></see>: valid where <paramref name="x"/> is valid.
    /// Recorded for autograd: the gradient is 0.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Floor<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, FloorOp<T>>(x, (g, _) => ZeroGradientLike(g));
}
