using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>
/// 2^x element by element: <c>TensorPrimitives.Exp2</c> on doubles switches a whole vector to another path when one lane is out
/// of range, so a valid result could differ in the last bit depending on garbage in a masked neighbour.
/// </summary>
internal struct Exp2Op<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Exp2(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = T.Exp2(x[i]); } }

// Exp2: following torch.exp2 (https://pytorch.org/docs/stable/generated/torch.exp2.html).
public static partial class MaskedTensor
{
    /// <summary>Elementwise 2^x, as <see href="https://pytorch.org/docs/stable/generated/torch.exp2.html">torch.exp2</see>; gradient 2^x ln 2.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Exp2<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => RecordUnary<T, Exp2Op<T>>(x, (g, y) => Mul(g, Mul(y, Scalar(T.CreateTruncating(Math.Log(2))))));

    /// <summary>
    /// <c>destination = exp2(x)</c> (<see href="https://pytorch.org/docs/stable/generated/torch.exp2.html"><c>torch.exp2</c></see> with <c>out=</c>), valid where <paramref name="x"/> is valid;
    /// allocates nothing and is not recorded for autograd. The destination must be contiguous, have x's shape and own a validity bitmap
    /// when x is masked (<see cref="Empty{T}"/> makes one).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape, layout or missing bitmap does not fit the result.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    public static void Exp2<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, Exp2Op<T>>(x, destination); }
}
