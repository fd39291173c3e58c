namespace Masked;

/// <summary>
/// A 2-D masked tensor stored in CSR layout: row pointers, column indices and values of the stored (valid)
/// entries; every other position is masked. Columns are sorted within each row, without duplicates.
/// </summary>
public sealed class SparseCsrTensor<T> where T : unmanaged
{
    /// <summary>
    /// Builds a CSR tensor. Columns unsorted within a row are sorted; non-monotone row pointers, a last pointer other
    /// than the entry count, out-of-range columns and duplicate entries are rejected.
    /// </summary>
    /// <exception cref="ArgumentException">The arrays are inconsistent; the message says where.</exception>
    public SparseCsrTensor(int rows, int columns, int[] rowPointers, int[] columnIndices, T[] values)
        : this(rows, columns, Validate(rows, columns, rowPointers, columnIndices, values, out var cols, out var vals), cols, MaskedTensor.FromArray(vals, vals.Length)) { }

    internal SparseCsrTensor(int rows, int columns, int[] rowPointers, int[] columnIndices, MaskedTensor<T> values)
    {
        Rows = rows; Columns = columns; RowPointers = rowPointers; ColumnIndices = columnIndices; Values = values;
    }

    private static int[] Validate(int rows, int columns, int[] rowPointers, int[] columnIndices, T[] values, out int[] sortedCols, out T[] sortedValues)
    {
        ArgumentNullException.ThrowIfNull(rowPointers);
        ArgumentNullException.ThrowIfNull(columnIndices);
        ArgumentNullException.ThrowIfNull(values);
        if (rows < 0 || columns < 0) ThrowHelper.ThrowArgument($"CSR shape [{rows}, {columns}] has a negative dimension.", rows < 0 ? nameof(rows) : nameof(columns));
        if (rowPointers.Length != rows + 1) ThrowHelper.ThrowArgument($"CSR row pointers need {rows + 1} entries for {rows} rows, got {rowPointers.Length}.", nameof(rowPointers));
        if (columnIndices.Length != values.Length) ThrowHelper.ThrowArgument($"CSR has {columnIndices.Length} column indices but {values.Length} values.", nameof(columnIndices));
        if (rowPointers[0] != 0) ThrowHelper.ThrowArgument($"CSR row pointers must start at 0, got {rowPointers[0]}.", nameof(rowPointers));
        if (rowPointers[rows] != values.Length) ThrowHelper.ThrowArgument($"CSR last row pointer is {rowPointers[rows]}, but there are {values.Length} entries.", nameof(rowPointers));
        sortedCols = (int[])columnIndices.Clone();
        sortedValues = (T[])values.Clone();
        for (int r = 0; r < rows; r++)
        {
            if (rowPointers[r + 1] < rowPointers[r]) ThrowHelper.ThrowArgument($"CSR row pointers decrease at row {r} ({rowPointers[r]} > {rowPointers[r + 1]}).", nameof(rowPointers));
            if (rowPointers[r + 1] > values.Length) ThrowHelper.ThrowArgument($"CSR row pointer {rowPointers[r + 1]} (row {r}) exceeds the {values.Length} entries.", nameof(rowPointers));
            int lo = rowPointers[r], len = rowPointers[r + 1] - lo;
            Array.Sort(sortedCols, sortedValues, lo, len);
            for (int e = lo; e < lo + len; e++)
            {
                if ((uint)sortedCols[e] >= (uint)columns) ThrowHelper.ThrowArgument($"CSR row {r} has column {sortedCols[e]}, out of range for {columns} columns.", nameof(columnIndices));
                if (e > lo && sortedCols[e] == sortedCols[e - 1]) ThrowHelper.ThrowArgument($"CSR entry [{r}, {sortedCols[e]}] appears more than once.", nameof(columnIndices));
            }
        }
        return (int[])rowPointers.Clone();
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }
    /// <summary>Number of columns.</summary>
    public int Columns { get; }
    /// <summary>Row i's entries are [RowPointers[i], RowPointers[i+1]).</summary>
    public int[] RowPointers { get; }
    /// <summary>Column of each stored entry.</summary>
    public int[] ColumnIndices { get; }
    /// <summary>Stored values (1-D), as a masked tensor.</summary>
    public MaskedTensor<T> Values { get; }
    /// <summary>Dense shape [Rows, Columns].</summary>
    public IReadOnlyList<int> Shape => [Rows, Columns];
    /// <summary>Number of stored entries.</summary>
    public int StoredCount => Values.Length;

    /// <summary>Bytes held by row pointers, column indices and values.</summary>
    public long StorageBytes => (long)RowPointers.Length * 4 + (long)ColumnIndices.Length * 4 + (long)Values.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>() + (Values.HasMask ? (Values.Length + 7) / 8 : 0);

    /// <summary>The COO layout (same entries).</summary>
    public SparseCooTensor<T> ToSparseCoo()
    {
        var idx = new int[StoredCount * 2];
        for (int r = 0; r < Rows; r++)
            for (int e = RowPointers[r]; e < RowPointers[r + 1]; e++) { idx[2 * e] = r; idx[2 * e + 1] = ColumnIndices[e]; }
        return new SparseCooTensor<T>([Rows, Columns], idx, Values);
    }

    /// <summary>The dense masked tensor (a copy).</summary>
    public MaskedTensor<T> ToDense() => ToSparseCoo().ToDense();

    /// <summary>Applies an elementwise op of Masked.Core to the stored values; the pattern is kept.</summary>
    public SparseCsrTensor<T> Apply(Func<MaskedTensor<T>, MaskedTensor<T>> op)
    {
        ArgumentNullException.ThrowIfNull(op);
        var r = op(Values);
        if (r.Rank != 1 || r.Length != Values.Length) ThrowHelper.ThrowArgument("The op must be elementwise (same length out as in).", nameof(op));
        return new SparseCsrTensor<T>(Rows, Columns, RowPointers, ColumnIndices, r);
    }

    /// <inheritdoc />
    public override string ToString() => $"SparseCsrTensor(shape=[{Rows}, {Columns}], stored={StoredCount})";
}
