using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.Acos{T}(MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct AcosOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Acos(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Acos(x, d); }

// Acos: following torch.acos (https://pytorch.org/docs/stable/generated/torch.acos.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// The elementwise arccosine (NaN outside [-1, 1]), as <see href="https://pytorch.org/docs/stable/generated/torch.acos.html"><c>torch.acos</c></see>: valid where <paramref name="x"/> is valid.
    /// Recorded for autograd: the gradient is <c>-g/sqrt(1 - x²)</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Acos<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, AcosOp<T>>(x, (g, _) => Neg(Div(g, Sqrt(Sub(Constant<T>(1), Mul(x, x))))));
}
