using Masked.Kernels;

namespace Masked;

/// <summary>
/// Bitwise ops: <c>BitwiseNot BitwiseAnd BitwiseOr BitwiseXor</c> on int, long and bool tensors (logical for bool), and
/// <c>BitwiseLeftShift BitwiseRightShift</c> on int and long. Strict masks: a binary result is valid where both sides are
/// valid (for SQL-style three-valued logic on bools see <see cref="KleeneAnd(MaskedTensor{bool}, MaskedTensor{bool})"/> and <see cref="KleeneOr(MaskedTensor{bool}, MaskedTensor{bool})"/>). Shapes
/// broadcast; a scalar overload and a destination overload beside each, one file per op in <c>Ops/Bitwise/</c>. Not
/// differentiable (integer and bool results).
/// </summary>
public static partial class MaskedTensor
{
    private static MaskedTensor<T> Strict<T, TOp>(MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged where TOp : IBinaryOperator<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return ElementwiseKernel.Binary<T, TOp>(a, b);
    }

    private static void StrictInto<T, TOp>(MaskedTensor<T> a, MaskedTensor<T> b, MaskedTensor<T> destination) where T : unmanaged where TOp : IBinaryOperator<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(destination);
        ElementwiseKernel.BinaryInto<T, TOp>(a, b, destination);
    }
}
