using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The elementwise quotient operator (<c>a / b</c>); its span rule is <c>TensorPrimitives.Divide</c>.</summary>
/// <remarks>Integer division is not safe on garbage (a masked zero divisor would throw), so mixed words run the scalar rule
/// on valid slots only; float and double run <c>TensorPrimitives</c> over whole runs.</remarks>
internal struct DivOp<T> : IBinaryOperator<T> where T : INumber<T>
{
    public static T Invoke(T a, T b) => a / b;
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Divide(a, b, d);
    public static bool SafeOnGarbage => typeof(T) == typeof(float) || typeof(T) == typeof(double);
}

// /: the elementwise quotient, following torch.div (https://pytorch.org/docs/stable/generated/torch.div.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// Elementwise <c>a / b</c>, as <see href="https://pytorch.org/docs/stable/generated/torch.div.html"><c>torch.div</c></see>: valid where both are valid; shapes broadcast
    /// by NumPy's rules. Integers divide as C# does (truncating, as
    /// <c>torch.div(..., rounding_mode='trunc')</c>; plain <c>torch.div</c> would return floats); a valid integer division by zero throws, a masked one never does. Recorded for autograd: <c>a</c> gets <c>g/b</c>, <c>b</c> gets <c>-g·a/b²</c> (each summed back over its broadcast dims).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    /// <exception cref="DivideByZeroException">Integer division by zero at a valid entry.</exception>
    public static MaskedTensor<T> Div<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, INumber<T>
        => Autograd.Record(ElementwiseKernel.Binary<T, DivOp<T>>(a, b), g => [GradFor(a, () => Div(g, b)), GradFor(b, () => Neg(Div(Mul(g, a), Mul(b, b))))], a, b);

    /// <summary>Elementwise <c>a / scalar</c> (<see href="https://pytorch.org/docs/stable/generated/torch.div.html"><c>torch.div</c></see> with a Python number); valid where <paramref name="a"/> is valid.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <exception cref="DivideByZeroException">Integer division by zero at a valid entry.</exception>
    public static MaskedTensor<T> Div<T>(this MaskedTensor<T> a, T scalar) where T : unmanaged, INumber<T> => Div(a, Scalar(scalar));

    /// <summary>
    /// <c>destination = a / b</c> (<see href="https://pytorch.org/docs/stable/generated/torch.div.html"><c>torch.div</c></see> with <c>out=</c>), valid where both are valid;
    /// allocates nothing and is not recorded for autograd. The destination must be contiguous, have the result's shape and
    /// own a validity bitmap when the result can have masked entries (<see cref="Empty{T}"/> makes one).
    /// </summary>
    /// <exception cref="ArgumentNullException">An operand or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together, or the destination's shape, layout or missing bitmap does not fit the result.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    /// <exception cref="DivideByZeroException">Integer division by zero at a valid entry.</exception>
    public static void Div<T>(MaskedTensor<T> a, MaskedTensor<T> b, MaskedTensor<T> destination) where T : unmanaged, INumber<T> => ElementwiseKernel.BinaryInto<T, DivOp<T>>(a, b, destination);
}

public static partial class MaskedTensorOperators
{
    extension<T>(MaskedTensor<T>) where T : unmanaged, INumber<T>
    {
        /// <summary>Elementwise quotient; valid where both sides are valid; shapes broadcast (integers divide as C# does). See <see cref="MaskedTensor.Div{T}(MaskedTensor{T}, MaskedTensor{T})"/>.</summary>
        /// <exception cref="ArgumentNullException">An operand is null.</exception>
        /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
        /// <exception cref="DivideByZeroException">Integer division by zero at a valid entry.</exception>
        public static MaskedTensor<T> operator /(MaskedTensor<T> a, MaskedTensor<T> b) => MaskedTensor.Div(a, b);
        /// <summary>Divides by a scalar.</summary>
        /// <exception cref="ArgumentNullException">The tensor is null.</exception>
        /// <exception cref="DivideByZeroException">Integer division by zero at a valid entry.</exception>
        public static MaskedTensor<T> operator /(MaskedTensor<T> a, T b) => MaskedTensor.Div(a, MaskedTensor.Scalar(b));
        /// <summary>Scalar divided by tensor.</summary>
        /// <exception cref="ArgumentNullException">The tensor is null.</exception>
        /// <exception cref="DivideByZeroException">Integer division by zero at a valid entry.</exception>
        public static MaskedTensor<T> operator /(T a, MaskedTensor<T> b) => MaskedTensor.Div(MaskedTensor.Scalar(a), b);
    }
}
