using System.Numerics;
using Masked.Kernels;

namespace Masked;

/// <summary>
/// Elementwise ops that write into a caller's destination (data and validity) and allocate nothing. The
/// destination must be contiguous, have the result's shape, and own a validity bitmap when the result can
/// have masked entries (<see cref="MaskedTensor.Empty{T}"/> makes one). Not recorded for autograd.
/// </summary>
public static partial class MaskedTensor
{
    /// <summary>destination = |x|.</summary>
    public static void Abs<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, INumber<T> => ElementwiseKernel.UnaryInto<T, AbsOp<T>>(x, destination);
    /// <summary>destination = e^x.</summary>
    public static void Exp<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> => ElementwiseKernel.UnaryInto<T, ExpOp<T>>(x, destination);
    /// <summary>destination = log(x).</summary>
    public static void Log<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> => ElementwiseKernel.UnaryInto<T, LogOp<T>>(x, destination);
    /// <summary>destination = sqrt(x).</summary>
    public static void Sqrt<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> => ElementwiseKernel.UnaryInto<T, SqrtOp<T>>(x, destination);
    /// <summary>destination = tanh(x).</summary>
    public static void Tanh<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> => ElementwiseKernel.UnaryInto<T, TanhOp<T>>(x, destination);
    /// <summary>destination = sigmoid(x).</summary>
    public static void Sigmoid<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> => ElementwiseKernel.UnaryInto<T, SigmoidOp<T>>(x, destination);

    /// <summary>destination = softmax of <paramref name="x"/> along its last dim, over valid entries (fully masked rows stay masked).</summary>
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
}
