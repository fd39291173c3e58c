using Xunit;

namespace Masked.Core.Tests.Storage;

public class BitmapTests
{
    public static TheoryData<int, int> OffsetsAndLengths()
    {
        var d = new TheoryData<int, int>();
        foreach (int off in new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 13, 64, 67 })
            foreach (int len in new[] { 0, 1, 7, 8, 63, 64, 65, 127, 128, 129, 4095, 4096, 4097, 100_003 })
                d.Add(off, len);
        return d;
    }

    private static (float[] data, byte[] bytes, bool[] valid) Random(int off, int len, int seed)
    {
        var rng = new Random(seed);
        var data = new float[len];
        var bytes = new byte[(off + len + 7) / 8 + 3];
        rng.NextBytes(bytes);
        var valid = new bool[len];
        for (int i = 0; i < len; i++)
        {
            valid[i] = (bytes[(off + i) >> 3] & (1 << ((off + i) & 7))) != 0;
            data[i] = valid[i] ? (float)(rng.NextDouble() * 4 - 2) : (i % 3 == 0 ? float.NaN : i % 3 == 1 ? float.PositiveInfinity : 1e30f);
        }
        return (data, bytes, valid);
    }

    [Theory]
    [MemberData(nameof(OffsetsAndLengths))]
    public void WrappedBitmapAtAnyOffsetGivesReferenceResults(int off, int len)
    {
        var (data, bytes, valid) = Random(off, len, off * 1000 + len);
        var bitmap = new ValidityBitmap(bytes, off, len);
        var t = MaskedTensor.AsMasked<float>(data, bitmap, [len]);

        int count = valid.Count(v => v);
        double sum = 0;
        for (int i = 0; i < len; i++) if (valid[i]) sum += data[i];
        Assert.Equal(count, bitmap.ValidCount);
        Assert.Equal(count, t.ValidCount);
        Assert.Equal(valid, t.MaskToBools());

        var s = t.Sum();
        Assert.Equal(count > 0, s.IsValid());
        if (count > 0) Assert.Equal(sum, s.Item(), 1e-3);
        Assert.Equal(count, t.Count().Item());

        var e = t.Exp();
        Assert.Equal(valid, e.MaskToBools());
        var ed = e.ToArray();
        for (int i = 0; i < len; i++) if (valid[i]) Assert.Equal(MathF.Exp(data[i]), ed[i], 1e-5f);

        var filled = t.ToTensor(-7f).ToArray();
        for (int i = 0; i < len; i++) Assert.Equal(valid[i] ? data[i] : -7f, filled[i]);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(3, 61)]
    [InlineData(5, 200)]
    public void BinaryOpCombinesBitmapsAtDifferentOffsets(int offA, int len)
    {
        var (da, ba, va) = Random(offA, len, 1);
        var (db, bb, vb) = Random(7 - offA % 8, len, 2);
        var a = MaskedTensor.AsMasked<float>(da, new ValidityBitmap(ba, offA, len), [len]);
        var b = MaskedTensor.AsMasked<float>(db, new ValidityBitmap(bb, 7 - offA % 8, len), [len]);
        var r = a + b;
        var rm = r.MaskToBools();
        var rd = r.ToArray();
        for (int i = 0; i < len; i++)
        {
            Assert.Equal(va[i] && vb[i], rm[i]);
            if (rm[i]) Assert.Equal(da[i] + db[i], rd[i]);
        }
    }

    [Fact]
    public void BitmapTooShortIsRejectedWithItsNumbers()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ValidityBitmap(new byte[2], 3, 14));
        Assert.Contains("too short", ex.Message);
        Assert.Contains("3", ex.Message);
    }

    [Fact]
    public void SlicedBitmapSharesBytes()
    {
        var bytes = new byte[] { 0b1010_1010, 0xFF };
        var b = new ValidityBitmap(bytes, 0, 16);
        var s = b.Slice(1, 8);
        Assert.True(s[0]);
        Assert.False(s[1]);
        bytes[0] = 0;
        Assert.False(s[0]);
        Assert.Equal(s.Bytes.ToArray(), bytes);
    }
}
