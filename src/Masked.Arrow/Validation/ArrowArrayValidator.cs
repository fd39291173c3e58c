using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Masked.Arrow;

/// <summary>
/// Checks untrusted Arrow arrays before anything reads them, like Arrow C++'s <c>ValidateFull</c>: lengths and
/// offsets are non-negative and inside every buffer, validity bitmaps are long enough (and present when nulls are
/// reported), variable-size offsets (utf8, binary, lists; 32- and 64-bit) start at 0 or more, never decrease and
/// stay inside the value buffer or child array, utf8 text is valid UTF-8, fixed-size list children hold
/// rows × width items, and nested children are checked the same way. Every reader of this library (Arrow IPC,
/// Parquet) and the ML.NET data views run it once per record batch; a failure is an
/// <see cref="InvalidDataException"/> naming the column, the batch and (when known) the file.
/// </summary>
public static class ArrowArrayValidator
{
    private static readonly ConditionalWeakTable<RecordBatch, object> s_validated = new();

    /// <summary>Validates every column of <paramref name="batch"/> (and that each column has the batch's length). A batch validated once is remembered and not checked again.</summary>
    /// <param name="batch">The batch.</param>
    /// <param name="batchIndex">The batch's position in its source (for the message), or -1.</param>
    /// <param name="source">The file or stream the batch came from (for the message), or null.</param>
    /// <exception cref="InvalidDataException">A column's buffers do not hold what its metadata says; the message names the column, batch and source.</exception>
    public static void Validate(RecordBatch batch, int batchIndex = -1, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (s_validated.TryGetValue(batch, out _)) return;
        if (batch.Length < 0) throw Fail(null, batchIndex, source, $"the batch length is {batch.Length}");
        if (CheckSchema(batch.Schema) is { } bad) throw Fail(null, batchIndex, source, bad);
        if (batch.ColumnCount != batch.Schema.FieldsList.Count)
            throw Fail(null, batchIndex, source, $"the batch has {batch.ColumnCount} columns but its schema has {batch.Schema.FieldsList.Count} fields");
        for (int i = 0; i < batch.ColumnCount; i++)
        {
            var name = batch.Schema.GetFieldByIndex(i).Name;
            var column = batch.Column(i);
            if (column.Length != batch.Length)
                throw Fail(name, batchIndex, source, $"the column has {column.Length} rows but the batch has {batch.Length}");
            Validate(column, name, batchIndex, source);
        }
        s_validated.AddOrUpdate(batch, s_marker);
    }

    /// <summary>Validates one array (recursively, children included).</summary>
    /// <param name="array">The array.</param>
    /// <param name="column">The column name (for the message).</param>
    /// <param name="batchIndex">The batch's position in its source, or -1.</param>
    /// <param name="source">The file or stream, or null.</param>
    /// <exception cref="InvalidDataException">The array's buffers do not hold what its metadata says.</exception>
    public static void Validate(IArrowArray array, string column, int batchIndex = -1, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(array);
        string? problem = Check(array.Data, 0);
        if (problem is not null) throw Fail(column, batchIndex, source, problem);
    }

    /// <summary>Checks a schema read from untrusted input: every field (nested ones included) has a name and a type.</summary>
    /// <exception cref="InvalidDataException">A field has no name or type; the message names its position and the source.</exception>
    public static void Validate(Schema schema, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (CheckSchema(schema) is { } bad) throw Fail(null, -1, source, bad);
    }

    private static string? CheckSchema(Schema schema)
    {
        for (int i = 0; i < schema.FieldsList.Count; i++)
            if (CheckField(schema.FieldsList[i], $"field {i}", 0) is { } bad) return bad;
        return null;
    }

    private static string? CheckField(Field? f, string where, int depth)
    {
        if (f is null) return $"{where} is missing";
        if (f.Name is null) return $"{where} has no name";
        if (f.DataType is null) return $"{where} ('{f.Name}') has no type";
        if (depth > 64) return $"{where} is nested deeper than 64 levels";
        if (f.DataType is not FixedShapeTensorType && f.Metadata is { } meta && meta.TryGetValue("ARROW:extension:name", out var ext) && ext == FixedShapeTensorType.ExtensionNameValue)
        {
            try { FixedShapeTensorType.TryFromField(f); }
            catch (ArgumentException e) { return $"{where} ('{f.Name}'): {e.Message}"; }
        }
        if (f.DataType is NestedType nested)
            for (int i = 0; i < nested.Fields.Count; i++)
                if (CheckField(nested.Fields[i], $"{where} ('{f.Name}') child {i}", depth + 1) is { } bad) return bad;
        return null;
    }

