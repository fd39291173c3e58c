namespace Masked.Cli.Profiling;

/// <summary>What <see cref="Profiler"/> computes.</summary>
public sealed class ProfileOptions
{
    /// <summary>Columns to profile (null: all).</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Profile each slot of fixed-size list / tensor columns separately instead of the column as a whole.</summary>
    public bool PerSlot { get; init; }

    /// <summary>Histogram bins.</summary>
    public int Bins { get; init; } = 10;

    /// <summary>Rows per Parquet batch.</summary>
    public int BatchSize { get; init; } = 1 << 18;

    /// <summary>Most slots profiled one by one (each holds a 512 KB count table in pass 1).</summary>
    public const int MaxSlots = 256;
}
