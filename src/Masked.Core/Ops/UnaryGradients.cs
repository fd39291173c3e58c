using System.Numerics;
using Masked.Kernels;

namespace Masked;

// The recording and backward helpers every unary op shares (each op's own file holds its operator struct and backward rule).
public static partial class MaskedTensor
{
    /// <summary>Runs a unary operator and records <paramref name="backward"/> (output gradient, output) → input gradient; the node is named after the op that defined <paramref name="backward"/>.</summary>
    private static MaskedTensor<T> RecordUnary<T, TOp>(MaskedTensor<T> x, Func<MaskedTensor<T>, MaskedTensor<T>, MaskedTensor<T>> backward)
        where T : unmanaged where TOp : IUnaryOperator<T>
    {
        var y = ElementwiseKernel.Unary<T, TOp>(x);
        return MaskedTrace.Note(Autograd.Record(y, g => [backward(g, y)], backward, x), TraceNames.Of<TOp>(), x);
    }

    /// <summary>A valid scalar of T holding <paramref name="v"/> (a constant of a backward rule).</summary>
    private static MaskedTensor<T> Constant<T>(double v) where T : unmanaged, INumber<T> => Scalar(T.CreateChecked(v));

    /// <summary>The elementwise derivative d(x) = TOp(x) times the output gradient (a masked gradient entry stays masked).</summary>
    private static MaskedTensor<T> ChainUnary<T, TOp>(MaskedTensor<T> g, MaskedTensor<T> x) where T : unmanaged, INumber<T> where TOp : IUnaryOperator<T>
        => Mul(g, ElementwiseKernel.Unary<T, TOp>(x));

    /// <summary>A valid 0 wherever the output gradient is valid: the gradient of a piecewise-constant op.</summary>
    private static MaskedTensor<T> ZeroGradientLike<T>(MaskedTensor<T> g) where T : unmanaged, INumber<T> => Mul(g, Scalar(T.Zero));

    /// <summary>Checks both arguments of a destination overload for null.</summary>
    private static void NotNull<TA, TD>(MaskedTensor<TA> x, MaskedTensor<TD> destination) where TA : unmanaged where TD : unmanaged
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(destination);
    }
}
