using System.Numerics;

namespace Masked;

// The backward helper every binary op shares (each op's own file holds its backward rule).
public static partial class MaskedTensor
{
    /// <summary>The gradient for <paramref name="input"/> (summed back over broadcast dims), or null when it needs none.</summary>
    private static MaskedTensor<T>? GradFor<T>(MaskedTensor<T> input, Func<MaskedTensor<T>> compute) where T : unmanaged, INumber<T>
        => input.RequiresGrad ? Reductions.SumToShape(compute(), input._shape) : null;
}
