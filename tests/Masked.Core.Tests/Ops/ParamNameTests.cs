using Xunit;

namespace Masked.Core.Tests.Ops;

/// <summary>
/// Every argument error names its parameter (<see cref="ArgumentException.ParamName"/>), and index errors are
/// <see cref="ArgumentOutOfRangeException"/>s, not the runtime's reserved <see cref="IndexOutOfRangeException"/>.
/// </summary>
public class ParamNameTests
{
    private static MaskedTensor<float> M(params int[] shape)
        => MaskedTensor.FromArray(new float[shape.Aggregate(1, (a, b) => a * b)], shape);

    private static void Named<TEx>(string param, Action call) where TEx : ArgumentException
    {
        var e = Assert.Throws<TEx>(call);
        Assert.Equal(param, e.ParamName);
    }

    [Fact]
    public void IndexErrors_AreArgumentOutOfRange_NamingTheIndex()
    {
        var t = M(2, 3);
        Named<ArgumentOutOfRangeException>("indices", () => _ = t[^3]);
        Named<ArgumentOutOfRangeException>("indices", () => _ = t[0, 3]);
        Named<ArgumentOutOfRangeException>("index", () => t.Select(1, -4));
        Named<ArgumentOutOfRangeException>("step", () => t.Slice(0, 0, 2, 0));
        Named<ArgumentOutOfRangeException>("dim", () => t.Sum(dim: 5));
        Named<ArgumentOutOfRangeException>("index", () => _ = new ValidityBitmap(new byte[1], 0, 4)[4]);
        Named<ArgumentOutOfRangeException>("start", () => new ValidityBitmap(new byte[1], 0, 4).Slice(2, 5));
    }

    [Fact]
    public void ShapeAndViewErrors_NameTheArgument()
    {
        var t = M(2, 3);
        Named<ArgumentException>("indices", () => _ = t[0, 0, 0]);
        Named<ArgumentException>("dims", () => t.Permute(0));
        Named<ArgumentException>("dims", () => t.Permute(0, 0));
        Named<ArgumentException>("dim", () => t.Squeeze(0));
        Named<ArgumentException>("shape", () => t.BroadcastTo(4, 3));
        Named<ArgumentException>("shape", () => t.Reshape(4, 2));
        Named<ArgumentException>("shape", () => t.Reshape(-1, -1));
        Named<ArgumentException>("shape", () => t.Reshape(-2, 3));
        Named<ArgumentException>("dim", () => MaskedTensor.Scalar(1f).Select(0, 0));
        Named<ArgumentException>("b", () => _ = t + M(2, 4));
        Named<ArgumentException>("dims", () => t.Sum(new[] { 0, 0 }));
        Named<ArgumentException>("b", () => t.MatMul(M(2, 2)));
        Named<ArgumentException>("a", () => M(3).MatMul(M(3, 1)));
        Named<ArgumentException>("min", () => t.Clamp(2f, 1f));
    }

    [Fact]
    public void AutogradAndSparseErrors_NameTheArgument()
    {
        var x = MaskedTensor.FromArray(new double[] { 1, 2 }, 2).RequireGrad();
        var y = x * x;
        Named<ArgumentException>("seed", () => y.Backward(MaskedTensor.FromArray(new double[] { 1, 2, 3 }, 3)));
        Named<ArgumentException>("rows", () => new SparseCsrTensor<float>(-1, 2, [0], [], new float[0]));
        var a = M(2, 2).ToSparseCoo();
        Named<ArgumentException>("b", () => MaskedTensor.Combine(a, M(2, 3).ToSparseCoo(), MaskedTensor.Add));
        Named<ArgumentException>("b", () => M(2, 2).ToSparseCsr().MatMul(M(3, 1)));
        var cond = MaskedTensor.FromArray(new bool[6], 2, 3);
        Named<ArgumentException>("condition", () => MaskedTensor.Where(cond, a, a));
    }

    [Fact]
    public void NullAndRangeChecks_NameTheRealParameter()
    {
        MaskedTensor<float> none = null!;
        var t = M(2, 3);
        Named<ArgumentNullException>("x", () => none.Pow(2f));
        Named<ArgumentNullException>("x", () => none.Clamp(0f, 1f));
        var cond = MaskedTensor.FromArray(new bool[6], 2, 3);
        Named<ArgumentNullException>("a", () => MaskedTensor.Where(cond, none, t));
        Named<ArgumentNullException>("b", () => MaskedTensor.Where(cond, t, none));
        Named<ArgumentNullException>("a", () => MaskedTensor.Where(cond, null!, t.ToSparseCoo()));
        Named<ArgumentOutOfRangeException>("index", () => { TensorIndex i = -1; _ = i; });
        // Reductions: a null tensor, a dim outside the rank, a repeated dim, and out-of-range parameters name their argument.
        Named<ArgumentNullException>("x", () => none.Sum());
        Named<ArgumentNullException>("x", () => none.Mean(0));
        Named<ArgumentNullException>("x", () => none.Var());
        Named<ArgumentNullException>("x", () => none.ArgMax());
        Named<ArgumentNullException>("x", () => none.Quantile(0.5));
        Named<ArgumentNullException>("x", () => ((MaskedTensor<bool>)null!).Any());
        Named<ArgumentOutOfRangeException>("dim", () => t.Sum(2));
        Named<ArgumentException>("dims", () => t.Sum([1, -1]));
        Named<ArgumentOutOfRangeException>("q", () => t.Quantile(1.5));
        Named<ArgumentOutOfRangeException>("p", () => t.Norm(-2));
        Named<ArgumentOutOfRangeException>("correction", () => t.Var(correction: -1));
        // Sparse entry points given null name the argument too.
        SparseCsrTensor<float> noCsr = null!; SparseCooTensor<float> noCoo = null!;
        Named<ArgumentNullException>("x", () => noCsr.Sum());
        Named<ArgumentNullException>("x", () => noCsr.Mean(1));
        Named<ArgumentNullException>("x", () => noCsr.Count());
        Named<ArgumentNullException>("x", () => noCoo.Sum());
        Named<ArgumentNullException>("x", () => noCsr.Softmax());
        Named<ArgumentNullException>("a", () => MaskedTensor.Combine(noCsr, t.ToSparseCsr(), MaskedTensor.Add));
        Named<ArgumentNullException>("dense", () => MaskedTensor.Combine(t.ToSparseCoo(), (MaskedTensor<float>)null!, MaskedTensor.Add));
        Named<ArgumentNullException>("a", () => noCsr.MatMul(t.Transpose(0, 1)));
        Named<ArgumentOutOfRangeException>("value", () => MaskedParallelism.MaxDegreeOfParallelism = 0);
        Assert.True(MaskedParallelism.MaxDegreeOfParallelism >= 1);
    }
}
