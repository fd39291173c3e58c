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
/// fixed-size lists and <c>arrow.fixed_shape_tensor</c> columns become known-size vector columns; utf8 becomes text;
/// bool becomes bool (null = false). With <c>includeMaskColumns</c>, each nullable column gets a bool (vector)
/// column <c>name.Mask</c> beside it (true = valid). Other Arrow types are left out and listed in <see cref="SkippedColumns"/>.
/// </summary>
public sealed class ArrowDataView : IDataView
{
    /// <summary>Suffix of the mask columns.</summary>
    public const string MaskSuffix = ".Mask";

    private readonly Func<IEnumerable<RecordBatch>> _batches;
    private readonly List<Source> _sources = [];
    private readonly long? _rowCount;
    private readonly bool _ownsBatches;

    /// <summary>Creates the view from an Arrow schema and a batch source that can be enumerated once per cursor.</summary>
    /// <param name="arrowSchema">The batches' schema.</param>
    /// <param name="batches">A source of batches, enumerated once per cursor.</param>
    /// <param name="includeMaskColumns">Add a <c>name.Mask</c> bool column beside each nullable numeric column.</param>
    /// <param name="rowCount">The row count, when known.</param>
    /// <param name="ownsBatches">Dispose each batch once the cursor moved past it (for batches the source creates, e.g. Parquet).</param>
    public ArrowDataView(Schema arrowSchema, Func<IEnumerable<RecordBatch>> batches, bool includeMaskColumns = false, long? rowCount = null, bool ownsBatches = false)
    {
        _ownsBatches = ownsBatches;
        ArgumentNullException.ThrowIfNull(arrowSchema);
        _batches = batches ?? throw new ArgumentNullException(nameof(batches));
        _rowCount = rowCount;
        var b = new DataViewSchema.Builder();
        var skipped = new List<string>();
        for (int i = 0; i < arrowSchema.FieldsList.Count; i++)
        {
            var f = arrowSchema.FieldsList[i];
            var (type, kind, width) = Map(f);
            if (type is null) { skipped.Add($"{f.Name} ({f.DataType.Name})"); continue; }
            b.AddColumn(f.Name, type);
            _sources.Add(new Source(i, kind, width, false));
            if (includeMaskColumns && kind != Kind.Text && kind != Kind.Bool)
            {
                b.AddColumn(f.Name + MaskSuffix, width > 0 ? new VectorDataViewType(BooleanDataViewType.Instance, width) : BooleanDataViewType.Instance);
                _sources.Add(new Source(i, kind, width, true));
            }
        }
        Schema = b.ToSchema();
        SkippedColumns = skipped;
    }

    /// <summary>Arrow columns left out because they have no ML.NET form here.</summary>
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

    internal enum Kind { Single, Double, Text, Bool, VectorSingle, VectorDouble }

    private readonly record struct Source(int Field, Kind Kind, int Width, bool IsMask);

