namespace Masked.Kernels;

/// <summary>An elementwise unary operator: a scalar rule and a span rule (usually <c>TensorPrimitives</c>).</summary>
internal interface IUnaryOperator<T>
{
    /// <summary>The scalar rule.</summary>
    static abstract T Invoke(T x);

    /// <summary>The span rule; must equal the scalar rule element by element.</summary>
    static abstract void Invoke(ReadOnlySpan<T> x, Span<T> destination);

    /// <summary>
    /// False when running the operator on garbage in masked slots could throw (<c>Abs</c> of an integer
    /// <c>MinValue</c>): mixed words then run element by element over valid slots only.
    /// </summary>
    static virtual bool SafeOnGarbage => true;
}

/// <summary>An elementwise binary operator: a scalar rule and a span rule.</summary>
internal interface IBinaryOperator<T>
{
    /// <summary>The scalar rule.</summary>
    static abstract T Invoke(T a, T b);

    /// <summary>The span rule; must equal the scalar rule element by element.</summary>
    static abstract void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination);

    /// <summary>
    /// False when running the operator on garbage in masked slots could throw (integer division by zero):
    /// mixed words then run element by element over valid slots only.
    /// </summary>
    static virtual bool SafeOnGarbage => true;
}

/// <summary>An elementwise comparison yielding bool: a scalar rule and, where <see cref="Vectorized"/>, a vector rule.</summary>
internal interface IBinaryPredicate<T> where T : unmanaged
{
    /// <summary>The scalar rule.</summary>
    static abstract bool Invoke(T a, T b);

    /// <summary>The vector rule (all-ones lanes where true); must equal the scalar rule lane by lane.</summary>
    static virtual TVec Invoke<TVec, TOps>(TVec a, TVec b) where TVec : struct where TOps : ISimdOps<TVec, T> => ThrowHelper.ThrowNotSupported<TVec>("This operator has no vector rule.");

    /// <summary>Whether the vector rule is implemented.</summary>
    static virtual bool Vectorized => false;
}
