using Xunit;

namespace Masked.Core.Tests.Views;

public class ViewTests
{
    private static MaskedTensor<float> Sample()
        => MaskedTensor.Create(Enumerable.Range(0, 24).Select(i => (float)i).ToArray(), Enumerable.Range(0, 24).Select(i => i % 3 != 0).ToArray(), 2, 3, 4);

    [Fact]
    public void ViewsShareDataAndBitmapWithTheirBase()
    {
        var t = Sample();
        var views = new[] { t[0], t[.., .., 2..4], t[^1], t.Transpose(0, 2), t.Slice(2, 0, 4, 2), t.Unsqueeze(1), t.Reshape(6, 4), t.Select(1, 2), t.Permute(2, 0, 1) };
        foreach (var v in views)
        {
            Assert.True(v.Buffer.Equals(t.Buffer), "view must wrap the same buffer");
            Assert.Same(t.Validity, v.Validity);
        }
        // A write through the base is seen by the view.
        t.Buffer.Span[1 * 12 + 2 * 4 + 3] = 99f; // element [1, 2, 3]
        Assert.Equal(99f, t[^1][2][3].GetRawValue());
        Assert.Equal(99f, t.Transpose(0, 2).GetRawValue(3, 2, 1));
    }

    [Fact]
    public void IndexerMatchesSelectAndSlice()
    {
        var t = Sample();
        Assert.Equal(new[] { 3, 4 }, t[0].Shape);
        Assert.Equal(new[] { 2, 3, 2 }, t[.., .., 2..4].Shape);
        Assert.Equal(t.Select(0, 1).ToArray(), t[^1].ToArray());
        Assert.Equal(new float[] { 2, 3, 6, 7, 10, 11, 14, 15, 18, 19, 22, 23 }, t[.., .., 2..4].ToArray());
        Assert.Equal(new[] { 2, 3, 6, 7, 10, 11 }.Select(i => i % 3 != 0).ToArray(), t[.., .., 2..4][0].MaskToBools());
    }

    [Fact]
    public void SliceWithStepAndTransposeRoundTrip()
    {
        var t = Sample();
        var s = t.Slice(2, 1, 4, 2);
        Assert.Equal(new[] { 2, 3, 2 }, s.Shape);
        Assert.Equal(new float[] { 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23 }, s.ToArray());
        Assert.Equal(t.ToArray(), t.Transpose(0, 2).Transpose(0, 2).ToArray());
        Assert.False(t.Transpose(0, 1).IsContiguous);
        var c = t.Transpose(0, 1).Contiguous();
        Assert.True(c.IsContiguous);
        Assert.Equal(t.Transpose(0, 1).MaskToBools(), c.MaskToBools());
    }

    [Fact]
    public void ReshapeOfContiguousIsAViewAndViewRefusesNonContiguous()
    {
        var t = Sample();
        var r = t.Reshape(4, -1);
        Assert.Equal(new[] { 4, 6 }, r.Shape);
        Assert.True(r.Buffer.Equals(t.Buffer));
        var ex = Assert.Throws<InvalidOperationException>(() => t.Transpose(0, 1).View(24));
        Assert.Contains("not contiguous", ex.Message);
        var copied = t.Transpose(0, 1).Reshape(24);
        Assert.False(copied.Buffer.Equals(t.Buffer));
    }

    [Fact]
    public void GetDataSharesAndGetMaskReportsValidity()
    {
        var t = Sample();
        var d = t.GetData();
        Assert.False(d.HasMask);
        Assert.True(d.Buffer.Equals(t.Buffer));
        Assert.Equal(t.MaskToBools(), t.GetMask().ToArray());
        Assert.Equal(16, t.ValidCount);
    }

    [Fact]
    public void BroadcastToUsesZeroStrides()
    {
        var row = MaskedTensor.Create(new float[] { 1, 2, 3 }, new[] { true, false, true }, 3);
        var b = row.BroadcastTo(4, 3);
        Assert.Equal(0, b.Strides[0]);
        Assert.Equal(8, b.ValidCount);
        Assert.True(b.Buffer.Equals(row.Buffer));
    }

    [Fact]
    public void ToStringPrintsLikePyTorch()
    {
        var t = MaskedTensor.Create(new float[] { 0, 1, 2, 3 }, new[] { true, false, true, true }, 2, 2);
        Assert.Equal("MaskedTensor(\n  [\n    [  0.0000,       --],\n    [  2.0000,   3.0000]\n  ]\n)", t.ToString());
        Assert.Equal("MaskedTensor(--, False)", MaskedTensor.Empty<float>().ToString());
        Assert.Equal("MaskedTensor(3, True)", MaskedTensor.Scalar(3L).ToString());
    }
}

public class ReadmeExampleTests
{
    /// <summary>The safe-softmax example printed in README.md gives exactly the output shown there.</summary>
    [Fact]
    public void ReadmeSafeSoftmaxExamplePrintsWhatTheReadmeShows()
    {
        var data = new float[] { 0.66f, -1.2f, 0.3f, 0.62f, 0.9f, -0.17f, -0.4f, 1.1f, 0.2f };
        var mask = new[] { true, false, false, true, false, true, false, false, false };
        var mt = MaskedTensor.Create(data, mask, 3, 3);
        Assert.Equal("MaskedTensor(\n  [\n    [  0.5100,       --,       --],\n    [  0.4900,       --,   1.0000],\n    [      --,       --,       --]\n  ]\n)", mt.Softmax(0).ToString());
    }
}

public class SummarizedPrintingTests
{
    [Fact]
    public void LargeTensorsPrintTheirEdgesAroundEllipses()
    {
        var t = MaskedTensor.Create(Enumerable.Range(0, 2000).Select(i => (float)i).ToArray(), Enumerable.Range(0, 2000).Select(i => i != 1).ToArray(), 40, 50);
        var s = t.ToString();
        Assert.True(s.Length < 2000, $"printed {s.Length} characters");
        Assert.Contains("...", s);
        var lines = s.Split('\n');
        Assert.Equal("    [   0.0000,        --,    2.0000,       ...,   47.0000,   48.0000,   49.0000],", lines[2]);
        Assert.Equal("    [1950.0000, 1951.0000, 1952.0000,       ..., 1997.0000, 1998.0000, 1999.0000]", lines[^3]);
        Assert.Equal(6, lines.Count(l => l.StartsWith("    [", StringComparison.Ordinal)));
        Assert.Contains("    ...,", lines);
        Assert.DoesNotContain("1000.0000", s);
    }
}
