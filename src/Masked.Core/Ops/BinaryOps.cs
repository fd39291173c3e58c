using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

internal struct Atan2Op<T> : IBinaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static T Invoke(T a, T b) => T.Atan2(a, b);
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Atan2(a, b, d);
}

internal struct FmodOp<T> : IBinaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static T Invoke(T a, T b) => a % b;
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = a[i] % b[i]; }
}

internal struct RemainderOp<T> : IBinaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static T Invoke(T a, T b)
    {
        T r = a % b;
        return r != T.Zero && (r < T.Zero) != (b < T.Zero) ? r + b : r;
    }
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b[i]); }
}

internal struct LogAddExpOp<T> : IBinaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static T Invoke(T a, T b)
    {
        if (T.IsNegativeInfinity(a) && T.IsNegativeInfinity(b)) return a;
        if (a == b) return a + T.Log(T.CreateTruncating(2));
        T m = T.Max(a, b);
        return m + T.LogP1(T.Exp(-T.Abs(a - b)));
    }
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b[i]); }
}

internal struct PowOp<T> : IBinaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static T Invoke(T a, T b) => T.Pow(a, b);
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Pow(a, b, d);
}

public static partial class MaskedTensor
{
    /// <summary>The gradient for <paramref name="input"/> (summed back over broadcast dims), or null when it needs none.</summary>
    private static MaskedTensor<T>? GradFor<T>(MaskedTensor<T> input, Func<MaskedTensor<T>> compute) where T : unmanaged, INumber<T>
        => input.RequiresGrad ? Reductions.SumToShape(compute(), input._shape) : null;

    /// <summary>Elementwise negation.</summary>
    public static MaskedTensor<T> Neg<T>(this MaskedTensor<T> x) where T : unmanaged, INumber<T>
        => Autograd.Record(ElementwiseKernel.Unary<T, NegOp<T>>(x), g => [Neg(g)], x);

    /// <summary>Elementwise <c>atan2(a, b)</c>.</summary>
    public static MaskedTensor<T> Atan2<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
        => Autograd.Record(ElementwiseKernel.Binary<T, Atan2Op<T>>(a, b), g =>
        {
            var den = Add(Mul(a, a), Mul(b, b));
            return [GradFor(a, () => Div(Mul(g, b), den)), GradFor(b, () => Neg(Div(Mul(g, a), den)))];
        }, a, b);

    /// <summary>Elementwise C-style remainder (<c>torch.fmod</c>): the sign follows <paramref name="a"/>.</summary>
    public static MaskedTensor<T> Fmod<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
        => Autograd.Record(ElementwiseKernel.Binary<T, FmodOp<T>>(a, b),
            g => [GradFor(a, () => g), GradFor(b, () => Neg(Mul(g, Trunc(Div(a, b)))))], a, b);

    /// <summary>Elementwise Python-style remainder (<c>torch.remainder</c>): the sign follows <paramref name="b"/>.</summary>
    public static MaskedTensor<T> Remainder<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
        => Autograd.Record(ElementwiseKernel.Binary<T, RemainderOp<T>>(a, b),
            g => [GradFor(a, () => g), GradFor(b, () => Neg(Mul(g, Floor(Div(a, b)))))], a, b);

    /// <summary>Elementwise <c>log(exp(a) + exp(b))</c>, computed stably.</summary>
    public static MaskedTensor<T> LogAddExp<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = ElementwiseKernel.Binary<T, LogAddExpOp<T>>(a, b);
        return Autograd.Record(y, g => [GradFor(a, () => Mul(g, Exp(Sub(a, y)))), GradFor(b, () => Mul(g, Exp(Sub(b, y))))], a, b);
    }

    /// <summary>Elementwise <c>a ** b</c>.</summary>
    public static MaskedTensor<T> Pow<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = ElementwiseKernel.Binary<T, PowOp<T>>(a, b);
        return Autograd.Record(y, g => [
            GradFor(a, () => Mul(g, Mul(b, ElementwiseKernel.Binary<T, PowOp<T>>(a, Sub(b, Scalar(T.One)))))),
            GradFor(b, () => Mul(g, Mul(y, Log(a))))], a, b);
    }

    /// <summary>Elementwise <c>x ** exponent</c>; the gradient at <c>exponent == 0</c> is 0.</summary>
    public static MaskedTensor<T> Pow<T>(this MaskedTensor<T> x, T exponent) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = ElementwiseKernel.Binary<T, PowOp<T>>(x, Scalar(exponent));
        return Autograd.Record(y, g => exponent == T.Zero
            ? [Mul(g, Scalar(T.Zero))]
            : [Mul(g, Mul(Scalar(exponent), ElementwiseKernel.Binary<T, PowOp<T>>(x, Scalar(exponent - T.One))))], x);
    }
}
