using Apache.Arrow;
using Apache.Arrow.Types;
using Masked.Arrow;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Masked.ML;

/// <summary>
/// An ML.NET <see cref="IDataView"/> over Arrow record batches, streamed batch by batch (each cursor pulls batches
/// from the source again; nothing is materialized beyond the current batch). Nullable numeric columns become
/// float (float32, half, int8/16/32, uint8/16) or double (float64, int64, uint32/64) columns with NaN for nulls;
/// fixed-size lists and <c>arrow.fixed_shape_tensor</c> columns become known-size vector columns; <c>list</c> /
/// <c>large_list</c> of float or double (how pandas/pyarrow write vectors) become known-size vectors when every row of
/// the first batch has the same length (a later row of another length is an error naming it), else variable-size
/// vectors; utf8 and large_utf8 become text (null = empty); bool becomes bool (null = false); timestamps with a time
/// zone become <see cref="DateTimeOffset"/>, timestamps without one and date32/date64 <see cref="DateTime"/>
/// (null = default). With <c>includeMaskColumns</c>, every column gets a bool (vector) column <c>name.Mask</c> beside
/// it (true = valid), text, bool and dates included. Other Arrow types are left out and listed in
/// <see cref="SkippedColumns"/>. Every batch is validated (<see cref="ArrowArrayValidator"/>) before it is read.
/// </summary>
public sealed class ArrowDataView : IDataView
{
    /// <summary>Suffix of the mask columns.</summary>
    public const string MaskSuffix = ".Mask";

    private readonly Func<IEnumerable<RecordBatch>> _batches;
    private readonly List<Source> _sources = [];
    private readonly long? _rowCount;
    private readonly bool _ownsBatches;
    private readonly Schema _arrowSchema;
    private readonly string? _sourceName;

    /// <summary>Creates the view from an Arrow schema and a batch source that can be enumerated once per cursor.</summary>
    /// <param name="arrowSchema">The batches' schema.</param>
    /// <param name="batches">A source of batches, enumerated once per cursor.</param>
    /// <param name="includeMaskColumns">Add a <c>name.Mask</c> bool column beside each column.</param>
    /// <param name="rowCount">The row count, when known.</param>
    /// <param name="ownsBatches">Dispose each batch once the cursor moved past it (for batches the source creates, e.g. Parquet).</param>
    /// <param name="sourceName">The file the batches come from, named in error messages.</param>
    public ArrowDataView(Schema arrowSchema, Func<IEnumerable<RecordBatch>> batches, bool includeMaskColumns = false, long? rowCount = null, bool ownsBatches = false, string? sourceName = null)
    {
        _ownsBatches = ownsBatches;
        ArgumentNullException.ThrowIfNull(arrowSchema);
        _batches = batches ?? throw new ArgumentNullException(nameof(batches));
        _rowCount = rowCount;
        _arrowSchema = arrowSchema;
        _sourceName = sourceName;
        ArrowArrayValidator.Validate(arrowSchema, sourceName);
        var listWidths = arrowSchema.FieldsList.Any(f => f.DataType is ListType or LargeListType) ? PeekListWidths(arrowSchema) : null;
        var b = new DataViewSchema.Builder();
        var skipped = new List<string>();
        for (int i = 0; i < arrowSchema.FieldsList.Count; i++)
        {
            var f = arrowSchema.FieldsList[i];
            var (type, kind, width) = Map(f, listWidths?[i] ?? -1);
            if (type is null) { skipped.Add($"{f.Name} ({f.DataType.Name})"); continue; }
            if (string.IsNullOrEmpty(f.Name)) { skipped.Add($"column {i} ({f.DataType.Name}, no name: ML.NET columns need one)"); continue; }
            b.AddColumn(f.Name, type);
            _sources.Add(new Source(i, kind, width, false));
            if (includeMaskColumns)
            {
                b.AddColumn(f.Name + MaskSuffix, width > 0 ? new VectorDataViewType(BooleanDataViewType.Instance, width)
                    : width < 0 ? new VectorDataViewType(BooleanDataViewType.Instance) : BooleanDataViewType.Instance);
                _sources.Add(new Source(i, kind, width, true));
            }
        }
        Schema = b.ToSchema();
        SkippedColumns = skipped;
    }

