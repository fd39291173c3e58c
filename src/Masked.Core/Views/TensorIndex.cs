namespace Masked;

/// <summary>One entry of a tensor indexer: a single <see cref="Index"/> (selects and drops the dim) or a <see cref="Range"/> (slices it).</summary>
public readonly struct TensorIndex
{
    private TensorIndex(Index? index, Range range) { IndexValue = index; RangeValue = range; }

    internal Index? IndexValue { get; }
    internal Range RangeValue { get; }

    /// <summary>Selects one position (<c>mt[2]</c>, <c>mt[^1]</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative (use <c>^n</c> for positions from the end).</exception>
    public static implicit operator TensorIndex(int index)
    {
        if (index < 0) ThrowHelper.ThrowOutOfRange(nameof(index), index, "Use ^n for positions from the end.");
        return new(new Index(index), default);
    }

    /// <summary>Selects one position, from the end with <c>^</c>.</summary>
    public static implicit operator TensorIndex(Index index) => new(index, default);

    /// <summary>Slices a dimension (<c>..</c>, <c>2..4</c>, <c>^3..</c>).</summary>
    public static implicit operator TensorIndex(Range range) => new(null, range);
}
