using Masked.Kernels;

namespace Masked;

// KleeneOr: SQL's three-valued OR (Arrow's or_kleene; torch has no masked counterpart), on the bitmap words of Kernels/KleeneKernel.
public static partial class MaskedTensor
{
    /// <summary>
    /// SQL OR (Arrow <c>or_kleene</c>): true where either side is a valid true, false where both are valid falses, masked otherwise.
    /// Shapes broadcast. Works 64 entries at a time on bitmap words.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    /// <remarks>No torch function: Kleene three-valued logic (a masked operand is "unknown"), beyond torch.</remarks>
    public static MaskedTensor<bool> KleeneOr(this MaskedTensor<bool> a, MaskedTensor<bool> b) => Kleene<KleeneOrOperator>(a, b, null);

    /// <summary>SQL OR with a known value: <c>a OR true</c> is all true (valid everywhere), <c>a OR false</c> is a.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <remarks>No torch function: Kleene three-valued logic (a masked operand is "unknown"), beyond torch.</remarks>
    public static MaskedTensor<bool> KleeneOr(this MaskedTensor<bool> a, bool scalar) => Kleene<KleeneOrOperator>(a, Scalar(scalar), null);

    /// <summary>destination = a OR b in Kleene logic.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (see <see cref="KleeneAnd(MaskedTensor{bool}, MaskedTensor{bool}, MaskedTensor{bool})"/>).</exception>
    /// <remarks>No torch function: Kleene three-valued logic (a masked operand is "unknown"), beyond torch.</remarks>
    public static void KleeneOr(MaskedTensor<bool> a, MaskedTensor<bool> b, MaskedTensor<bool> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Kleene<KleeneOrOperator>(a, b, destination);
    }
}
