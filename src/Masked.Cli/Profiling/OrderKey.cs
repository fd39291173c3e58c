namespace Masked.Cli.Profiling;

/// <summary>Maps doubles to unsigned 64-bit keys whose unsigned order is the numbers' order (and back).</summary>
public static class OrderKey
{
    private const ulong SignBit = 0x8000_0000_0000_0000UL;

    /// <summary>The order-preserving key of <paramref name="value"/> (negatives flip all bits, positives set the sign bit).</summary>
    public static ulong From(double value)
    {
        ulong u = BitConverter.DoubleToUInt64Bits(value);
        return (u & SignBit) != 0 ? ~u : u | SignBit;
    }

    /// <summary>The double whose key is <paramref name="key"/>.</summary>
    public static double ToDouble(ulong key) =>
        BitConverter.UInt64BitsToDouble((key & SignBit) != 0 ? key & ~SignBit : ~key);
}
