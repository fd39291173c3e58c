using Apache.Arrow;
using Apache.Arrow.Types;

namespace Masked.Arrow;

/// <summary>Record batches, tables and chunked arrays as masked tensors.</summary>
public static class RecordBatchExtensions
{
    /// <summary>
    /// Every column as a named masked tensor. float32/float64/int32/int64 columns, fixed-size lists of them and
    /// <c>arrow.fixed_shape_tensor</c> columns are zero-copy views; other integer and half-float columns are
    /// converted (a copy, flagged by <see cref="MaskedColumn.IsCopy"/>): int8/int16/uint8/uint16 to int, uint32 and
    /// uint64 to long, half to float.
    /// </summary>
    /// <exception cref="NotSupportedException">A column is not numeric (string, struct, ...); the message names it.</exception>
    public static IReadOnlyList<MaskedColumn> ToMaskedColumns(this RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var r = new List<MaskedColumn>(batch.ColumnCount);
        for (int i = 0; i < batch.ColumnCount; i++) r.Add(Column(batch.Schema.GetFieldByIndex(i), batch.Column(i)));
        return r;
    }

    /// <summary>One column by name as a zero-copy masked tensor of <typeparamref name="T"/>.</summary>
    /// <exception cref="ArgumentException">No such column.</exception>
    public static MaskedTensor<T> GetMaskedColumn<T>(this RecordBatch batch, string name) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(batch);
        int i = batch.Schema.GetFieldIndex(name);
        if (i < 0) throw new ArgumentException($"The record batch has no column '{name}' (columns: {string.Join(", ", batch.Schema.FieldsList.Select(f => f.Name))}).", nameof(name));
        try { return View<T>(batch.Schema.GetFieldByIndex(i), batch.Column(i)); }
        catch (NotSupportedException e) when (!e.Data.Contains(ColumnNamed)) { throw ColumnError(name, e); }
    }

    /// <summary>
    /// Stacks the named numeric columns into one rows × columns matrix of <typeparamref name="T"/>. This is a COPY
    /// (columns are separate buffers); values convert to <typeparamref name="T"/>, nulls become masked entries.
    /// </summary>
    public static MaskedTensor<T> StackColumnsCopy<T>(this RecordBatch batch, params string[] columns) where T : unmanaged, System.Numerics.INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (columns.Length == 0) columns = batch.Schema.FieldsList.Select(f => f.Name).ToArray();
        if (columns.Length == 0) return MaskedTensor.Empty<T>(batch.Length, 0);
        var parts = new MaskedTensor<T>[columns.Length];
        for (int c = 0; c < columns.Length; c++)
        {
            int i = batch.Schema.GetFieldIndex(columns[c]);
            if (i < 0) throw new ArgumentException($"The record batch has no column '{columns[c]}'.", nameof(columns));
            try { parts[c] = batch.Column(i).ToMaskedTensor<T>(); }
            catch (NotSupportedException e) when (!e.Data.Contains(ColumnNamed)) { throw ColumnError(columns[c], e); }
        }
        // Core's Stack copies data and validity bits (word-wise), no bool[] round trip.
        using (Autograd.NoGrad()) return MaskedTensor.Stack(parts, dim: 1);
    }

    /// <summary>Each chunk of a chunked column as its own zero-copy tensor.</summary>
    public static IReadOnlyList<MaskedTensor<T>> ToMaskedTensors<T>(this ChunkedArray column) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(column);
        var r = new List<MaskedTensor<T>>(column.ArrayCount);
        for (int i = 0; i < column.ArrayCount; i++) r.Add(column.ArrowArray(i).AsMaskedTensor<T>());
        return r;
    }

    /// <summary>All chunks of a chunked column concatenated into one new tensor along dim 0 (a COPY of data and masks).</summary>
    public static MaskedTensor<T> ConcatenateCopy<T>(this ChunkedArray column) where T : unmanaged
    {
        var parts = column.ToMaskedTensors<T>();
        if (parts.Count == 0) return MaskedTensor.Empty<T>(0);
        var tail = parts[0].Shape.Skip(1).ToArray();
        foreach (var p in parts)
            if (!p.Shape.Skip(1).SequenceEqual(tail)) throw new ArgumentException("Chunks have different shapes.", nameof(column));
        // Core's Concat copies data and validity bits (word-wise), no bool[] round trip.
        using (Autograd.NoGrad()) return MaskedTensor.Concat(parts, dim: 0);
    }

    /// <summary>Every column of a table, one tensor per chunk.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<MaskedTensor<T>>> ToMaskedTensors<T>(this Table table) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(table);
        var r = new Dictionary<string, IReadOnlyList<MaskedTensor<T>>>();
        for (int i = 0; i < table.ColumnCount; i++) r[table.Column(i).Name] = table.Column(i).Data.ToMaskedTensors<T>();
        return r;
    }

    /// <summary>A record batch holding each tensor as a column (zero-copy for contiguous tensors): 1-D tensors become primitive columns, 2-D fixed-size lists, higher ranks <c>arrow.fixed_shape_tensor</c>.</summary>
    public static RecordBatch ToRecordBatch<T>(IReadOnlyList<(string name, MaskedTensor<T> tensor)> columns) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0) throw new ArgumentException("No columns.", nameof(columns));
        int rows = columns[0].tensor.Rank == 0 ? 1 : columns[0].tensor.Shape[0];
        var fields = new List<Field>();
        var arrays = new List<IArrowArray>();
        foreach (var (name, t) in columns)
        {
            if (t.Rank == 0 || t.Shape[0] != rows) throw new ArgumentException($"Column '{name}' has shape [{string.Join(", ", t.Shape)}]; every column needs {rows} rows.");
            IArrowArray a = t.Rank switch
            {
                1 => t.ToArrowArray(),
                2 => t.ToFixedSizeListArray(),
                _ => FixedShapeTensorArray.FromMaskedTensor(t),
            };
            fields.Add(new Field(name, a is ExtensionArray e ? e.ExtensionType : a.Data.DataType, true));
            arrays.Add(a);
        }
        return new RecordBatch(new Schema(fields, null), arrays, rows);
    }

    private static MaskedColumn Column(Field field, IArrowArray array)
    {
        try
        {
            var elem = array switch
            {
                ExtensionArray e when e.ExtensionType is FixedShapeTensorType ft => ft.ValueType,
                FixedSizeListArray l => ((FixedSizeListType)l.Data.DataType).ValueDataType,
                _ => array.Data.DataType,
            };
            if (FixedShapeTensorType.TryFromField(field) is { } fst) elem = fst.ValueType;
            return elem switch
            {
                FloatType => new MaskedColumn(field.Name, View<float>(field, array), typeof(float), false),
                DoubleType => new MaskedColumn(field.Name, View<double>(field, array), typeof(double), false),
                Int32Type => new MaskedColumn(field.Name, View<int>(field, array), typeof(int), false),
                Int64Type => new MaskedColumn(field.Name, View<long>(field, array), typeof(long), false),
                Int8Type or Int16Type or UInt8Type or UInt16Type => new MaskedColumn(field.Name, array.ToMaskedTensor<int>(), typeof(int), true),
                UInt32Type or UInt64Type => new MaskedColumn(field.Name, array.ToMaskedTensor<long>(), typeof(long), true),
                HalfFloatType => new MaskedColumn(field.Name, array.ToMaskedTensor<float>(), typeof(float), true),
                _ => throw new NotSupportedException($"Arrow type {ArrowArrayExtensions.Describe(array.Data.DataType)} is not numeric and has no masked-tensor form."),
            };
        }
        catch (NotSupportedException e) when (!e.Data.Contains(ColumnNamed))
        {
            throw ColumnError(field.Name, e);
        }
    }

    /// <summary>Key in <see cref="Exception.Data"/> of an error that already names its column (it is wrapped once, never again).</summary>
    private const string ColumnNamed = "Masked.ColumnNamed";

    private static NotSupportedException ColumnError(string column, NotSupportedException inner)
    {
        var e = new NotSupportedException($"Column '{column}': {inner.Message}", inner);
        e.Data[ColumnNamed] = true;
        return e;
    }

    private static MaskedTensor<T> View<T>(Field field, IArrowArray array) where T : unmanaged
    {
        if (array is FixedSizeListArray list && FixedShapeTensorType.TryFromField(field) is { } type)
            return new FixedShapeTensorArray(type, list).ToMaskedTensor<T>();
        return array.AsMaskedTensor<T>();
    }
}
