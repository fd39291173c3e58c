using Apache.Arrow;
using Apache.Arrow.Types;

namespace Masked.Arrow.Tests;

internal static class ArrowTestData
{
    public static string DataPath(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    /// <summary>A float array over managed memory with a random null pattern, optionally sliced.</summary>
    public static FloatArray RandomFloats(Random rng, int length, double nullRate, out float?[] expected)
    {
        var b = new FloatArray.Builder();
        expected = new float?[length];
        for (int i = 0; i < length; i++)
        {
            if (rng.NextDouble() < nullRate) { b.AppendNull(); expected[i] = null; }
            else { float v = (float)(rng.NextDouble() * 10 - 5); b.Append(v); expected[i] = v; }
        }
        return b.Build();
    }

    public static float?[] Values(FloatArray a) => Enumerable.Range(0, a.Length).Select(i => a.GetValue(i)).ToArray();

    /// <summary>Builds a primitive array over managed byte buffers (no native allocator), with an Arrow offset.</summary>
    public static IArrowArray Manual(IArrowType type, byte[] values, byte[]? bitmap, int offset, int length, int nullCount)
        => ArrowArrayFactory.BuildArray(new ArrayData(type, length, nullCount, offset,
            [bitmap is null ? ArrowBuffer.Empty : new ArrowBuffer(bitmap), new ArrowBuffer(values)]));
}