    /// <summary>Arrow columns left out because they have no ML.NET form here, as "name (arrow type)".</summary>
    public IReadOnlyList<string> SkippedColumns { get; }

    /// <inheritdoc />
    public DataViewSchema Schema { get; }

    /// <inheritdoc />
    public bool CanShuffle => false;

    /// <inheritdoc />
    public long? GetRowCount() => _rowCount;

    /// <inheritdoc />
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this, columnsNeeded);

    /// <inheritdoc />
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [GetRowCursor(columnsNeeded, rand)];

    internal enum Kind { Single, Double, Text, Bool, VectorSingle, VectorDouble, Date, DateOffset }

    /// <summary>Width: 0 scalar, &gt; 0 known-size vector, -1 variable-size vector.</summary>
    private readonly record struct Source(int Field, Kind Kind, int Width, bool IsMask);

    /// <summary>The row length of each list column in the first batch when every row there has the same length, else -1.</summary>
    private int[] PeekListWidths(Schema schema)
    {
        var widths = new int[schema.FieldsList.Count];
        System.Array.Fill(widths, -1);
        using var e = _batches().GetEnumerator();
        if (!e.MoveNext()) return widths;
        var batch = e.Current;
        try
        {
            ArrowArrayValidator.Validate(batch, 0, _sourceName);
            for (int i = 0; i < widths.Length && i < batch.ColumnCount; i++)
            {
                var a = batch.Column(i);
                if (a is not (ListArray or LargeListArray)) continue;
                int w = -1; bool uniform = true;
                for (int r = 0; r < a.Length && uniform; r++)
                {
                    if (a.IsNull(r)) continue;
                    int len = ListLength(a, r);
                    if (w < 0) w = len; else uniform = len == w;
                }
                widths[i] = uniform && w > 0 ? w : -1;
            }
        }
        finally { if (_ownsBatches) batch.Dispose(); }
        return widths;
    }

    private static int ListLength(IArrowArray a, int r) => a switch
    {
        ListArray l => l.GetValueLength(r),
        LargeListArray l => checked((int)(l.ValueOffsets[r + 1] - l.ValueOffsets[r])),
        _ => 0,
    };

    private static (DataViewType? type, Kind kind, int width) Map(Field f, int listWidth)
    {
        var dt = f.DataType;
        if (FixedShapeTensorType.TryFromField(f) is { } fst)
        {
            if (fst.ValueType is not (FloatType or DoubleType)) return (null, Kind.Single, 0);
            var item = fst.ValueType is DoubleType ? NumberDataViewType.Double : NumberDataViewType.Single;
            int w = fst.Shape.Aggregate(1, (a, c) => a * c);
            var dims = fst.Shape.ToArray();
            return (new VectorDataViewType(item, dims), item == NumberDataViewType.Double ? Kind.VectorDouble : Kind.VectorSingle, w);
        }
        IArrowType? listItem = dt switch { ListType l => l.ValueDataType, LargeListType l => l.ValueDataType, _ => null };
        if (listItem is FloatType or DoubleType)
        {
            var item = listItem is DoubleType ? NumberDataViewType.Double : NumberDataViewType.Single;
            var kind = item == NumberDataViewType.Double ? Kind.VectorDouble : Kind.VectorSingle;
            return listWidth > 0 ? (new VectorDataViewType(item, listWidth), kind, listWidth) : (new VectorDataViewType(item), kind, -1);
        }
        return dt switch
        {
            FloatType or HalfFloatType or Int8Type or Int16Type or Int32Type or UInt8Type or UInt16Type => (NumberDataViewType.Single, Kind.Single, 0),
            DoubleType or Int64Type or UInt32Type or UInt64Type => (NumberDataViewType.Double, Kind.Double, 0),
            StringType or LargeStringType => (TextDataViewType.Instance, Kind.Text, 0),
            BooleanType => (BooleanDataViewType.Instance, Kind.Bool, 0),
            TimestampType ts when !string.IsNullOrEmpty(ts.Timezone) => (DateTimeOffsetDataViewType.Instance, Kind.DateOffset, 0),
            TimestampType or Date32Type or Date64Type => (DateTimeDataViewType.Instance, Kind.Date, 0),
            FixedSizeListType l when l.ValueDataType is DoubleType => (new VectorDataViewType(NumberDataViewType.Double, l.ListSize), Kind.VectorDouble, l.ListSize),
            FixedSizeListType l when l.ValueDataType is FloatType => (new VectorDataViewType(NumberDataViewType.Single, l.ListSize), Kind.VectorSingle, l.ListSize),
            _ => (null, Kind.Single, 0),
        };
    }

    /// <summary>One batch's column, converted once for fast per-row getters.</summary>
    private sealed class BatchColumn
    {
        public float[]? F;
        public double[]? D;
        public string?[]? S;
        public bool[]? B;
        public DateTime[]? T;
        public DateTimeOffset[]? O;
        public int[]? Starts; // variable-size vectors: row r is [Starts[r], Starts[r + 1])
        public bool[] Valid = [];
    }

    private static BatchColumn Convert(IArrowArray array, Field field, Kind kind, int width, string where)
    {
        var c = new BatchColumn();
        int n = array.Length;
        switch (kind)
        {
            case Kind.Text:
                c.S = new string?[n];
                c.Valid = new bool[n];
                for (int i = 0; i < n; i++)
                {
                    c.Valid[i] = array.IsValid(i);
                    if (c.Valid[i]) c.S[i] = array is StringArray sa ? sa.GetString(i) : ((LargeStringArray)array).GetString(i);
                }
                return c;
            case Kind.Bool:
                var ba = (BooleanArray)array;
                c.B = new bool[n]; c.Valid = new bool[n];
                for (int i = 0; i < n; i++) { c.Valid[i] = ba.IsValid(i); c.B[i] = c.Valid[i] && ba.GetValue(i) == true; }
                return c;
            case Kind.Date or Kind.DateOffset:
                c.Valid = new bool[n];
                if (kind == Kind.Date) c.T = new DateTime[n]; else c.O = new DateTimeOffset[n];
                for (int i = 0; i < n; i++)
                {
                    if (!(c.Valid[i] = array.IsValid(i))) continue;
                    long ticks = Ticks(array, i, where);
                    if (kind == Kind.Date) c.T![i] = new DateTime(ticks, DateTimeKind.Unspecified);
                    else c.O![i] = new DateTimeOffset(ticks, TimeSpan.Zero);
                }
                return c;
            case Kind.Single:
            {
                var t = array.ToMaskedTensor<float>();
                c.Valid = t.MaskToBools();
                c.F = t.ToTensor(float.NaN).ToArray();
                return c;
            }
            case Kind.Double:
            {
                var t = array.ToMaskedTensor<double>();
                c.Valid = t.MaskToBools();
                c.D = t.ToTensor(double.NaN).ToArray();
                return c;
            }
        }
        if (array is ListArray or LargeListArray) return ConvertList(array, kind, width, c, where);
        if (kind == Kind.VectorSingle)
        {
            var t = array is FixedSizeListArray l && FixedShapeTensorType.TryFromField(field) is { } ft
                ? new FixedShapeTensorArray(ft, l).ToMaskedTensor<float>() : array.AsMaskedTensor<float>();
            c.Valid = t.MaskToBools();
            c.F = t.ToTensor(float.NaN).ToArray();
        }
        else
        {
            var t = array is FixedSizeListArray l && FixedShapeTensorType.TryFromField(field) is { } ft
                ? new FixedShapeTensorArray(ft, l).ToMaskedTensor<double>() : array.AsMaskedTensor<double>();
            c.Valid = t.MaskToBools();
            c.D = t.ToTensor(double.NaN).ToArray();
        }
        return c;
    }

    /// <summary>A list column flattened: known size (every row <paramref name="width"/> items, a null row all masked) or variable size (row starts).</summary>
    private static BatchColumn ConvertList(IArrowArray array, Kind kind, int width, BatchColumn c, string where)
    {
        int n = array.Length;
        var child = array is ListArray la ? la.Values : ((LargeListArray)array).Values;
        var childValid = child.NullCount == 0 ? null : ChildValidity(child);
        long first(int r) => array is ListArray l ? l.ValueOffsets[r] : ((LargeListArray)array).ValueOffsets[r];
        int total = 0;
        var starts = new int[n + 1];
        for (int r = 0; r < n; r++)
        {
            int len = array.IsNull(r) ? (width > 0 ? width : 0) : ListLength(array, r);
            if (width > 0 && !array.IsNull(r) && len != width)
                throw new InvalidDataException($"{where}: row {r} has {len} items; the column is a vector of size {width} (the size of every row of the first batch).");
            starts[r] = total;
            total = checked(total + len);
        }
        starts[n] = total;
        var valid = new bool[total];
        var f = kind == Kind.VectorSingle ? new float[total] : null;
        var d = kind == Kind.VectorDouble ? new double[total] : null;
        var fc = child as FloatArray; var dc = child as DoubleArray;
        for (int r = 0; r < n; r++)
        {
            int len = starts[r + 1] - starts[r];
            bool rowNull = array.IsNull(r);
            long o = rowNull ? 0 : first(r);
            for (int k = 0; k < len; k++)
            {
                int at = starts[r] + k;
                int ci = (int)(o + k);
                bool ok = !rowNull && (childValid is null || childValid[ci]);
                valid[at] = ok;
                if (f is not null) f[at] = ok ? fc!.Values[ci] : float.NaN;
                else d![at] = ok ? dc!.Values[ci] : double.NaN;
            }
        }
        c.Valid = valid; c.F = f; c.D = d;
        if (width < 0) c.Starts = starts;
        return c;
    }

    private static bool[] ChildValidity(IArrowArray child)
    {
        var r = new bool[child.Length];
        for (int i = 0; i < r.Length; i++) r[i] = child.IsValid(i);
        return r;
    }

    /// <summary>Ticks since 0001-01-01 of a timestamp/date entry; out-of-range values name the column.</summary>
    private static long Ticks(IArrowArray array, int i, string where)
    {
        const long epoch = 621355968000000000; // DateTime.UnixEpoch.Ticks
        System.Int128 ticks = array switch
        {
            TimestampArray ts => ((TimestampType)ts.Data.DataType).Unit switch
            {
                TimeUnit.Second => (System.Int128)ts.Values[i] * TimeSpan.TicksPerSecond,
                TimeUnit.Millisecond => (System.Int128)ts.Values[i] * TimeSpan.TicksPerMillisecond,
                TimeUnit.Microsecond => (System.Int128)ts.Values[i] * 10,
                _ => (System.Int128)ts.Values[i] / 100,
            },
            Date32Array d32 => (System.Int128)d32.Values[i] * TimeSpan.TicksPerDay,
            Date64Array d64 => (System.Int128)d64.Values[i] * TimeSpan.TicksPerMillisecond,
            _ => throw new InvalidDataException($"{where}: {array.Data.DataType.Name} is not a date or timestamp."),
        };
        ticks += epoch;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
            throw new InvalidDataException($"{where}: row {i} holds a date outside the range .NET's DateTime can represent (years 1 to 9999).");
        return (long)ticks;
    }

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly ArrowDataView _view;
        private readonly bool[] _active;
        private readonly IEnumerator<RecordBatch> _batches;
        private readonly BatchColumn?[] _fieldData;
        private RecordBatch? _batch;
        private int _batchIndex = -1;
        private int _row = -1;
        private long _position = -1;

        public Cursor(ArrowDataView view, IEnumerable<DataViewSchema.Column> needed)
        {
            _view = view;
            _active = new bool[view.Schema.Count];
            foreach (var c in needed) _active[c.Index] = true;
            _batches = view._batches().GetEnumerator();
            _fieldData = new BatchColumn?[view._sources.Count == 0 ? 0 : view._sources.Max(s => s.Field) + 1];
        }

        public override DataViewSchema Schema => _view.Schema;
        public override long Position => _position;
        public override long Batch => 0;
        public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

        public override bool MoveNext()
        {
            while (_batch is null || ++_row >= _batch.Length)
            {
                if (_view._ownsBatches) _batch?.Dispose(); // its values were copied into the getters' arrays
                if (!_batches.MoveNext()) { _batch = null; return false; }
                _batch = _batches.Current;
                _batchIndex++;
                _row = -1;
                CheckBatch(_batch, _batchIndex);
                System.Array.Clear(_fieldData);
                for (int i = 0; i < _view._sources.Count; i++)
                {
                    if (!_active[i]) continue;
                    var s = _view._sources[i];
                    if (_fieldData[s.Field] is null)
                    {
                        var field = _batch.Schema.GetFieldByIndex(s.Field);
                        _fieldData[s.Field] = Convert(_batch.Column(s.Field), field, s.Kind, s.Width, _view.Where(field.Name, _batchIndex));
                    }
                }
                if (_batch.Length > 0) { _row = 0; break; }
            }
            _position++;
            return true;
        }

        /// <summary>Validates the batch's buffers and that its columns are the view's (names and types).</summary>
        private void CheckBatch(RecordBatch batch, int index)
        {
            var expected = _view._arrowSchema;
            if (batch.Schema.FieldsList.Count != expected.FieldsList.Count)
                throw new InvalidDataException($"{_view.Where(null, index)} has {batch.Schema.FieldsList.Count} columns; the view's schema has {expected.FieldsList.Count}.");
            for (int i = 0; i < expected.FieldsList.Count; i++)
                if (ArrowIpc.FieldDifference(expected.FieldsList[i], batch.Schema.FieldsList[i]) is { } diff)
                    throw new InvalidDataException($"{_view.Where(expected.FieldsList[i].Name, index)} does not match the view's schema: {diff}.");
            ArrowArrayValidator.Validate(batch, index, _view._sourceName);
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!_active[column.Index]) throw new InvalidOperationException($"Column '{column.Name}' is not active in this cursor.");
            var s = _view._sources[column.Index];
            bool vector = s.Width != 0;
            Delegate d = (s.IsMask, s.Kind) switch
            {
                (true, _) when vector => (ValueGetter<VBuffer<bool>>)((ref VBuffer<bool> v) => { var c = _fieldData[s.Field]!; var (a, n) = Span(c, s.Width); Fill(ref v, c.Valid, a, n); }),
                (true, _) => (ValueGetter<bool>)((ref bool v) => v = _fieldData[s.Field]!.Valid[_row]),
                (_, Kind.Single) => (ValueGetter<float>)((ref float v) => v = _fieldData[s.Field]!.F![_row]),
                (_, Kind.Double) => (ValueGetter<double>)((ref double v) => v = _fieldData[s.Field]!.D![_row]),
                (_, Kind.Bool) => (ValueGetter<bool>)((ref bool v) => v = _fieldData[s.Field]!.B![_row]),
                (_, Kind.Text) => (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> v) => v = (_fieldData[s.Field]!.S![_row] ?? "").AsMemory()),
                (_, Kind.Date) => (ValueGetter<DateTime>)((ref DateTime v) => v = _fieldData[s.Field]!.T![_row]),
                (_, Kind.DateOffset) => (ValueGetter<DateTimeOffset>)((ref DateTimeOffset v) => v = _fieldData[s.Field]!.O![_row]),
                (_, Kind.VectorSingle) => (ValueGetter<VBuffer<float>>)((ref VBuffer<float> v) => { var c = _fieldData[s.Field]!; var (a, n) = Span(c, s.Width); Fill(ref v, c.F!, a, n); }),
                _ => (ValueGetter<VBuffer<double>>)((ref VBuffer<double> v) => { var c = _fieldData[s.Field]!; var (a, n) = Span(c, s.Width); Fill(ref v, c.D!, a, n); }),
            };
            return d as ValueGetter<TValue> ?? throw new InvalidOperationException($"Column '{column.Name}' is {column.Type}; it cannot be read as {typeof(TValue).Name}.");
        }

        private (int start, int count) Span(BatchColumn c, int width) =>
            c.Starts is { } st ? (st[_row], st[_row + 1] - st[_row]) : (_row * width, width);

        private static void Fill<T>(ref VBuffer<T> dst, T[] src, int start, int width)
        {
            var editor = VBufferEditor.Create(ref dst, width);
            src.AsSpan(start, width).CopyTo(editor.Values);
            dst = editor.Commit();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                if (_view._ownsBatches) _batch?.Dispose();
                _batch = null;
                _batches.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    /// <summary>"Arrow column 'x' in batch 3 of 'file'" for messages.</summary>
    private string Where(string? column, int batchIndex)
    {
        var w = column is null ? $"Arrow record batch {batchIndex}" : $"Arrow column '{column}' in batch {batchIndex}";
        return _sourceName is null ? w : $"{w} of '{_sourceName}'";
    }
}

