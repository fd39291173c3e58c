using System.Numerics;

namespace Masked;

/// <summary>
/// The arithmetic and comparison operators of <see cref="MaskedTensor{T}"/>: C# 14 extension operators constrained to
/// <see cref="INumber{T}"/> (as <c>Tensor.op_Addition</c> in System.Numerics.Tensors), so that <c>bool + bool</c> is a
/// compile-time error rather than a run-time one; masked bools get their own block (elementwise equality). Each operator
/// is the named op (<c>a + b</c> is <see cref="MaskedTensor.Add{T}(MaskedTensor{T}, MaskedTensor{T})"/>, and so on):
/// valid where both sides are valid, shapes broadcast by NumPy's rules. Each operator is declared in its op's
/// own file, beside the op: <c>Ops/Arithmetic/</c> (<c>Add.cs</c>, <c>Subtract.cs</c>, <c>Multiply.cs</c>, <c>Divide.cs</c>, <c>Negate.cs</c>)
/// and <c>Ops/Comparison/</c> (<c>Less.cs</c>, …, <c>Equal.cs</c> and <c>NotEqual.cs</c> with <c>ElementwiseEquals</c>/<c>ElementwiseNotEquals</c>).
/// </summary>
public static partial class MaskedTensorOperators
{
}