    private static (DataViewType? type, Kind kind, int width) Map(Field f)
    {
        var dt = f.DataType;
        if (FixedShapeTensorType.TryFromField(f) is { } fst)
        {
            var item = fst.ValueType is DoubleType ? NumberDataViewType.Double : NumberDataViewType.Single;
            int w = fst.Shape.Aggregate(1, (a, c) => a * c);
            var dims = fst.Shape.ToArray();
            return (new VectorDataViewType(item, dims), item == NumberDataViewType.Double ? Kind.VectorDouble : Kind.VectorSingle, w);
        }
        return dt switch
        {
            FloatType or HalfFloatType or Int8Type or Int16Type or Int32Type or UInt8Type or UInt16Type => (NumberDataViewType.Single, Kind.Single, 0),
            DoubleType or Int64Type or UInt32Type or UInt64Type => (NumberDataViewType.Double, Kind.Double, 0),
            StringType => (TextDataViewType.Instance, Kind.Text, 0),
            BooleanType => (BooleanDataViewType.Instance, Kind.Bool, 0),
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
        public bool[] Valid = [];
    }

    private static BatchColumn Convert(IArrowArray array, Field field, Kind kind, int width)
    {
        var c = new BatchColumn();
        int n = array.Length;
        switch (kind)
        {
            case Kind.Text:
                var sa = (StringArray)array;
                c.S = Enumerable.Range(0, n).Select(i => sa.GetString(i)).ToArray();
                c.Valid = Enumerable.Range(0, n).Select(i => sa.IsValid(i)).ToArray();
                return c;
            case Kind.Bool:
                var ba = (BooleanArray)array;
                c.B = Enumerable.Range(0, n).Select(i => ba.GetValue(i) ?? false).ToArray();
                c.Valid = Enumerable.Range(0, n).Select(i => ba.IsValid(i)).ToArray();
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
            case Kind.VectorSingle:
            {
                var t = array is FixedSizeListArray l && FixedShapeTensorType.TryFromField(field) is { } ft
                    ? new FixedShapeTensorArray(ft, l).ToMaskedTensor<float>() : array.AsMaskedTensor<float>();
                c.Valid = t.MaskToBools();
                c.F = t.ToTensor(float.NaN).ToArray();
                return c;
            }
            default:
            {
                var t = array is FixedSizeListArray l && FixedShapeTensorType.TryFromField(field) is { } ft
                    ? new FixedShapeTensorArray(ft, l).ToMaskedTensor<double>() : array.AsMaskedTensor<double>();
                c.Valid = t.MaskToBools();
                c.D = t.ToTensor(double.NaN).ToArray();
                return c;
            }
        }
    }

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly ArrowDataView _view;
        private readonly bool[] _active;
        private readonly IEnumerator<RecordBatch> _batches;
        private readonly BatchColumn?[] _fieldData;
        private RecordBatch? _batch;
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
                _row = -1;
                System.Array.Clear(_fieldData);
                for (int i = 0; i < _view._sources.Count; i++)
                {
                    if (!_active[i]) continue;
                    var s = _view._sources[i];
                    if (_fieldData[s.Field] is null)
                    {
                        var field = _batch.Schema.GetFieldByIndex(s.Field);
                        _fieldData[s.Field] = Convert(_batch.Column(s.Field), field, s.Kind, s.Width);
                    }
                }
                if (_batch.Length > 0) { _row = 0; break; }
            }
            _position++;
            return true;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!_active[column.Index]) throw new InvalidOperationException($"Column '{column.Name}' is not active in this cursor.");
            var s = _view._sources[column.Index];
            Delegate d = (s.IsMask, s.Kind) switch
            {
                (true, Kind.VectorSingle or Kind.VectorDouble) => (ValueGetter<VBuffer<bool>>)((ref VBuffer<bool> v) => Fill(ref v, _fieldData[s.Field]!.Valid, _row * s.Width, s.Width)),
                (true, _) => (ValueGetter<bool>)((ref bool v) => v = _fieldData[s.Field]!.Valid[_row]),
                (_, Kind.Single) => (ValueGetter<float>)((ref float v) => v = _fieldData[s.Field]!.F![_row]),
                (_, Kind.Double) => (ValueGetter<double>)((ref double v) => v = _fieldData[s.Field]!.D![_row]),
                (_, Kind.Bool) => (ValueGetter<bool>)((ref bool v) => v = _fieldData[s.Field]!.B![_row]),
                (_, Kind.Text) => (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> v) => v = (_fieldData[s.Field]!.S![_row] ?? "").AsMemory()),
                (_, Kind.VectorSingle) => (ValueGetter<VBuffer<float>>)((ref VBuffer<float> v) => Fill(ref v, _fieldData[s.Field]!.F!, _row * s.Width, s.Width)),
                _ => (ValueGetter<VBuffer<double>>)((ref VBuffer<double> v) => Fill(ref v, _fieldData[s.Field]!.D!, _row * s.Width, s.Width)),
            };
            return d as ValueGetter<TValue> ?? throw new InvalidOperationException($"Column '{column.Name}' is {column.Type}; it cannot be read as {typeof(TValue).Name}.");
        }

        private static void Fill<T>(ref VBuffer<T> dst, T[] src, int start, int width)
        {
            var editor = VBufferEditor.Create(ref dst, width);
            src.AsSpan(start, width).CopyTo(editor.Values);
            dst = editor.Commit();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _batches.Dispose();
            base.Dispose(disposing);
        }
    }
}

/// <summary>Loading Arrow and Parquet data with nulls into ML.NET.</summary>
public static class MaskedDataCatalog
{
    /// <summary>An IDataView over in-memory record batches (all with the first batch's schema).</summary>
    public static ArrowDataView LoadFromArrow(this DataOperationsCatalog catalog, IReadOnlyList<RecordBatch> batches, bool includeMaskColumns = false)
    {
        ArgumentNullException.ThrowIfNull(batches);
        if (batches.Count == 0) throw new ArgumentException("No record batch.", nameof(batches));
        return new ArrowDataView(batches[0].Schema, () => batches, includeMaskColumns, batches.Sum(b => (long)b.Length));
    }

    /// <summary>An IDataView over an Arrow IPC file.</summary>
    public static ArrowDataView LoadFromArrowFile(this DataOperationsCatalog catalog, string path, bool includeMaskColumns = false)
        => catalog.LoadFromArrow(ArrowIpc.ReadFile(path), includeMaskColumns);

    /// <summary>An IDataView streaming a Parquet file batch by batch (<paramref name="batchSize"/> rows); every cursor re-reads the file.</summary>
    public static ArrowDataView LoadFromParquet(this DataOperationsCatalog catalog, string path, int batchSize = 65536, bool includeMaskColumns = false)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Parquet file not found: {path}", path);
        Schema schema;
        long rows = 0;
        using (var reader = new ParquetSharp.Arrow.FileReader(path))
        {
            schema = reader.Schema;
            rows = reader.ParquetReader.FileMetaData.NumRows;
        }
        return new ArrowDataView(schema, () => ParquetTensors.ReadBatches(path, batchSize), includeMaskColumns, rows, ownsBatches: true);
    }
}
