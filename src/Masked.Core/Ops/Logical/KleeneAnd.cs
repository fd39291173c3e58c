using Masked.Kernels;

namespace Masked;

// KleeneAnd: SQL's three-valued AND (Arrow's and_kleene; torch has no masked counterpart), on the bitmap words of Kernels/KleeneKernel.
public static partial class MaskedTensor
{
    /// <summary>
    /// SQL AND (Arrow <c>and_kleene</c>): false where either side is a valid false, true where both are valid trues, masked otherwise.
    /// Shapes broadcast. Works 64 entries at a time on bitmap words.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    /// <remarks>No torch function: Kleene three-valued logic (a masked operand is "unknown"), beyond torch.</remarks>
    public static MaskedTensor<bool> KleeneAnd(this MaskedTensor<bool> a, MaskedTensor<bool> b) => Kleene<KleeneAndOperator>(a, b, null);

    /// <summary>SQL AND with a known value: <c>a AND false</c> is all false (valid everywhere), <c>a AND true</c> is a.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <remarks>No torch function: Kleene three-valued logic (a masked operand is "unknown"), beyond torch.</remarks>
    public static MaskedTensor<bool> KleeneAnd(this MaskedTensor<bool> a, bool scalar) => Kleene<KleeneAndOperator>(a, Scalar(scalar), null);

    /// <summary>destination = a AND b in Kleene logic (values and validity; the only allocation is for broadcast or strided operands).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together, or the destination's shape differs from the result's, it is not contiguous, or it has no validity bitmap while an operand is masked.</exception>
    /// <remarks>No torch function: Kleene three-valued logic (a masked operand is "unknown"), beyond torch.</remarks>
    public static void KleeneAnd(MaskedTensor<bool> a, MaskedTensor<bool> b, MaskedTensor<bool> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Kleene<KleeneAndOperator>(a, b, destination);
    }
}
