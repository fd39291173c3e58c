using Xunit;

namespace Masked.Core.Tests.Conformance;

/// <summary>Every case of every suite is one forward test, plus one gradient test where it has <c>grad:*</c> expectations.</summary>
public class ConformanceTests
{
    public static TheoryData<string> ForwardCases()
    {
        var d = new TheoryData<string>();
        foreach (var key in ConformanceVectors.Cases.Keys) d.Add(key);
        return d;
    }

    public static TheoryData<string> GradientCases()
    {
        var d = new TheoryData<string>();
        foreach (var (key, c) in ConformanceVectors.Cases)
            if (ConformanceVectors.HasGradients(c)) d.Add(key);
        return d;
    }

    [Theory]
    [MemberData(nameof(ForwardCases))]
    public void Forward(string @case) => ConformanceRunner.RunForward(ConformanceVectors.Cases[@case]);

    [Theory]
    [MemberData(nameof(GradientCases))]
    public void Gradients(string @case) => ConformanceRunner.RunGradients(ConformanceVectors.Cases[@case]);

    [Fact]
    public void AllSuitesArePresent()
    {
        var suites = ConformanceVectors.Cases.Keys.Select(k => k.Split('/')[0]).Distinct().ToList();
        if (Environment.GetEnvironmentVariable("MASKED_CONFORMANCE_DIR") is { Length: > 0 }) { Assert.NotEmpty(suites); return; }
        Assert.Equal(397, ConformanceVectors.Cases.Count);
        foreach (var s in new[] { "beyond", "binary", "coverage", "dtypes", "mismatch", "reduce", "seed", "softmax", "sparse", "unary", "views", "where" })
            Assert.Contains(s, suites);
    }
}
