using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;
using Xunit;

namespace Masked.Arrow.Tests;

public class ZeroCopyTests
{
    private static unsafe nint Address<T>(ReadOnlySpan<T> s) where T : unmanaged => (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(s));

    [Fact]
    public void PrimitiveArrayIsViewedWithoutCopying()
    {
        var arr = ArrowTestData.RandomFloats(new Random(1), 1000, 0.1, out var expected);
        var t = arr.AsMaskedTensor();
        Assert.Equal(Address(arr.Values), Address<float>(t.Buffer.Span.Slice(t.ElementOffset)));
        Assert.Equal(Address(arr.NullBitmapBuffer.Span), Address<byte>(t.Validity!.Bytes.Span));
        Assert.Equal(expected.Select(v => v.HasValue), t.MaskToBools());
        var d = t.ToArray();
        for (int i = 0; i < d.Length; i++) if (expected[i] is float v) Assert.Equal(v, d[i]);
        Assert.Equal(arr.Length - arr.NullCount, t.ValidCount);
    }

    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(5)] [InlineData(7)] [InlineData(9)] [InlineData(13)] [InlineData(64)] [InlineData(65)]
    public void SlicedArraysAtOffsetsNotMultipleOfEight(int offset)
    {
        var arr = ArrowTestData.RandomFloats(new Random(offset), 300, 0.3, out var expected);
        var sliced = (FloatArray)arr.Slice(offset, 200);
        var t = sliced.AsMaskedTensor();
        Assert.Equal(200, t.Length);
        Assert.Equal(Address(sliced.Values), Address<float>(t.Buffer.Span.Slice(t.ElementOffset)));
        var mask = t.MaskToBools();
        var data = t.ToArray();
        for (int i = 0; i < 200; i++)
        {
            Assert.Equal(expected[offset + i].HasValue, mask[i]);
            if (mask[i]) Assert.Equal(expected[offset + i]!.Value, data[i]);
        }
        double sum = expected.Skip(offset).Take(200).Where(v => v.HasValue).Sum(v => (double)v!.Value);
        Assert.Equal(sum, t.Sum().Item(), 1e-3);
    }

    [Fact]
    public void ConversionAllocationDoesNotGrowWithLength()
    {
        long Allocated(int n)
        {
            var values = new byte[n * 4];
            var bitmap = new byte[(n + 7) / 8];
            new Random(n).NextBytes(bitmap);
            var arr = (FloatArray)ArrowTestData.Manual(FloatType.Default, values, bitmap, 0, n, -1);
            _ = arr.AsMaskedTensor();
            long before = GC.GetAllocatedBytesForCurrentThread();
            var t = arr.AsMaskedTensor();
            long after = GC.GetAllocatedBytesForCurrentThread();
            GC.KeepAlive(t);
            return after - before;
        }
        long small = Allocated(1_000), large = Allocated(4_000_000);
        Assert.Equal(small, large);
        Assert.True(large < 2048, $"conversion allocated {large} bytes");
    }

    [Fact]
    public void ArrayWithoutBitmapIsAPlainTensor()
    {
        var values = new double[] { 1, 2, 3, 4 };
        var arr = (DoubleArray)ArrowTestData.Manual(DoubleType.Default, MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), null, 1, 3, 0);
        var t = arr.AsMaskedTensor();
        Assert.False(t.HasMask);
        Assert.Equal(new double[] { 2, 3, 4 }, t.ToArray());
    }

    [Fact]
    public void Int32AndInt64Columns()
    {
        var i32 = new Int32Array.Builder().Append(1).AppendNull().Append(3).Build();
        var i64 = new Int64Array.Builder().AppendNull().Append(20).Append(30).Build();
        Assert.Equal(4, i32.AsMaskedTensor().Sum().Item());
        Assert.Equal(50L, i64.AsMaskedTensor().Sum().Item());
        Assert.Equal(new[] { false, true, true }, i64.AsMaskedTensor<long>().MaskToBools());
    }

    [Fact]
    public void ContiguousTensorExportsWithoutCopying()
    {
        var t = MaskedTensor.Create(Enumerable.Range(0, 100).Select(i => (float)i).ToArray(), Enumerable.Range(0, 100).Select(i => i % 7 != 0).ToArray(), 100);
        var a = (FloatArray)t.ToArrowArray();
        Assert.Equal(Address<float>(t.Buffer.Span), Address(a.Values));
        Assert.Equal(Address<byte>(t.Validity!.Bytes.Span), Address(a.NullBitmapBuffer.Span));
        Assert.Equal(15, a.NullCount);
        for (int i = 0; i < 100; i++) Assert.Equal(i % 7 != 0 ? i : null, a.GetValue(i));
        // A view at an element offset: still the same memory.
        var v = t[3..50];
        var av = (FloatArray)v.ToArrowArray();
        Assert.Equal(Address<float>(t.Buffer.Span.Slice(3)), Address(av.Values));
        for (int i = 0; i < 47; i++) Assert.Equal((i + 3) % 7 != 0 ? i + 3 : null, av.GetValue(i));
    }

    [Fact]
    public void NonContiguousViewIsCopiedOnceOnExport()
    {
        var t = MaskedTensor.Create(Enumerable.Range(0, 12).Select(i => (double)i).ToArray(), Enumerable.Range(0, 12).Select(i => i != 4).ToArray(), 3, 4);
        var tr = t.Transpose(0, 1);
        var a = (DoubleArray)tr.ToArrowArray();
        Assert.NotEqual(Address<double>(t.Buffer.Span), Address(a.Values));
        Assert.Equal(tr.ToArray(), a.Values.ToArray());
        Assert.Equal(1, a.NullCount);
        Assert.True(a.IsNull(1)); // element [1, 0] of the transpose is [0, 1]... = index 4 of the original
    }

    [Theory]
    [InlineData(0)] [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(4)] [InlineData(5)] [InlineData(6)] [InlineData(7)]
    public void RoundTripKeepsEveryValueAndEveryNull(int seed)
    {
        var rng = new Random(seed);
        for (int k = 0; k < 25; k++)
        {
            int len = rng.Next(0, 700);
            double rate = new[] { 0, 0.05, 0.5, 1 }[rng.Next(4)];
            var arr = ArrowTestData.RandomFloats(rng, len, rate, out _);
            int off = len == 0 ? 0 : rng.Next(0, len);
            var sliced = (FloatArray)arr.Slice(off, rng.Next(0, len - off + 1));
            var back = (FloatArray)sliced.AsMaskedTensor().ToArrowArray();
            Assert.Equal(sliced.Length, back.Length);
            Assert.Equal(sliced.NullCount, back.NullCount);
            Assert.Equal(ArrowTestData.Values(sliced), ArrowTestData.Values(back));
            // and through a tensor view at an odd element offset
            if (sliced.Length > 3)
            {
                var view = sliced.AsMaskedTensor()[3..];
                var back2 = (FloatArray)view.ToArrowArray();
                Assert.Equal(ArrowTestData.Values(sliced).Skip(3), ArrowTestData.Values(back2));
            }
        }
    }

    [Fact]
    public void DisposingTheArrayWhileATensorViewsItIsSafe()
    {
        // Arrays built with the default (native) allocator: disposing them would free the memory without the lease.
        var b = new FloatArray.Builder();
        for (int i = 0; i < 100_000; i++) { if (i % 10 == 0) b.AppendNull(); else b.Append(i); }
        var arr = b.Build();
        var batch = new RecordBatch(new Schema.Builder().Field(f => f.Name("x").DataType(FloatType.Default)).Build(), [arr], arr.Length);
        var t = batch.GetMaskedColumn<float>("x");
        var view = t[10..20];
        batch.Dispose();
        arr.Dispose();
        for (int i = 0; i < 3; i++) { GC.Collect(); GC.WaitForPendingFinalizers(); }
        Assert.Equal(90_000, t.ValidCount);
        Assert.Equal(Enumerable.Range(11, 9).Select(i => (float)i), view.ToArray().Skip(1));
        double expected = Enumerable.Range(0, 100_000).Where(i => i % 10 != 0).Sum(i => (double)i);
        Assert.Equal(expected, t.Sum().Item(), expected * 1e-6);
    }

    [Fact]
    public void BadBuffersAreRejectedWithAClearMessage()
    {
        var shortBitmap = ArrowTestData.Manual(FloatType.Default, new byte[400], new byte[5], 0, 100, 3);
        var ex = Assert.Throws<ArgumentException>(() => shortBitmap.AsMaskedTensor<float>());
        Assert.Contains("validity bitmap is too short", ex.Message);
        var shortValues = ArrowTestData.Manual(FloatType.Default, new byte[40], null, 0, 100, 0);
        ex = Assert.Throws<ArgumentException>(() => shortValues.AsMaskedTensor<float>());
        Assert.Contains("value buffer is too short", ex.Message);
        var strings = new StringArray.Builder().Append("a").Build();
        var nse = Assert.Throws<NotSupportedException>(() => strings.AsMaskedTensor<float>());
        Assert.Contains("utf8", nse.Message);
        Assert.Throws<NotSupportedException>(() => new Int32Array.Builder().Append(1).Build().AsMaskedTensor<float>());
    }
}
