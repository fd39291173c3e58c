using System.Numerics;
using Masked.Kernels;

namespace Masked;

/// <summary>
/// Runtime bridge from the unconstrained <see cref="MaskedTensor{T}"/> (whose operators cannot name
/// <see cref="INumber{T}"/>) to the constrained generic ops. One instance per element type.
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

    public abstract MaskedTensor<T> Add(MaskedTensor<T> a, MaskedTensor<T> b);
    public abstract MaskedTensor<T> Sub(MaskedTensor<T> a, MaskedTensor<T> b);
    public abstract MaskedTensor<T> Mul(MaskedTensor<T> a, MaskedTensor<T> b);
    public abstract MaskedTensor<T> Div(MaskedTensor<T> a, MaskedTensor<T> b);
    public abstract MaskedTensor<T> Neg(MaskedTensor<T> a);
    public abstract MaskedTensor<bool> Compare(MaskedTensor<T> a, MaskedTensor<T> b, ComparisonKind kind);
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
        private static NotSupportedException Fail() => new($"Arithmetic is not defined for {typeof(T).Name} tensors.");
        public override MaskedTensor<T> Add(MaskedTensor<T> a, MaskedTensor<T> b) => throw Fail();
        public override MaskedTensor<T> Sub(MaskedTensor<T> a, MaskedTensor<T> b) => throw Fail();
        public override MaskedTensor<T> Mul(MaskedTensor<T> a, MaskedTensor<T> b) => throw Fail();
        public override MaskedTensor<T> Div(MaskedTensor<T> a, MaskedTensor<T> b) => throw Fail();
        public override MaskedTensor<T> Neg(MaskedTensor<T> a) => throw Fail();
        public override MaskedTensor<bool> Compare(MaskedTensor<T> a, MaskedTensor<T> b, ComparisonKind kind)
        {
            if (typeof(T) == typeof(bool) && kind is ComparisonKind.Eq or ComparisonKind.Ne)
            {
                var ab = (MaskedTensor<bool>)(object)a; var bb = (MaskedTensor<bool>)(object)b;
                return kind == ComparisonKind.Eq ? ElementwiseKernel.Compare<bool, EqBool>(ab, bb) : ElementwiseKernel.Compare<bool, NeBool>(ab, bb);
            }
            throw Fail();
        }
        public override MaskedTensor<T> AddUnion(MaskedTensor<T> a, MaskedTensor<T> b, bool overwriteA) => throw Fail();
        public override MaskedTensor<T> OnesLike(MaskedTensor<T> like) => throw Fail();
        public override MaskedTensor<T> SumToShape(MaskedTensor<T> g, int[] shape) => throw Fail();
        private struct EqBool : IBinaryPredicate<bool> { public static bool Invoke(bool a, bool b) => a == b; }
        private struct NeBool : IBinaryPredicate<bool> { public static bool Invoke(bool a, bool b) => a != b; }
    }
}

internal enum ComparisonKind { Eq, Ne, Lt, Le, Gt, Ge }

