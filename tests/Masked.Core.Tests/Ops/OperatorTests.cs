using System.Numerics;
using System.Reflection;
using Xunit;

namespace Masked.Core.Tests.Ops;

/// <summary>
/// The operators are C# 14 extension operators constrained to <see cref="INumber{T}"/>: <c>bool + bool</c> does not
/// compile (checked here through reflection: no operator on the class itself, every arithmetic operator's element type
/// constrained to INumber), and the operators compute what the named ops compute.
/// </summary>
public class OperatorTests
{
    [Fact]
    public void ArithmeticOperators_AreExtensionsConstrainedToINumber()
    {
        foreach (var name in new[] { "op_Addition", "op_Subtraction", "op_Multiply", "op_Division", "op_UnaryNegation", "op_LessThan" })
        {
            Assert.Null(typeof(MaskedTensor<float>).GetMethod(name, BindingFlags.Public | BindingFlags.Static));
            var impls = typeof(MaskedTensorOperators).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name == name).ToList();
            Assert.NotEmpty(impls);
            foreach (var m in impls)
            {
                var t = Assert.Single(m.GetGenericArguments());
                Assert.Contains(t.GetGenericParameterConstraints(), c => c.IsGenericType && c.GetGenericTypeDefinition() == typeof(INumber<>));
            }
        }
    }

    [Fact]
    public void Operators_MatchTheNamedOps()
    {
        var a = MaskedTensor.Create(new[] { 1f, 2f, 3f }, new[] { true, false, true }, 3);
        var b = MaskedTensor.FromArray(new[] { 4f, 5f, 6f }, 3);
        Assert.Equal(MaskedTensor.Add(a, b).ToString(), (a + b).ToString());
        Assert.Equal(MaskedTensor.Div(a, b).ToString(), (a / b).ToString());
        Assert.Equal(MaskedTensor.Neg(a).ToString(), (-a).ToString());
        Assert.Equal(MaskedTensor.Sub(a, MaskedTensor.Scalar(1f)).ToString(), (a - 1f).ToString());
        Assert.Equal(new[] { true, false, true }, (a < b).MaskToBools());
        var p = MaskedTensor.Create(new[] { true, false }, new[] { true, false }, 2);
        var q = MaskedTensor.FromArray(new[] { true, true }, 2);
        Assert.True(p.ElementwiseEquals(q).ToArray()[0]);
        Assert.Equal(new[] { true, false }, p.ElementwiseNotEquals(q).MaskToBools());
    }
}
