using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

internal struct AbsOp<T> : IUnaryOperator<T> where T : INumber<T>
{
    public static T Invoke(T x) => T.Abs(x);
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Abs(x, d);
    // Abs of a signed integer's MinValue throws OverflowException: garbage in a masked slot must not reach it.
    public static bool SafeOnGarbage => typeof(T) == typeof(float) || typeof(T) == typeof(double) || typeof(T) == typeof(Half);
}

internal struct SignOp<T> : IUnaryOperator<T> where T : INumber<T>
{
    public static T Invoke(T x) => x > T.Zero ? T.One : x < T.Zero ? -T.One : x;
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(x[i]); }
}

internal struct SquareOp<T> : IUnaryOperator<T> where T : INumber<T>
{
    public static T Invoke(T x) => x * x;
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Multiply(x, x, d);
}

internal struct ExpOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Exp(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Exp(x, d); }
internal struct Expm1Op<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.ExpM1(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.ExpM1(x, d); }
internal struct LogOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Log(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Log(x, d); }
internal struct Log1pOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.LogP1(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.LogP1(x, d); }
internal struct Log2Op<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Log2(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Log2(x, d); }
internal struct Log10Op<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Log10(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Log10(x, d); }
internal struct SqrtOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Sqrt(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Sqrt(x, d); }
internal struct RsqrtOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.One / T.Sqrt(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) { TensorPrimitives.Sqrt(x, d); TensorPrimitives.Reciprocal(d, d); } }
internal struct SinOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Sin(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Sin(x, d); }
internal struct CosOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Cos(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Cos(x, d); }
internal struct TanOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Tan(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Tan(x, d); }
internal struct TanhOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Tanh(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Tanh(x, d); }
internal struct SigmoidOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.One / (T.One + T.Exp(-x)); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Sigmoid(x, d); }
internal struct FloorOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Floor(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Floor(x, d); }
internal struct CeilOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Ceiling(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Ceiling(x, d); }
internal struct RoundOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Round(x, MidpointRounding.ToEven); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Round(x, MidpointRounding.ToEven, d); }
internal struct TruncOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Truncate(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Truncate(x, d); }
internal struct ReciprocalOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.One / x; public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Reciprocal(x, d); }
internal struct AsinOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Asin(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Asin(x, d); }
internal struct AcosOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Acos(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Acos(x, d); }
internal struct AtanOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Atan(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Atan(x, d); }
internal struct SinhOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Sinh(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Sinh(x, d); }
internal struct CoshOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Cosh(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Cosh(x, d); }
internal struct AsinhOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Asinh(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Asinh(x, d); }

/// <summary>Elementwise math. Each op keeps its input's mask; its backward rule sits beside its forward rule.</summary>
public static partial class MaskedTensor
{
    /// <summary>Runs a unary operator and records <paramref name="backward"/> (output gradient, output) → input gradient; the node is named after the op that defined <paramref name="backward"/>.</summary>
    private static MaskedTensor<T> RecordUnary<T, TOp>(MaskedTensor<T> x, Func<MaskedTensor<T>, MaskedTensor<T>, MaskedTensor<T>> backward)
        where T : unmanaged where TOp : IUnaryOperator<T>
    {
        var y = ElementwiseKernel.Unary<T, TOp>(x);
        return MaskedTrace.Note(Autograd.Record(y, g => [backward(g, y)], backward, x), TraceNames.Of<TOp>(), x);
    }

    private static MaskedTensor<T> Constant<T>(double v) where T : unmanaged, INumber<T> => Scalar(T.CreateChecked(v));


