using System.Numerics;
using Masked.Kernels;

namespace Masked;

/// <summary>The <c>a == b</c> predicate: a scalar rule and a vector-compare rule.</summary>
internal struct EqOp<T> : IBinaryPredicate<T> where T : unmanaged, INumber<T>
{
    public static bool Invoke(T a, T b) => a == b;
    public static TVec Invoke<TVec, TOps>(TVec a, TVec b) where TVec : struct where TOps : ISimdOps<TVec, T> => TOps.Equals(a, b);
    public static bool Vectorized => true;
}

// Eq: elementwise ==, following torch.eq (https://pytorch.org/docs/stable/generated/torch.eq.html): allocating and scalar overloads (bool result, not differentiable), the operator.
public static partial class MaskedTensor
{
    /// <summary>
    /// Elementwise <c>a == b</c>, as <see href="https://pytorch.org/docs/stable/generated/torch.eq.html"><c>torch.eq</c></see>: a bool result, valid where both sides are valid (a masked entry is never
    /// "less" or "equal"); shapes broadcast. Not recorded for autograd.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<bool> Eq<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, INumber<T> => MaskedTrace.Note(ElementwiseKernel.Compare<T, EqOp<T>>(a, b), "Eq", a, b);

    /// <summary>Elementwise <c>a == scalar</c> (<see href="https://pytorch.org/docs/stable/generated/torch.eq.html"><c>torch.eq</c></see> with a Python number).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static MaskedTensor<bool> Eq<T>(this MaskedTensor<T> a, T scalar) where T : unmanaged, INumber<T> => Eq(a, Scalar(scalar));
}

public static partial class MaskedTensorOperators
{
    extension<T>(MaskedTensor<T> a) where T : unmanaged, INumber<T>
    {
        /// <summary>Elementwise equality (bool result). <c>==</c> is kept as reference equality, as for any class; use this.</summary>
        public MaskedTensor<bool> ElementwiseEquals(MaskedTensor<T> other) => MaskedTensor.Eq(a, other);
    }

    extension(MaskedTensor<bool> a)
    {
        /// <summary>Elementwise equality of masked bools (valid where both sides are valid).</summary>
        public MaskedTensor<bool> ElementwiseEquals(MaskedTensor<bool> other) => ElementwiseKernel.Compare<bool, EqBool>(a, other);
    }

    private struct EqBool : IBinaryPredicate<bool> { public static bool Invoke(bool a, bool b) => a == b; }
}