    /// <summary>Marks a batch as validated (internal: batches this library built itself).</summary>
    internal static void MarkValid(RecordBatch batch) => s_validated.AddOrUpdate(batch, s_marker);

    private static readonly object s_marker = new();

    private static InvalidDataException Fail(string? column, int batchIndex, string? source, string problem)
    {
        var where = column is null ? "Arrow record batch" : $"Arrow column '{column}'";
        if (batchIndex >= 0) where += $" in batch {batchIndex}";
        if (source is not null) where += $" of '{source}'";
        return new InvalidDataException($"{where} is invalid: {problem}.");
    }

    /// <summary>Null when the array is sound, else what is wrong.</summary>
    private static string? Check(ArrayData data, int depth)
    {
        if (depth > 64) return "nesting is deeper than 64 levels";
        var type = data.DataType is ExtensionType ext ? ext.StorageType : data.DataType;
        string what = depth == 0 ? "" : $"child at depth {depth} ({type.Name}): ";
        if (data.Length < 0) return $"{what}length {data.Length} is negative";
        if (data.Offset < 0) return $"{what}offset {data.Offset} is negative";
        long end = (long)data.Offset + data.Length;
        if (end > int.MaxValue) return $"{what}offset {data.Offset} + length {data.Length} overflows";
        if (data.NullCount > data.Length) return $"{what}null count {data.NullCount} exceeds the length {data.Length}";
        if (data.NullCount < -1) return $"{what}null count {data.NullCount} is negative";
        if (type.TypeId == ArrowTypeId.Null) return null;
        int expectBuffers = type.TypeId switch
        {
            ArrowTypeId.Struct or ArrowTypeId.FixedSizeList => 1,
            ArrowTypeId.String or ArrowTypeId.Binary or ArrowTypeId.LargeString or ArrowTypeId.LargeBinary => 3,
            _ => 2,
        };
        if (type.TypeId is ArrowTypeId.Union or ArrowTypeId.RunEndEncoded or ArrowTypeId.StringView or ArrowTypeId.BinaryView or ArrowTypeId.ListView or ArrowTypeId.LargeListView)
            return CheckBitmapOnly(data, what); // not read by this library: only the common parts are checked
        if (data.Buffers is null || data.Buffers.Length < expectBuffers)
            return $"{what}{type.Name} needs {expectBuffers} buffers, it has {data.Buffers?.Length ?? 0}";
        if (CheckBitmapOnly(data, what) is { } bad) return bad;
        switch (type)
        {
            case BooleanType:
                return Need(data.Buffers[1].Length, (end + 7) / 8, what, "value bitmap");
            case StringType or BinaryType:
                return CheckOffsets32(data, data.Buffers[1].Span, data.Buffers[2].Length, what, type is StringType ? data.Buffers[2].Span : default, type is StringType);
            case LargeStringType or LargeBinaryType:
                return CheckOffsets64(data, data.Buffers[1].Span, data.Buffers[2].Length, what, type is LargeStringType ? data.Buffers[2].Span : default, type is LargeStringType);
            case FixedSizeListType fsl:
            {
                if (data.Children is not { Length: 1 }) return $"{what}a fixed-size list needs 1 child array, it has {data.Children?.Length ?? 0}";
                if (fsl.ListSize < 0) return $"{what}list size {fsl.ListSize} is negative";
                long needItems = end * fsl.ListSize;
                if (data.Children[0].Length < needItems)
                    return $"{what}{data.Length} rows of width {fsl.ListSize} from row {data.Offset} need {needItems} items, the child array has {data.Children[0].Length}";
                return Check(data.Children[0], depth + 1);
            }
            case ListType or MapType:
            {
                if (data.Children is not { Length: 1 }) return $"{what}a list needs 1 child array, it has {data.Children?.Length ?? 0}";
                var bad2 = CheckOffsets32(data, data.Buffers[1].Span, data.Children[0].Length, what, default, false);
                return bad2 ?? Check(data.Children[0], depth + 1);
            }
            case LargeListType:
            {
                if (data.Children is not { Length: 1 }) return $"{what}a list needs 1 child array, it has {data.Children?.Length ?? 0}";
                var bad2 = CheckOffsets64(data, data.Buffers[1].Span, data.Children[0].Length, what, default, false);
                return bad2 ?? Check(data.Children[0], depth + 1);
            }
            case StructType st:
            {
                int nf = st.Fields.Count;
                if (data.Children is null || data.Children.Length != nf) return $"{what}a struct of {nf} fields has {data.Children?.Length ?? 0} child arrays";
                foreach (var c in data.Children)
                {
                    if (c.Length < end) return $"{what}a struct child has {c.Length} rows, the struct needs {end}";
                    if (Check(c, depth + 1) is { } b) return b;
                }
                return null;
            }
            case DictionaryType dict:
            {
                int w = BitWidth(dict.IndexType);
                if (w <= 0) return $"{what}dictionary index type {dict.IndexType.Name} is not an integer";
                if (Need(data.Buffers[1].Length, end * w / 8, what, "index buffer") is { } b) return b;
                return data.Dictionary is null ? $"{what}the dictionary is missing" : Check(data.Dictionary, depth + 1);
            }
            default:
            {
                int bits = BitWidth(type);
                if (bits <= 0) return null; // types without a fixed layout that this library never reads
                return Need(data.Buffers[1].Length, (end * bits + 7) / 8, what, "value buffer");
            }
        }
    }