internal sealed class NumberMath<T> : GradMath<T> where T : unmanaged, INumber<T>
{
    public override MaskedTensor<T> Add(MaskedTensor<T> a, MaskedTensor<T> b) => MaskedTensor.Add(a, b);
    public override MaskedTensor<T> Sub(MaskedTensor<T> a, MaskedTensor<T> b) => MaskedTensor.Sub(a, b);
    public override MaskedTensor<T> Mul(MaskedTensor<T> a, MaskedTensor<T> b) => MaskedTensor.Mul(a, b);
    public override MaskedTensor<T> Div(MaskedTensor<T> a, MaskedTensor<T> b) => MaskedTensor.Div(a, b);
    public override MaskedTensor<T> Neg(MaskedTensor<T> a) => MaskedTensor.Neg(a);
    public override MaskedTensor<bool> Compare(MaskedTensor<T> a, MaskedTensor<T> b, ComparisonKind kind) => kind switch
    {
        ComparisonKind.Eq => MaskedTensor.Eq(a, b),
        ComparisonKind.Ne => MaskedTensor.Ne(a, b),
        ComparisonKind.Lt => MaskedTensor.Lt(a, b),
        ComparisonKind.Le => MaskedTensor.Le(a, b),
        ComparisonKind.Gt => MaskedTensor.Gt(a, b),
        _ => MaskedTensor.Ge(a, b),
    };

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

public sealed partial class MaskedTensor<T>
{
    /// <summary>Elementwise sum; valid where both sides are valid; shapes broadcast.</summary>
    public static MaskedTensor<T> operator +(MaskedTensor<T> a, MaskedTensor<T> b) => GradMath<T>.Instance.Add(a, b);
    /// <summary>Elementwise difference; valid where both sides are valid; shapes broadcast.</summary>
    public static MaskedTensor<T> operator -(MaskedTensor<T> a, MaskedTensor<T> b) => GradMath<T>.Instance.Sub(a, b);
    /// <summary>Elementwise product; valid where both sides are valid; shapes broadcast.</summary>
    public static MaskedTensor<T> operator *(MaskedTensor<T> a, MaskedTensor<T> b) => GradMath<T>.Instance.Mul(a, b);
    /// <summary>Elementwise quotient; valid where both sides are valid; shapes broadcast (integers divide as C# does).</summary>
    public static MaskedTensor<T> operator /(MaskedTensor<T> a, MaskedTensor<T> b) => GradMath<T>.Instance.Div(a, b);
    /// <summary>Adds a scalar.</summary>
    public static MaskedTensor<T> operator +(MaskedTensor<T> a, T b) => GradMath<T>.Instance.Add(a, MaskedTensor.Scalar(b));
    /// <summary>Subtracts a scalar.</summary>
    public static MaskedTensor<T> operator -(MaskedTensor<T> a, T b) => GradMath<T>.Instance.Sub(a, MaskedTensor.Scalar(b));
    /// <summary>Multiplies by a scalar.</summary>
    public static MaskedTensor<T> operator *(MaskedTensor<T> a, T b) => GradMath<T>.Instance.Mul(a, MaskedTensor.Scalar(b));
    /// <summary>Divides by a scalar.</summary>
    public static MaskedTensor<T> operator /(MaskedTensor<T> a, T b) => GradMath<T>.Instance.Div(a, MaskedTensor.Scalar(b));
    /// <summary>Scalar plus tensor.</summary>
    public static MaskedTensor<T> operator +(T a, MaskedTensor<T> b) => GradMath<T>.Instance.Add(MaskedTensor.Scalar(a), b);
    /// <summary>Scalar minus tensor.</summary>
    public static MaskedTensor<T> operator -(T a, MaskedTensor<T> b) => GradMath<T>.Instance.Sub(MaskedTensor.Scalar(a), b);
    /// <summary>Scalar times tensor.</summary>
    public static MaskedTensor<T> operator *(T a, MaskedTensor<T> b) => GradMath<T>.Instance.Mul(MaskedTensor.Scalar(a), b);
    /// <summary>Scalar divided by tensor.</summary>
    public static MaskedTensor<T> operator /(T a, MaskedTensor<T> b) => GradMath<T>.Instance.Div(MaskedTensor.Scalar(a), b);
    /// <summary>Elementwise negation.</summary>
    public static MaskedTensor<T> operator -(MaskedTensor<T> a) => GradMath<T>.Instance.Neg(a);
    /// <summary>Elementwise <c>&lt;</c> (bool result; valid where both sides are valid).</summary>
    public static MaskedTensor<bool> operator <(MaskedTensor<T> a, MaskedTensor<T> b) => GradMath<T>.Instance.Compare(a, b, ComparisonKind.Lt);
    /// <summary>Elementwise <c>&gt;</c>.</summary>
    public static MaskedTensor<bool> operator >(MaskedTensor<T> a, MaskedTensor<T> b) => GradMath<T>.Instance.Compare(a, b, ComparisonKind.Gt);
    /// <summary>Elementwise <c>&lt;=</c>.</summary>
    public static MaskedTensor<bool> operator <=(MaskedTensor<T> a, MaskedTensor<T> b) => GradMath<T>.Instance.Compare(a, b, ComparisonKind.Le);
    /// <summary>Elementwise <c>&gt;=</c>.</summary>
    public static MaskedTensor<bool> operator >=(MaskedTensor<T> a, MaskedTensor<T> b) => GradMath<T>.Instance.Compare(a, b, ComparisonKind.Ge);
    /// <summary>Elementwise <c>&lt;</c> against a scalar.</summary>
    public static MaskedTensor<bool> operator <(MaskedTensor<T> a, T b) => GradMath<T>.Instance.Compare(a, MaskedTensor.Scalar(b), ComparisonKind.Lt);
    /// <summary>Elementwise <c>&gt;</c> against a scalar.</summary>
    public static MaskedTensor<bool> operator >(MaskedTensor<T> a, T b) => GradMath<T>.Instance.Compare(a, MaskedTensor.Scalar(b), ComparisonKind.Gt);
    /// <summary>Elementwise <c>&lt;=</c> against a scalar.</summary>
    public static MaskedTensor<bool> operator <=(MaskedTensor<T> a, T b) => GradMath<T>.Instance.Compare(a, MaskedTensor.Scalar(b), ComparisonKind.Le);
    /// <summary>Elementwise <c>&gt;=</c> against a scalar.</summary>
    public static MaskedTensor<bool> operator >=(MaskedTensor<T> a, T b) => GradMath<T>.Instance.Compare(a, MaskedTensor.Scalar(b), ComparisonKind.Ge);

    /// <summary>Elementwise equality (bool result). <c>==</c> is kept as reference equality, as for any class; use this.</summary>
    public MaskedTensor<bool> ElementwiseEquals(MaskedTensor<T> other) => GradMath<T>.Instance.Compare(this, other, ComparisonKind.Eq);
    /// <summary>Elementwise inequality (bool result).</summary>
    public MaskedTensor<bool> ElementwiseNotEquals(MaskedTensor<T> other) => GradMath<T>.Instance.Compare(this, other, ComparisonKind.Ne);
}
