using Microsoft.ML;
using Microsoft.ML.Data;

namespace Masked.ML;

/// <summary>
/// One streaming pass over a float/double (vector) column and an optional bool mask column: per-slot
/// <see cref="MaskedColumnStatistics"/> and, on request, one <see cref="QuantileSketch"/> per slot. Uses ML.NET's
/// parallel cursors (<c>GetRowCursorSet</c>) when the data view offers them and merges the per-cursor states; memory is
/// per slot, never per row.
/// </summary>
internal static class ColumnScanner
{
    public sealed record Result(MaskedColumnStatistics Statistics, QuantileSketch[]? Sketches, int Slots, bool IsDouble);

    /// <summary>Validates the columns and returns (slots, isDouble).</summary>
    public static (int slots, bool isDouble) Check(DataViewSchema schema, string column, string? maskColumn)
    {
        var col = schema.GetColumnOrNull(column) ?? throw new ArgumentException($"Input column '{column}' not found (columns: {string.Join(", ", schema.Select(c => c.Name))}).");
        var (item, slots) = ColumnReader.Describe(col.Type, column);
        if (maskColumn is not null)
        {
            var m = schema.GetColumnOrNull(maskColumn) ?? throw new ArgumentException($"Mask column '{maskColumn}' not found (columns: {string.Join(", ", schema.Select(c => c.Name))}).");
            int msize = m.Type is VectorDataViewType mv ? mv.Size : 1;
            if (ColumnReader.ItemType(m.Type) != BooleanDataViewType.Instance || msize != slots || (m.Type is VectorDataViewType) != (col.Type is VectorDataViewType))
                throw new ArgumentException($"Mask column '{maskColumn}' must be a bool {(col.Type is VectorDataViewType ? $"vector of size {slots}" : "scalar")} like '{column}'; it is {m.Type}.");
        }
        return (slots, item == NumberDataViewType.Double);
    }

    public static Result Scan(IDataView data, string column, string? maskColumn, int sketchCapacity = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        var (slots, isDouble) = Check(data.Schema, column, maskColumn);
        var cols = new List<DataViewSchema.Column> { data.Schema[column] };
        if (maskColumn is not null) cols.Add(data.Schema[maskColumn]);
        int n = Math.Max(1, Environment.ProcessorCount);
        var cursors = n > 1 ? data.GetRowCursorSet(cols, n) : [data.GetRowCursor(cols)];
        var parts = new (MaskedColumnStatistics s, QuantileSketch[]? q)[cursors.Length];
        try
        {
            if (cursors.Length == 1) parts[0] = ScanOne(cursors[0], data.Schema[column], maskColumn is null ? null : data.Schema[maskColumn], slots, isDouble, sketchCapacity);
            else Parallel.For(0, cursors.Length, new ParallelOptions { MaxDegreeOfParallelism = cursors.Length },
                i => parts[i] = ScanOne(cursors[i], data.Schema[column], maskColumn is null ? null : data.Schema[maskColumn], slots, isDouble, sketchCapacity));
        }
        finally { foreach (var c in cursors) c.Dispose(); }
        var stats = parts[0].s;
        var sketches = parts[0].q;
        for (int i = 1; i < parts.Length; i++)
        {
            stats.Merge(parts[i].s);
            if (sketches is not null) for (int j = 0; j < slots; j++) sketches[j].Merge(parts[i].q![j]);
        }
        return new Result(stats.Complete(), sketches, slots, isDouble);
    }

    private static (MaskedColumnStatistics, QuantileSketch[]?) ScanOne(DataViewRowCursor cursor, DataViewSchema.Column col, DataViewSchema.Column? maskCol, int slots, bool isDouble, int sketchCapacity)
    {
        var stats = new MaskedColumnStatistics(slots);
        var sketches = sketchCapacity > 0 ? Enumerable.Range(0, slots).Select(_ => new QuantileSketch(sketchCapacity)).ToArray() : null;
        var row = new double[slots];
        var valid = maskCol is null ? null : new bool[slots];
        var read = RowReader(cursor, col, slots, isDouble);
        var readMask = maskCol is null ? null : MaskReader(cursor, maskCol.Value, slots);
        while (cursor.MoveNext())
        {
            read(row);
            readMask?.Invoke(valid!);
            stats.Add(row, valid);
            if (sketches is not null)
                for (int j = 0; j < slots; j++)
                {
                    double x = row[j];
                    if (!double.IsNaN(x) && (valid is null || valid[j])) sketches[j].Add(x);
                }
        }
        return (stats, sketches);
    }

    private static Action<double[]> RowReader(DataViewRowCursor cursor, DataViewSchema.Column col, int slots, bool isDouble)
    {
        if (col.Type is VectorDataViewType)
        {
            if (!isDouble)
            {
                var g = cursor.GetGetter<VBuffer<float>>(col);
                VBuffer<float> b = default;
                return row =>
                {
                    g(ref b);
                    if (b.Length != slots) throw new InvalidOperationException($"Column '{col.Name}' row has {b.Length} values; its type says {slots}.");
                    if (b.IsDense) { var v = b.GetValues(); for (int j = 0; j < v.Length; j++) row[j] = v[j]; }
                    else { int j = 0; foreach (var x in b.DenseValues()) row[j++] = x; }
                };
            }
            var gd = cursor.GetGetter<VBuffer<double>>(col);
            VBuffer<double> bd = default;
            return row =>
            {
                gd(ref bd);
                if (bd.Length != slots) throw new InvalidOperationException($"Column '{col.Name}' row has {bd.Length} values; its type says {slots}.");
                if (bd.IsDense) bd.GetValues().CopyTo(row);
                else { int j = 0; foreach (var x in bd.DenseValues()) row[j++] = x; }
            };
        }
        if (!isDouble)
        {
            var g = cursor.GetGetter<float>(col);
            return row => { float v = 0; g(ref v); row[0] = v; };
        }
        var g2 = cursor.GetGetter<double>(col);
        return row => { double v = 0; g2(ref v); row[0] = v; };
    }

    private static Action<bool[]> MaskReader(DataViewRowCursor cursor, DataViewSchema.Column col, int slots)
    {
        if (col.Type is VectorDataViewType)
        {
            var g = cursor.GetGetter<VBuffer<bool>>(col);
            VBuffer<bool> b = default;
            return m =>
            {
                g(ref b);
                if (b.Length != slots) throw new InvalidOperationException($"Mask column '{col.Name}' row has {b.Length} values; the input has {slots}.");
                if (b.IsDense) b.GetValues().CopyTo(m);
                else { int j = 0; foreach (var x in b.DenseValues()) m[j++] = x; }
            };
        }
        var gs = cursor.GetGetter<bool>(col);
        return m => { bool v = false; gs(ref v); m[0] = v; };
    }
}
