using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

public static partial class MaskedTensor
{
    /// <summary>The gradient for <paramref name="input"/> (summed back over broadcast dims), or null when it needs none.</summary>
    private static MaskedTensor<T>? GradFor<T>(MaskedTensor<T> input, Func<MaskedTensor<T>> compute) where T : unmanaged, INumber<T>
        => input.RequiresGrad ? Reductions.SumToShape(compute(), input._shape) : null;

    /// <summary>Elementwise negation.</summary>
    public static MaskedTensor<T> Neg<T>(this MaskedTensor<T> x) where T : unmanaged, INumber<T>
        => Autograd.Record(ElementwiseKernel.Unary<T, NegOp<T>>(x), g => [Neg(g)], x);
}
