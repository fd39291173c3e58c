using Microsoft.ML;
using Microsoft.ML.Data;

namespace Masked.ML;

/// <summary>Reads a float/double (vector or scalar) column of an IDataView into a rows × slots masked tensor: NaN and a false mask entry are both "missing".</summary>
internal static class ColumnReader
{
    public static (MaskedTensor<double> values, int slots) Read(IDataView data, string column, string? maskColumn)
    {
        var col = data.Schema.GetColumnOrNull(column) ?? throw new ArgumentException($"Input column '{column}' not found (columns: {string.Join(", ", data.Schema.Select(c => c.Name))}).");
        var (item, slots) = Describe(col.Type, column);
        DataViewSchema.Column? maskCol = null;
        if (maskColumn is not null)
        {
            maskCol = data.Schema.GetColumnOrNull(maskColumn) ?? throw new ArgumentException($"Mask column '{maskColumn}' not found.");
            var mt = maskCol.Value.Type;
            int msize = mt is VectorDataViewType mv ? mv.Size : 1;
            if (ItemType(mt) != BooleanDataViewType.Instance || msize != slots)
                throw new ArgumentException($"Mask column '{maskColumn}' must be a bool {(slots == 1 ? "scalar" : $"vector of size {slots}")} like '{column}'; it is {mt}.");
        }
        var values = new List<double>();
        var valid = new List<bool>();
        var cols = maskCol is null ? new[] { col } : new[] { col, maskCol.Value };
        using var cursor = data.GetRowCursor(cols);
        var get = Getter(cursor, col, item, slots);
        ValueGetter<VBuffer<bool>>? getMask = null;
        ValueGetter<bool>? getMaskScalar = null;
        if (maskCol is not null)
        {
            if (maskCol.Value.Type is VectorDataViewType) getMask = cursor.GetGetter<VBuffer<bool>>(maskCol.Value);
            else getMaskScalar = cursor.GetGetter<bool>(maskCol.Value);
        }
        var row = new double[slots];
        VBuffer<bool> mbuf = default;
        while (cursor.MoveNext())
        {
            get(row);
            bool[]? m = null;
            if (getMask is not null) { getMask(ref mbuf); m = mbuf.DenseValues().ToArray(); }
            else if (getMaskScalar is not null) { bool b = false; getMaskScalar(ref b); m = [b]; }
            for (int j = 0; j < slots; j++)
            {
                values.Add(row[j]);
                valid.Add(!double.IsNaN(row[j]) && (m is null || m[j]));
            }
        }
        int rows = values.Count / Math.Max(1, slots);
        return (MaskedTensor.Create(values.ToArray(), valid.ToArray(), rows, slots), slots);
    }

    public static DataViewType ItemType(DataViewType type) => type is VectorDataViewType v ? v.ItemType : type;

    public static (DataViewType item, int slots) Describe(DataViewType type, string column)
    {
        var item = ItemType(type);
        if (item != NumberDataViewType.Single && item != NumberDataViewType.Double)
            throw new ArgumentException($"Column '{column}' must hold float or double values (ML.NET's missing value is NaN); it holds {item}.");
        if (type is VectorDataViewType v)
        {
            if (!v.IsKnownSize) throw new ArgumentException($"Column '{column}' is a variable-size vector; masked components need a known size.");
            return (item, v.Size);
        }
        return (item, 1);
    }

    private static Action<double[]> Getter(DataViewRowCursor cursor, DataViewSchema.Column col, DataViewType item, int slots)
    {
        if (col.Type is VectorDataViewType)
        {
            if (item == NumberDataViewType.Single)
            {
                var g = cursor.GetGetter<VBuffer<float>>(col);
                VBuffer<float> b = default;
                return row => { g(ref b); int j = 0; foreach (var v in b.DenseValues()) row[j++] = v; };
            }
            var gd = cursor.GetGetter<VBuffer<double>>(col);
            VBuffer<double> bd = default;
            return row => { gd(ref bd); int j = 0; foreach (var v in bd.DenseValues()) row[j++] = v; };
        }
        if (item == NumberDataViewType.Single)
        {
            var g = cursor.GetGetter<float>(col);
            return row => { float v = 0; g(ref v); row[0] = v; };
        }
        var g2 = cursor.GetGetter<double>(col);
        return row => { double v = 0; g2(ref v); row[0] = v; };
    }
}