    private static string? CheckBitmapOnly(ArrayData data, string what)
    {
        if (data.Buffers is null || data.Buffers.Length == 0) return data.NullCount > 0 ? $"{what}{data.NullCount} nulls reported but there is no validity bitmap" : null;
        var bitmap = data.Buffers[0];
        if (bitmap.IsEmpty)
            return data.NullCount > 0 ? $"{what}{data.NullCount} nulls reported but there is no validity bitmap" : null;
        return Need(bitmap.Length, ((long)data.Offset + data.Length + 7) / 8, what, "validity bitmap");
    }

    private static string? Need(long have, long need, string what, string buffer) =>
        have < need ? $"{what}the {buffer} has {have} bytes, offset and length need {need}" : null;

    private static string? CheckOffsets32(ArrayData data, ReadOnlySpan<byte> offsetBytes, long limit, string what, ReadOnlySpan<byte> utf8, bool text)
    {
        if (data.Length == 0) return null;
        long need = ((long)data.Offset + data.Length + 1) * 4;
        if (offsetBytes.Length < need) return $"{what}the offsets buffer has {offsetBytes.Length} bytes, offset {data.Offset} + length {data.Length} need {need}";
        var offsets = MemoryMarshal.Cast<byte, int>(offsetBytes).Slice(data.Offset, data.Length + 1);
        return CheckOffsetRun(offsets, limit, what, utf8, text, data.Offset);
    }

    private static string? CheckOffsets64(ArrayData data, ReadOnlySpan<byte> offsetBytes, long limit, string what, ReadOnlySpan<byte> utf8, bool text)
    {
        if (data.Length == 0) return null;
        long need = ((long)data.Offset + data.Length + 1) * 8;
        if (offsetBytes.Length < need) return $"{what}the offsets buffer has {offsetBytes.Length} bytes, offset {data.Offset} + length {data.Length} need {need}";
        var offsets = MemoryMarshal.Cast<byte, long>(offsetBytes).Slice(data.Offset, data.Length + 1);
        return CheckOffsetRun(offsets, limit, what, utf8, text, data.Offset);
    }

    private static string? CheckOffsetRun<TOff>(ReadOnlySpan<TOff> offsets, long limit, string what, ReadOnlySpan<byte> utf8, bool text, int first)
        where TOff : unmanaged, System.Numerics.IBinaryInteger<TOff>
    {
        long prev = long.CreateTruncating(offsets[0]);
        if (prev < 0) return $"{what}offset of row {first} is {prev} (negative)";
        for (int i = 1; i < offsets.Length; i++)
        {
            long o = long.CreateTruncating(offsets[i]);
            if (o < prev) return $"{what}offsets decrease at row {first + i - 1} ({prev} then {o})";
            prev = o;
        }
        if (prev > limit) return $"{what}the last offset {prev} points past the end of the values ({limit} {(text || utf8.Length > 0 ? "bytes" : "items")})";
        if (text)
        {
            long start = long.CreateTruncating(offsets[0]);
            if (!System.Text.Unicode.Utf8.IsValid(utf8.Slice((int)start, (int)(prev - start))))
                return $"{what}the text is not valid UTF-8";
        }
        return null;
    }

    private static int BitWidth(IArrowType type) => type switch
    {
        BooleanType => 1,
        Int8Type or UInt8Type => 8,
        Int16Type or UInt16Type or HalfFloatType => 16,
        Int32Type or UInt32Type or FloatType or Date32Type or Time32Type => 32,
        Int64Type or UInt64Type or DoubleType or Date64Type or Time64Type or TimestampType or DurationType => 64,
        FixedSizeBinaryType f => checked(f.ByteWidth * 8),
        _ => 0,
    };
}
