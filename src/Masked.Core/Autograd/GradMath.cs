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
        private static MaskedTensor<T> Fail() => ThrowHelper.ThrowNotSupported<MaskedTensor<T>>($"Gradients are not defined for {typeof(T).Name} tensors.");
        public override MaskedTensor<T> AddUnion(MaskedTensor<T> a, MaskedTensor<T> b, bool overwriteA) => Fail();
        public override MaskedTensor<T> OnesLike(MaskedTensor<T> like) => Fail();
        public override MaskedTensor<T> SumToShape(MaskedTensor<T> g, int[] shape) => Fail();
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
