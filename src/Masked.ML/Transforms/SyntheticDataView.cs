using Microsoft.ML;
using Microsoft.ML.Data;

namespace Masked.ML;

/// <summary>
/// A tiny in-memory IDataView of vector columns (float, double or bool rows) used to fit ML.NET's own transformers to
/// numbers Masked.ML computed (so that what <c>Fit</c> returns is made of ML.NET's savable, native-speed pieces)
/// without creating an <see cref="MLContext"/>.
/// </summary>
internal sealed class SyntheticDataView : IDataView
{
    private readonly Array[][] _columns; // per column: rows of float[]/double[]/bool[]
    private readonly int _rows;

    public SyntheticDataView(params (string name, Array[] rows)[] columns)
    {
        if (columns.Length == 0) throw new ArgumentException("At least one column.", nameof(columns));
        _rows = columns[0].rows.Length;
        var b = new DataViewSchema.Builder();
        foreach (var (name, rows) in columns)
        {
            if (rows.Length != _rows) throw new ArgumentException("All columns need the same number of rows.", nameof(columns));
            PrimitiveDataViewType item = rows[0] switch
            {
                float[] => NumberDataViewType.Single,
                double[] => NumberDataViewType.Double,
                bool[] => BooleanDataViewType.Instance,
                _ => throw new ArgumentException("float[], double[] or bool[] rows.", nameof(columns)),
            };
            b.AddColumn(name, new VectorDataViewType(item, rows[0].Length));
        }
        Schema = b.ToSchema();
        _columns = columns.Select(c => c.rows).ToArray();
    }

    public bool CanShuffle => false;
    public DataViewSchema Schema { get; }
    public long? GetRowCount() => _rows;
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(this)];

    private sealed class Cursor(SyntheticDataView parent) : DataViewRowCursor
    {
        private long _position = -1;
        public override DataViewSchema Schema => parent.Schema;
        public override long Position => _position;
        public override long Batch => 0;
        public override bool MoveNext() => ++_position < parent._rows;
        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);
        public override bool IsColumnActive(DataViewSchema.Column column) => true;
        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var rows = parent._columns[column.Index];
            return rows[0] switch
            {
                float[] => (ValueGetter<TValue>)(Delegate)Make<float>(rows),
                double[] => (ValueGetter<TValue>)(Delegate)Make<double>(rows),
                _ => (ValueGetter<TValue>)(Delegate)Make<bool>(rows),
            };
        }

        private ValueGetter<VBuffer<T>> Make<T>(Array[] rows) => (ref VBuffer<T> dst) =>
        {
            var src = (T[])rows[_position];
            var editor = VBufferEditor.Create(ref dst, src.Length);
            src.CopyTo(editor.Values);
            dst = editor.Commit();
        };
    }
}
