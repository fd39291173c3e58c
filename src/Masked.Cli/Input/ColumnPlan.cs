using Apache.Arrow;
using Apache.Arrow.Types;
using Masked.Arrow;

namespace Masked.Cli.Input;

/// <summary>How one column of a file is read: its Arrow type, whether it is numeric, and its per-row shape.</summary>
public sealed class ColumnPlan
{
    private ColumnPlan(Field field, string typeName, bool numeric, int[] itemShape, bool isDouble)
    {
        Field = field; TypeName = typeName; IsNumeric = numeric; ItemShape = itemShape; IsDouble = isDouble;
        Width = itemShape.Aggregate(1, (a, b) => a * b);
    }

    /// <summary>The Arrow field.</summary>
    public Field Field { get; }

    /// <summary>The column name.</summary>
    public string Name => Field.Name;

    /// <summary>A short type name: <c>float32</c>, <c>int16</c>, <c>fixed_size_list&lt;float32, 4&gt;</c>, <c>tensor&lt;float32, [2, 3]&gt;</c>, <c>utf8</c>, …</summary>
    public string TypeName { get; }

    /// <summary>True for numeric columns and fixed-size lists / fixed-shape tensors of numbers.</summary>
    public bool IsNumeric { get; }

    /// <summary>The shape of one row's value: empty for a scalar column.</summary>
    public int[] ItemShape { get; }

    /// <summary>Values per row (1 for a scalar column).</summary>
    public int Width { get; }

    /// <summary>True when values are read as float64 (float64, 64-bit and unsigned 32-bit integers); false for float32 (float32, half, smaller integers).</summary>
    public bool IsDouble { get; }

    /// <summary>True for fixed-size list and fixed-shape tensor columns.</summary>
    public bool IsVector => ItemShape.Length > 0;

    /// <summary>Plans the column of <paramref name="field"/>.</summary>
    public static ColumnPlan For(Field field)
    {
        var tensor = FixedShapeTensorType.TryFromField(field);
        if (tensor is not null && field.DataType is FixedSizeListType tl && Scalar(tl.ValueDataType) is { } tv)
            return new ColumnPlan(field, $"tensor<{tv.name}, [{string.Join(", ", tensor.Shape)}]>", true, tensor.Shape.ToArray(), tv.isDouble);
        switch (field.DataType)
        {
            case FixedShapeTensorType ft when ft.StorageType is FixedSizeListType sl && Scalar(sl.ValueDataType) is { } sv:
                return new ColumnPlan(field, $"tensor<{sv.name}, [{string.Join(", ", ft.Shape)}]>", true, ft.Shape.ToArray(), sv.isDouble);
            case FixedSizeListType l when Scalar(l.ValueDataType) is { } lv:
                return new ColumnPlan(field, $"fixed_size_list<{lv.name}, {l.ListSize}>", true, [l.ListSize], lv.isDouble);
        }
        if (Scalar(field.DataType) is { } s) return new ColumnPlan(field, s.name, true, [], s.isDouble);
        return new ColumnPlan(field, field.DataType.Name, false, [], false);
    }

    private static (string name, bool isDouble)? Scalar(IArrowType type) => type.TypeId switch
    {
        ArrowTypeId.Float => ("float32", false),
        ArrowTypeId.HalfFloat => ("float16", false),
        ArrowTypeId.Double => ("float64", true),
        ArrowTypeId.Int8 => ("int8", false),
        ArrowTypeId.Int16 => ("int16", false),
        ArrowTypeId.Int32 => ("int32", false),
        ArrowTypeId.Int64 => ("int64", true),
        ArrowTypeId.UInt8 => ("uint8", false),
        ArrowTypeId.UInt16 => ("uint16", false),
        ArrowTypeId.UInt32 => ("uint32", true),
        ArrowTypeId.UInt64 => ("uint64", true),
        _ => null,
    };

    /// <summary>
    /// Selects columns by name (all when <paramref name="names"/> is null), failing with a message naming an unknown column.
    /// </summary>
    public static IReadOnlyList<ColumnPlan> Select(Schema schema, IReadOnlyList<string>? names, string path)
    {
        if (names is null) return schema.FieldsList.Select(For).ToList();
        var r = new List<ColumnPlan>();
        foreach (var n in names)
        {
            int i = schema.GetFieldIndex(n);
            if (i < 0) throw new CliException($"'{path}' has no column '{n}' (columns: {string.Join(", ", schema.FieldsList.Select(f => f.Name))}).");
            r.Add(For(schema.GetFieldByIndex(i)));
        }
        return r;
    }

    /// <summary>
    /// This column of <paramref name="batch"/> as a masked tensor of float or double, shaped rows × <see cref="Width"/>
    /// (zero-copy for float32/float64 storage; other numbers are converted, a copy bounded by the batch).
    /// </summary>
    public object ReadTensor(RecordBatch batch)
    {
        int i = batch.Schema.GetFieldIndex(Name);
        var one = new RecordBatch(new Schema([batch.Schema.GetFieldByIndex(i)], null), [batch.Column(i)], batch.Length);
        var col = one.ToMaskedColumns()[0];
        int rows = batch.Length;
        object t = col.Tensor switch
        {
            MaskedTensor<float> f when !IsDouble => f,
            MaskedTensor<double> d when IsDouble => d,
            MaskedTensor<float> f => f.Cast<double>(),
            MaskedTensor<double> d => d.Cast<float>(),
            MaskedTensor<int> n when IsDouble => n.Cast<double>(),
            MaskedTensor<int> n => n.Cast<float>(),
            MaskedTensor<long> l when IsDouble => l.Cast<double>(),
            MaskedTensor<long> l => l.Cast<float>(),
            _ => throw new CliException($"column '{Name}' ({TypeName}) is not supported."),
        };
        return t switch
        {
            MaskedTensor<float> f => Shape(f, rows),
            MaskedTensor<double> d => Shape(d, rows),
            _ => t,
        };
    }

    /// <summary>
    /// Releases the Arrow memory a tensor from <see cref="ReadTensor"/> views, now rather than when the garbage collector
    /// finalizes it (the native buffers of a Parquet batch are invisible to the GC, so waiting lets them pile up). The
    /// tensor must not be read afterwards.
    /// </summary>
    public static void Release(object tensor)
    {
        var (owner, bitmapOwner) = tensor switch
        {
            MaskedTensor<float> f => (f.Owner, f.Validity?.Owner),
            MaskedTensor<double> d => (d.Owner, d.Validity?.Owner),
            _ => (null, null),
        };
        (owner as IDisposable)?.Dispose();
        if (!ReferenceEquals(owner, bitmapOwner)) (bitmapOwner as IDisposable)?.Dispose();
    }

    private MaskedTensor<T> Shape<T>(MaskedTensor<T> t, int rows) where T : unmanaged
    {
        if (!t.IsContiguous) t = t.Contiguous();
        return t.Rank == 2 && t.Shape[1] == Width ? t : t.Reshape(rows, Width);
    }
}