    /// <summary>Elementwise absolute value.</summary>
    public static MaskedTensor<T> Abs<T>(this MaskedTensor<T> x) where T : unmanaged, INumber<T> => RecordUnary<T, AbsOp<T>>(x, (g, _) => Mul(g, Sign(x)));
    /// <summary>Elementwise sign (-1, 0, 1; NaN stays NaN).</summary>
    public static MaskedTensor<T> Sign<T>(this MaskedTensor<T> x) where T : unmanaged, INumber<T> => RecordUnary<T, SignOp<T>>(x, (g, _) => ZeroGradientLike(g));
    /// <summary>Elementwise square.</summary>
    public static MaskedTensor<T> Square<T>(this MaskedTensor<T> x) where T : unmanaged, INumber<T> => RecordUnary<T, SquareOp<T>>(x, (g, _) => Mul(g, Mul(x, Constant<T>(2))));
    /// <summary>Elementwise <c>e^x</c>.</summary>
    public static MaskedTensor<T> Exp<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, ExpOp<T>>(x, (g, y) => Mul(g, y));
    /// <summary>Elementwise <c>e^x - 1</c>.</summary>
    public static MaskedTensor<T> Expm1<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, Expm1Op<T>>(x, (g, y) => Mul(g, Add(y, Constant<T>(1))));
    /// <summary>Elementwise natural logarithm.</summary>
    public static MaskedTensor<T> Log<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, LogOp<T>>(x, (g, _) => Div(g, x));
    /// <summary>Elementwise <c>log(1 + x)</c>.</summary>
    public static MaskedTensor<T> Log1p<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, Log1pOp<T>>(x, (g, _) => Div(g, Add(x, Constant<T>(1))));
    /// <summary>Elementwise base-2 logarithm.</summary>
    public static MaskedTensor<T> Log2<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, Log2Op<T>>(x, (g, _) => Div(g, Mul(x, Constant<T>(Math.Log(2)))));
    /// <summary>Elementwise base-10 logarithm.</summary>
    public static MaskedTensor<T> Log10<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, Log10Op<T>>(x, (g, _) => Div(g, Mul(x, Constant<T>(Math.Log(10)))));
    /// <summary>Elementwise square root.</summary>
    public static MaskedTensor<T> Sqrt<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, SqrtOp<T>>(x, (g, y) => Div(Mul(g, Constant<T>(0.5)), y));
    /// <summary>Elementwise <c>1 / sqrt(x)</c>.</summary>
    public static MaskedTensor<T> Rsqrt<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, RsqrtOp<T>>(x, (g, y) => Mul(g, Mul(Mul(y, Mul(y, y)), Constant<T>(-0.5))));
    /// <summary>Elementwise sine.</summary>
    public static MaskedTensor<T> Sin<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, SinOp<T>>(x, (g, _) => Mul(g, Cos(x)));
    /// <summary>Elementwise cosine.</summary>
    public static MaskedTensor<T> Cos<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, CosOp<T>>(x, (g, _) => Neg(Mul(g, Sin(x))));
    /// <summary>Elementwise tangent.</summary>
    public static MaskedTensor<T> Tan<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, TanOp<T>>(x, (g, y) => Mul(g, Add(Mul(y, y), Constant<T>(1))));
    /// <summary>Elementwise hyperbolic tangent.</summary>
    public static MaskedTensor<T> Tanh<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, TanhOp<T>>(x, (g, y) => Mul(g, Sub(Constant<T>(1), Mul(y, y))));
    /// <summary>Elementwise logistic sigmoid.</summary>
    public static MaskedTensor<T> Sigmoid<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, SigmoidOp<T>>(x, (g, y) => Mul(g, Mul(y, Sub(Constant<T>(1), y))));
    /// <summary>Elementwise floor (gradient 0).</summary>
    public static MaskedTensor<T> Floor<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, FloorOp<T>>(x, (g, _) => ZeroGradientLike(g));
    /// <summary>Elementwise ceiling (gradient 0).</summary>
    public static MaskedTensor<T> Ceil<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, CeilOp<T>>(x, (g, _) => ZeroGradientLike(g));
    /// <summary>Elementwise rounding, half to even (gradient 0).</summary>
    public static MaskedTensor<T> Round<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, RoundOp<T>>(x, (g, _) => ZeroGradientLike(g));
    /// <summary>Elementwise truncation toward zero (gradient 0).</summary>
    public static MaskedTensor<T> Trunc<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, TruncOp<T>>(x, (g, _) => ZeroGradientLike(g));
    /// <summary>Elementwise <c>1 / x</c>.</summary>
    public static MaskedTensor<T> Reciprocal<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, ReciprocalOp<T>>(x, (g, y) => Neg(Mul(g, Mul(y, y))));
    /// <summary>Elementwise arcsine.</summary>
    public static MaskedTensor<T> Asin<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, AsinOp<T>>(x, (g, _) => Div(g, Sqrt(Sub(Constant<T>(1), Mul(x, x)))));
    /// <summary>Elementwise arccosine.</summary>
    public static MaskedTensor<T> Acos<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, AcosOp<T>>(x, (g, _) => Neg(Div(g, Sqrt(Sub(Constant<T>(1), Mul(x, x))))));
    /// <summary>Elementwise arctangent.</summary>
    public static MaskedTensor<T> Atan<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, AtanOp<T>>(x, (g, _) => Div(g, Add(Mul(x, x), Constant<T>(1))));
    /// <summary>Elementwise hyperbolic sine.</summary>
    public static MaskedTensor<T> Sinh<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, SinhOp<T>>(x, (g, _) => Mul(g, Cosh(x)));
    /// <summary>Elementwise hyperbolic cosine.</summary>
    public static MaskedTensor<T> Cosh<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, CoshOp<T>>(x, (g, _) => Mul(g, Sinh(x)));
    /// <summary>Elementwise inverse hyperbolic sine.</summary>
    public static MaskedTensor<T> Asinh<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, AsinhOp<T>>(x, (g, _) => Div(g, Sqrt(Add(Mul(x, x), Constant<T>(1)))));

    /// <summary>Clamps valid entries to [<paramref name="min"/>, <paramref name="max"/>]; the gradient is 1 inside the range, 0 outside.</summary>
    public static MaskedTensor<T> Clamp<T>(this MaskedTensor<T> x, T min, T max) where T : unmanaged, INumber<T>
    {
        if (min > max) ThrowHelper.ThrowArgument($"Clamp: min ({min}) is greater than max ({max}).", nameof(min));
        MaskedTensor<T> y;
        using (Autograd.NoGrad()) y = Minimum(Maximum(x, Scalar(min)), Scalar(max));
        return Autograd.Record(y, g => [Mul(g, Mul(ElementwiseKernel.Binary<T, InRangeOp<T>>(x, Scalar(min)), ElementwiseKernel.Binary<T, InRangeOp<T>>(Scalar(max), x)))], x);
    }

    /// <summary>1 where a &gt;= b, else 0.</summary>
    private struct InRangeOp<T> : IBinaryOperator<T> where T : INumber<T>
    {
        public static T Invoke(T a, T b) => a >= b ? T.One : T.Zero;
        public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b[i]); }
    }
}
