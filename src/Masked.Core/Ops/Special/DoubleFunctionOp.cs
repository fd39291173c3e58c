using System.Numerics;
using Masked.Kernels;

namespace Masked;

/// <summary>A scalar function of double applied elementwise in T (float inputs are widened, the result rounded back).</summary>
internal interface IDoubleFunction
{
    static abstract double Invoke(double x);
}

/// <summary>Runs an <see cref="IDoubleFunction"/> as a unary operator. Total: the functions never throw, so garbage is safe.</summary>
internal struct DoubleFunctionOp<T, TF> : IUnaryOperator<T> where T : IFloatingPointIeee754<T> where TF : IDoubleFunction
{
    public static T Invoke(T x) => T.CreateTruncating(TF.Invoke(double.CreateTruncating(x)));
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(x[i]); }
}

/// <summary>
/// The special functions (the <c>torch.special</c> family: <c>Erf Erfc Erfinv Lgamma Digamma I0 Sinc Logit</c>, one file each
/// in <c>Ops/Special/</c>) are evaluated in double precision (<c>Kernels/SpecialMath</c>) through <see cref="DoubleFunctionOp{T, TF}"/>
/// and rounded to the tensor's type.
/// </summary>
public static partial class MaskedTensor
{
    /// <summary>The output gradient times the derivative <typeparamref name="TF"/> evaluated at x, in double precision.</summary>
    private static MaskedTensor<T> ChainDouble<T, TF>(MaskedTensor<T> g, MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> where TF : IDoubleFunction
        => ChainUnary<T, DoubleFunctionOp<T, TF>>(g, x);
}
