using System.Numerics;

namespace Masked.Cli.Profiling;

/// <summary>
/// Row-level nullity of several columns, streamed: null rows per row bin (bins double in size when there are too many,
/// so a file of any length ends with at most 2 × <see cref="MaxBins"/> bins, as missingno's matrix bins rows) and the
/// pairwise counts behind the nullity correlation (correlation of the columns' null indicators).
/// </summary>
public sealed class NullityAccumulator
{
    /// <summary>Bins before they merge in pairs.</summary>
    public const int MaxBins = 512;

    private readonly int _columns;
    private readonly List<long>[] _binNulls;
    private readonly long[] _nullRows;
    private readonly long[,] _bothNull;

    /// <summary>Tracks <paramref name="columns"/> columns.</summary>
    public NullityAccumulator(int columns)
    {
        _columns = columns;
        _binNulls = Enumerable.Range(0, columns).Select(_ => new List<long>()).ToArray();
        _nullRows = new long[columns];
        _bothNull = new long[columns, columns];
    }

    /// <summary>Rows seen.</summary>
    public long Rows { get; private set; }

    /// <summary>Rows per bin.</summary>
    public long BinSize { get; private set; } = 1;

    /// <summary>Number of bins.</summary>
    public int BinCount => (int)((Rows + BinSize - 1) / BinSize);

    /// <summary>Rows of column <paramref name="c"/> holding a null.</summary>
    public long NullRows(int c) => _nullRows[c];

    /// <summary>Adds one batch: per column, the null-row words of its <paramref name="rows"/> rows.</summary>
    public void Add(int rows, IReadOnlyList<ulong[]> nullWords)
    {
        long start = Rows;
        Rows += rows;
        while (BinCount > 2 * MaxBins) Halve();
        for (int c = 0; c < _columns; c++)
        {
            var bins = _binNulls[c];
            while (bins.Count < BinCount) bins.Add(0);
            var w = nullWords[c];
            for (int i = 0; i < w.Length; i++)
            {
                ulong word = w[i];
                _nullRows[c] += BitOperations.PopCount(word);
                while (word != 0)
                {
                    int k = BitOperations.TrailingZeroCount(word);
                    word &= word - 1;
                    bins[(int)((start + i * 64L + k) / BinSize)]++;
                }
            }
            for (int d = 0; d <= c; d++)
            {
                var v = nullWords[d];
                long both = 0;
                for (int i = 0; i < w.Length; i++) both += BitOperations.PopCount(w[i] & v[i]);
                _bothNull[c, d] += both;
            }
        }
    }

    private void Halve()
    {
        BinSize *= 2;
        foreach (var bins in _binNulls)
        {
            int n = (bins.Count + 1) / 2;
            for (int i = 0; i < n; i++) bins[i] = bins[2 * i] + (2 * i + 1 < bins.Count ? bins[2 * i + 1] : 0);
            bins.RemoveRange(n, bins.Count - n);
        }
    }

    /// <summary>Valid share of each row bin of each column: [bin, column], 1 = no null in the bin.</summary>
    public double[,] ValidShareByBin()
    {
        var m = new double[BinCount, _columns];
        for (int b = 0; b < BinCount; b++)
        {
            long inBin = Math.Min(BinSize, Rows - b * BinSize);
            for (int c = 0; c < _columns; c++)
                m[b, c] = 1 - (b < _binNulls[c].Count ? _binNulls[c][b] : 0) / (double)inBin;
        }
        return m;
    }

    /// <summary>
    /// Pearson correlation of the null indicators of each pair of columns; NaN where a column has no null or only nulls
    /// (its indicator is constant), as missingno leaves those out.
    /// </summary>
    public double[,] Correlation()
    {
        var r = new double[_columns, _columns];
        double n = Rows;
        for (int i = 0; i < _columns; i++)
            for (int j = 0; j < _columns; j++)
            {
                double si = _nullRows[i], sj = _nullRows[j], sij = _bothNull[Math.Max(i, j), Math.Min(i, j)];
                double den = Math.Sqrt((n * si - si * si) * (n * sj - sj * sj));
                r[i, j] = den > 0 ? (n * sij - si * sj) / den : double.NaN;
            }
        return r;
    }
}
