using System.Numerics;
using Masked.Kernels;

namespace Masked;

/// <summary>The <c>a &gt; b</c> predicate: a scalar rule and a vector-compare rule.</summary>
internal struct GtOp<T> : IBinaryPredicate<T> where T : unmanaged, INumber<T>
{
    public static bool Invoke(T a, T b) => a > b;
    public static TVec Invoke<TVec, TOps>(TVec a, TVec b) where TVec : struct where TOps : ISimdOps<TVec, T> => TOps.GreaterThan(a, b);
    public static bool Vectorized => true;
}

// Gt: elementwise >, following torch.gt (https://pytorch.org/docs/stable/generated/torch.gt.html): allocating and scalar overloads (bool result, not differentiable), the operator.
public static partial class MaskedTensor
{
    /// <summary>
    /// Elementwise <c>a &gt; b</c>, as <see href="https://pytorch.org/docs/stable/generated/torch.gt.html"><c>torch.gt</c></see>: a bool result, valid where both sides are valid (a masked entry is never
    /// "less" or "equal"); shapes broadcast. Not recorded for autograd.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<bool> Gt<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, INumber<T> => MaskedTrace.Note(ElementwiseKernel.Compare<T, GtOp<T>>(a, b), "Gt", a, b);

    /// <summary>Elementwise <c>a &gt; scalar</c> (<see href="https://pytorch.org/docs/stable/generated/torch.gt.html"><c>torch.gt</c></see> with a Python number).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static MaskedTensor<bool> Gt<T>(this MaskedTensor<T> a, T scalar) where T : unmanaged, INumber<T> => Gt(a, Scalar(scalar));
}

public static partial class MaskedTensorOperators
{
    extension<T>(MaskedTensor<T>) where T : unmanaged, INumber<T>
    {
        /// <summary>Elementwise <c>&gt;</c> (bool result; valid where both sides are valid). See <see cref="MaskedTensor.Gt{T}(MaskedTensor{T}, MaskedTensor{T})"/>.</summary>
        /// <exception cref="ArgumentNullException">An operand is null.</exception>
        /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
        public static MaskedTensor<bool> operator >(MaskedTensor<T> a, MaskedTensor<T> b) => MaskedTensor.Gt(a, b);
        /// <summary>Elementwise <c>&gt;</c> against a scalar.</summary>
        /// <exception cref="ArgumentNullException">The tensor is null.</exception>
        public static MaskedTensor<bool> operator >(MaskedTensor<T> a, T b) => MaskedTensor.Gt(a, MaskedTensor.Scalar(b));
    }
}