/// <summary>Loading Arrow and Parquet data with nulls into ML.NET.</summary>
public static class MaskedDataCatalog
{
    /// <summary>An IDataView over in-memory record batches (all with the first batch's schema).</summary>
    /// <exception cref="ArgumentException">No batch, or a batch whose columns differ from the first batch's (the message names the column and batch).</exception>
    /// <exception cref="InvalidDataException">A batch's buffers do not hold what its metadata says (checked when a cursor reaches it).</exception>
    public static ArrowDataView LoadFromArrow(this DataOperationsCatalog catalog, IReadOnlyList<RecordBatch> batches, bool includeMaskColumns = false)
    {
        ArgumentNullException.ThrowIfNull(batches);
        if (batches.Count == 0) throw new ArgumentException("No record batch.", nameof(batches));
        var first = batches[0].Schema;
        for (int i = 1; i < batches.Count; i++)
        {
            var schema = batches[i]?.Schema ?? throw new ArgumentException($"Batch {i} is null.", nameof(batches));
            if (schema.FieldsList.Count != first.FieldsList.Count)
                throw new ArgumentException($"Batch {i} has {schema.FieldsList.Count} columns, batch 0 has {first.FieldsList.Count}; every batch needs the first batch's schema.", nameof(batches));
            for (int c = 0; c < first.FieldsList.Count; c++)
                if (ArrowIpc.FieldDifference(first.FieldsList[c], schema.FieldsList[c]) is { } diff)
                    throw new ArgumentException($"Batch {i} does not have batch 0's schema: {diff}.", nameof(batches));
        }
        return new ArrowDataView(first, () => batches, includeMaskColumns, batches.Sum(b => (long)b.Length));
    }

    /// <summary>An IDataView over an Arrow IPC file.</summary>
    public static ArrowDataView LoadFromArrowFile(this DataOperationsCatalog catalog, string path, bool includeMaskColumns = false)
    {
        var batches = ArrowIpc.ReadFile(path);
        if (batches.Count == 0) throw new InvalidDataException($"Arrow IPC file '{path}' holds no record batch.");
        return new ArrowDataView(batches[0].Schema, () => batches, includeMaskColumns, batches.Sum(b => (long)b.Length), sourceName: path);
    }

    /// <summary>An IDataView streaming a Parquet file batch by batch (<paramref name="batchSize"/> rows); every cursor re-reads the file.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is a directory.</exception>
    /// <exception cref="InvalidDataException">The file is not Parquet, or is truncated or corrupt; the message names the file.</exception>
    public static ArrowDataView LoadFromParquet(this DataOperationsCatalog catalog, string path, int batchSize = 65536, bool includeMaskColumns = false)
    {
        var schema = ParquetTensors.ReadSchema(path, out long rows);
        return new ArrowDataView(schema, () => ParquetTensors.ReadBatches(path, batchSize), includeMaskColumns, rows, ownsBatches: true, sourceName: path);
    }
}
