using System.Numerics;
using Masked.Kernels;

namespace Masked;

/// <summary>
/// What autograd's engine (generic over any element type) needs of the numeric ops: gradient accumulation, a ones seed
/// and broadcasting's backward. Only float and double tensors take gradients; other element types get an instance that
/// says so. (The operators do not go through this: they are extension operators constrained to INumber.)
/// </summary>
internal abstract class GradMath<T> where T : unmanaged
{
    public static readonly GradMath<T> Instance = Create();

    private static GradMath<T> Create()
    {
        if (typeof(T) == typeof(float)) return (GradMath<T>)(object)new NumberMath<float>();
        if (typeof(T) == typeof(double)) return (GradMath<T>)(object)new NumberMath<double>();
        if (typeof(T) == typeof(int)) return (GradMath<T>)(object)new NumberMath<int>();
        if (typeof(T) == typeof(long)) return (GradMath<T>)(object)new NumberMath<long>();
        return new NoMath();
    }

    /// <summary>Sum over the union of two masks: valid where either is valid, adding only valid values.</summary>
    public MaskedTensor<T> AddUnion(MaskedTensor<T> a, MaskedTensor<T> b) => AddUnion(a, b, overwriteA: false);
    /// <summary>Sum over the union of two masks; with <paramref name="overwriteA"/> it may be written over a's data array (nothing else reads it).</summary>
    public abstract MaskedTensor<T> AddUnion(MaskedTensor<T> a, MaskedTensor<T> b, bool overwriteA);
    /// <summary>Ones with <paramref name="like"/>'s shape and mask.</summary>
    public abstract MaskedTensor<T> OnesLike(MaskedTensor<T> like);
    /// <summary>Masked sum of a broadcast gradient back down to <paramref name="shape"/>.</summary>
    public abstract MaskedTensor<T> SumToShape(MaskedTensor<T> g, int[] shape);

    private sealed class NoMath : GradMath<T>
    {
        private static NotSupportedException Fail() => new($"Gradients are not defined for {typeof(T).Name} tensors.");
        public override MaskedTensor<T> AddUnion(MaskedTensor<T> a, MaskedTensor<T> b, bool overwriteA) => throw Fail();
        public override MaskedTensor<T> OnesLike(MaskedTensor<T> like) => throw Fail();
        public override MaskedTensor<T> SumToShape(MaskedTensor<T> g, int[] shape) => throw Fail();
    }
}

/// <summary>The numeric element types' gradient helpers.</summary>
internal sealed class NumberMath<T> : GradMath<T> where T : unmanaged, INumber<T>
{
    public override MaskedTensor<T> AddUnion(MaskedTensor<T> a, MaskedTensor<T> b, bool overwriteA) => UnionKernel.Add(a, b, overwriteA);

    public override MaskedTensor<T> SumToShape(MaskedTensor<T> g, int[] shape) => Reductions.SumToShape(g, shape);

    public override MaskedTensor<T> OnesLike(MaskedTensor<T> like)
    {
        var data = new T[like.Length];
        Array.Fill(data, T.One);
        var c = like.Dense();
        ValidityBitmap? mask = c._bitmap is null ? null : c._bitmap.Rebase(c.MaskBitStart, c.Length);
        return MaskedTensor<T>.Contiguous(data, mask, (int[])like._shape.Clone());
    }
}

/// <summary>
/// The arithmetic and comparison operators of <see cref="MaskedTensor{T}"/>: C# 14 extension operators constrained to
/// <see cref="INumber{T}"/> (as <c>Tensor.op_Addition</c> in System.Numerics.Tensors), so that <c>bool + bool</c> is a
/// compile-time error rather than a run-time one; masked bools get their own block (elementwise equality). Each operator
/// is the named op (<c>a + b</c> is <see cref="MaskedTensor.Add{T}(MaskedTensor{T}, MaskedTensor{T})"/>, and so on):
/// valid where both sides are valid, shapes broadcast by NumPy's rules. This file holds the comparisons; each
/// arithmetic operator lives with its op in <c>Ops/Arithmetic/</c> (<c>Add.cs</c>, <c>Subtract.cs</c>, <c>Multiply.cs</c>, <c>Divide.cs</c>, <c>Negate.cs</c>).
/// </summary>
public static partial class MaskedTensorOperators
{
    extension<T>(MaskedTensor<T>) where T : unmanaged, INumber<T>
    {
        /// <summary>Elementwise <c>&lt;</c> (bool result; valid where both sides are valid).</summary>
        public static MaskedTensor<bool> operator <(MaskedTensor<T> a, MaskedTensor<T> b) => MaskedTensor.Lt(a, b);
        /// <summary>Elementwise <c>&gt;</c>.</summary>
        public static MaskedTensor<bool> operator >(MaskedTensor<T> a, MaskedTensor<T> b) => MaskedTensor.Gt(a, b);
        /// <summary>Elementwise <c>&lt;=</c>.</summary>
        public static MaskedTensor<bool> operator <=(MaskedTensor<T> a, MaskedTensor<T> b) => MaskedTensor.Le(a, b);
        /// <summary>Elementwise <c>&gt;=</c>.</summary>
        public static MaskedTensor<bool> operator >=(MaskedTensor<T> a, MaskedTensor<T> b) => MaskedTensor.Ge(a, b);
        /// <summary>Elementwise <c>&lt;</c> against a scalar.</summary>
        public static MaskedTensor<bool> operator <(MaskedTensor<T> a, T b) => MaskedTensor.Lt(a, MaskedTensor.Scalar(b));
        /// <summary>Elementwise <c>&gt;</c> against a scalar.</summary>
        public static MaskedTensor<bool> operator >(MaskedTensor<T> a, T b) => MaskedTensor.Gt(a, MaskedTensor.Scalar(b));
        /// <summary>Elementwise <c>&lt;=</c> against a scalar.</summary>
        public static MaskedTensor<bool> operator <=(MaskedTensor<T> a, T b) => MaskedTensor.Le(a, MaskedTensor.Scalar(b));
        /// <summary>Elementwise <c>&gt;=</c> against a scalar.</summary>
        public static MaskedTensor<bool> operator >=(MaskedTensor<T> a, T b) => MaskedTensor.Ge(a, MaskedTensor.Scalar(b));
    }

    extension<T>(MaskedTensor<T> a) where T : unmanaged, INumber<T>
    {
        /// <summary>Elementwise equality (bool result). <c>==</c> is kept as reference equality, as for any class; use this.</summary>
        public MaskedTensor<bool> ElementwiseEquals(MaskedTensor<T> other) => MaskedTensor.Eq(a, other);
        /// <summary>Elementwise inequality (bool result).</summary>
        public MaskedTensor<bool> ElementwiseNotEquals(MaskedTensor<T> other) => MaskedTensor.Ne(a, other);
    }

    extension(MaskedTensor<bool> a)
    {
        /// <summary>Elementwise equality of masked bools (valid where both sides are valid).</summary>
        public MaskedTensor<bool> ElementwiseEquals(MaskedTensor<bool> other) => ElementwiseKernel.Compare<bool, EqBool>(a, other);
        /// <summary>Elementwise inequality of masked bools (valid where both sides are valid).</summary>
        public MaskedTensor<bool> ElementwiseNotEquals(MaskedTensor<bool> other) => ElementwiseKernel.Compare<bool, NeBool>(a, other);
    }

    private struct EqBool : IBinaryPredicate<bool> { public static bool Invoke(bool a, bool b) => a == b; }
    private struct NeBool : IBinaryPredicate<bool> { public static bool Invoke(bool a, bool b) => a != b; }
}
