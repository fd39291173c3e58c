using System.Buffers;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Masked.Arrow;

/// <summary>
/// Arrow arrays ↔ masked tensors. <c>AsMaskedTensor</c> views the array's value buffer and validity bitmap
/// directly (no copy, any offset, with or without a bitmap) and retains the Arrow memory (reference
/// counted), so disposing the array or its record batch while a tensor lives is safe. <c>ToArrowArray</c>
/// exports a contiguous tensor's buffers without copying; a non-contiguous view is copied once.
/// </summary>
public static class ArrowArrayExtensions
{
    /// <summary>Views a float32 column as a 1-D masked tensor (zero-copy).</summary>
    public static MaskedTensor<float> AsMaskedTensor(this FloatArray array) => Wrap<float>(array, "float32");
    /// <summary>Views a float64 column as a 1-D masked tensor (zero-copy).</summary>
    public static MaskedTensor<double> AsMaskedTensor(this DoubleArray array) => Wrap<double>(array, "float64");
    /// <summary>Views an int32 column as a 1-D masked tensor (zero-copy).</summary>
    public static MaskedTensor<int> AsMaskedTensor(this Int32Array array) => Wrap<int>(array, "int32");
    /// <summary>Views an int64 column as a 1-D masked tensor (zero-copy).</summary>
    public static MaskedTensor<long> AsMaskedTensor(this Int64Array array) => Wrap<long>(array, "int64");

    /// <summary>
    /// Views an Arrow array as a masked tensor of <typeparamref name="T"/> without copying data: a primitive array of
    /// the same element type (1-D), a <see cref="FixedSizeListArray"/> (2-D rows × width) or an
    /// <c>arrow.fixed_shape_tensor</c> column (N-D).
    /// </summary>
    /// <exception cref="NotSupportedException">The array's type cannot be viewed as <typeparamref name="T"/>; the message names the type.</exception>
    /// <exception cref="ArgumentException">A buffer is shorter than the array's offset and length need.</exception>
    public static MaskedTensor<T> AsMaskedTensor<T>(this IArrowArray array) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(array);
        switch (array)
        {
            case FixedShapeTensorArray fst: return fst.ToMaskedTensor<T>();
            case ExtensionArray ext when ext.ExtensionType is null: return AsMaskedTensor<T>(ext.Storage);
            case FixedSizeListArray list: return ListAsMatrix<T>(list);
        }
        var expected = ElementType<T>();
        if (array.Data.DataType.TypeId != expected.TypeId)
            throw new NotSupportedException(
                $"An Arrow {Describe(array.Data.DataType)} array cannot be viewed as MaskedTensor<{typeof(T).Name}> without a copy; " +
                $"zero-copy views need a {Describe(expected)} array (or a fixed-size list of it). Use ToMaskedTensor<T>() for a converting copy.");
        return Wrap<T>(array, Describe(expected));
    }

    /// <summary>
    /// Converts a numeric Arrow array of any primitive type (int8/16/32/64, uint8/16/32/64, half, float, double) into a
    /// new masked tensor of <typeparamref name="T"/>. This is a copy (a widening or narrowing conversion); nulls become masked entries.
    /// </summary>
    public static MaskedTensor<T> ToMaskedTensor<T>(this IArrowArray array) where T : unmanaged, System.Numerics.INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(array);
        ArrowArrayValidator.Validate(array, "(array)"); // buffers checked before allocating: a corrupt length never allocates
        int n = array.Length;
        var data = new T[n];
        Func<int, T> get = array switch
        {
            FloatArray a => i => T.CreateTruncating(a.GetValue(i) ?? 0),
            DoubleArray a => i => T.CreateTruncating(a.GetValue(i) ?? 0),
            HalfFloatArray a => i => T.CreateTruncating((float)(a.GetValue(i) ?? default)),
            Int8Array a => i => T.CreateTruncating(a.GetValue(i) ?? 0),
            Int16Array a => i => T.CreateTruncating(a.GetValue(i) ?? 0),
            Int32Array a => i => T.CreateTruncating(a.GetValue(i) ?? 0),
            Int64Array a => i => T.CreateTruncating(a.GetValue(i) ?? 0),
            UInt8Array a => i => T.CreateTruncating(a.GetValue(i) ?? 0),
            UInt16Array a => i => T.CreateTruncating(a.GetValue(i) ?? 0),
            UInt32Array a => i => T.CreateTruncating(a.GetValue(i) ?? 0),
            UInt64Array a => i => T.CreateTruncating(a.GetValue(i) ?? 0),
            _ => throw new NotSupportedException($"An Arrow {Describe(array.Data.DataType)} array is not numeric; it cannot become a MaskedTensor<{typeof(T).Name}>."),
        };
        var valid = new bool[n];
        for (int i = 0; i < n; i++)
        {
            valid[i] = array.IsValid(i);
            if (valid[i]) data[i] = get(i);
        }
        return array.NullCount == 0 ? MaskedTensor.FromArray(data, n) : MaskedTensor.Create(data, valid, n);
    }

    internal static IArrowType ElementType<T>() where T : unmanaged =>
        typeof(T) == typeof(float) ? FloatType.Default
        : typeof(T) == typeof(double) ? DoubleType.Default
        : typeof(T) == typeof(int) ? Int32Type.Default
        : typeof(T) == typeof(long) ? Int64Type.Default
        : throw new NotSupportedException($"MaskedTensor<{typeof(T).Name}> has no zero-copy Arrow layout; use float, double, int or long.");

    internal static string Describe(IArrowType type) => type switch
    {
        FloatType => "float32",
        DoubleType => "float64",
        Int32Type => "int32",
        Int64Type => "int64",
        ExtensionType e => $"extension '{e.Name}'",
        _ => type.Name,
    };

    /// <summary>Checks an array's buffers against its offset and length; throws naming what is short.</summary>
    internal static void Validate<T>(ArrayData data, string what) where T : unmanaged
    {
        if (data.Buffers.Length < 2) throw new ArgumentException($"The {what} array has {data.Buffers.Length} buffers; a primitive array needs 2 (validity, values).");
        long needValues = ((long)data.Offset + data.Length) * Marshal.SizeOf<T>();
        if (data.Buffers[1].Length < needValues)
            throw new ArgumentException($"The {what} array's value buffer is too short: offset {data.Offset} + length {data.Length} needs {needValues} bytes, the buffer has {data.Buffers[1].Length}.");
        if (!data.Buffers[0].IsEmpty)
        {
            long needBits = ((long)data.Offset + data.Length + 7) / 8;
            if (data.Buffers[0].Length < needBits)
                throw new ArgumentException($"The {what} array's validity bitmap is too short: offset {data.Offset} + length {data.Length} needs {needBits} bytes, the bitmap has {data.Buffers[0].Length}.");
        }
        else if (data.NullCount > 0)
            throw new ArgumentException($"The {what} array reports {data.NullCount} nulls but has no validity bitmap.");
    }

    private static MaskedTensor<T> Wrap<T>(IArrowArray array, string what) where T : unmanaged
    {
        var data = array.Data;
        Validate<T>(data, what);
        var lease = new ArrowLease(data);
        var retained = lease.Data;
        var values = new ReinterpretedMemory<T>(retained.Buffers[1].Memory, lease).Memory.Slice(data.Offset, data.Length);
        ValidityBitmap? bitmap = null;
        if (!retained.Buffers[0].IsEmpty && data.NullCount != 0)
            bitmap = new ValidityBitmap(new ReinterpretedMemory<byte>(retained.Buffers[0].Memory, lease).Memory, data.Offset, data.Length, lease);
        return AsTensor(values, bitmap, [data.Length], lease, retained.Buffers[1].Memory);
    }

    /// <summary>A tensor over Arrow memory: read-only when the memory is a read-only region (a mapped file).</summary>
    private static MaskedTensor<T> AsTensor<T>(Memory<T> values, ValidityBitmap? bitmap, int[] shape, ArrowLease lease, ReadOnlyMemory<byte> source) where T : unmanaged =>
        MemoryMarshal.TryGetMemoryManager<byte, MemoryManager<byte>>(source, out var manager) && manager is IReadOnlyRegion
            ? MaskedTensor.AsMaskedReadOnly(values, bitmap, shape, lease)
            : MaskedTensor.AsMasked(values, bitmap, shape, lease);

    /// <summary>
    /// A fixed-size list of numbers as a 2-D tensor (rows × width). The values are viewed without a copy. The mask is
    /// the child's bitmap when no row is null (also without a copy); a null row masks its whole row, which combines
    /// the two bitmaps into a new one.
    /// </summary>
    internal static MaskedTensor<T> ListAsMatrix<T>(FixedSizeListArray list) where T : unmanaged
    {
        int width = ((FixedSizeListType)list.Data.DataType).ListSize;
        var child = list.Values;
        if (child.Data.DataType.TypeId != ElementType<T>().TypeId)
            throw new NotSupportedException($"A fixed-size list of {Describe(child.Data.DataType)} cannot be viewed as MaskedTensor<{typeof(T).Name}>; its items must be {Describe(ElementType<T>())}.");
        int rows = list.Length;
        var rowBitmap = list.Data.Buffers.Length > 0 ? list.Data.Buffers[0] : ArrowBuffer.Empty;
        long needRowBits = ((long)list.Offset + rows + 7) / 8;
        if (!rowBitmap.IsEmpty && rowBitmap.Length < needRowBits)
            throw new ArgumentException($"The fixed-size list's row bitmap is too short: offset {list.Offset} + {rows} rows need {needRowBits} bytes, the bitmap has {rowBitmap.Length}.");
        if (rowBitmap.IsEmpty && list.Data.NullCount > 0)
            throw new ArgumentException($"The fixed-size list reports {list.Data.NullCount} null rows but has no row bitmap.");
        var childData = child.Data;
        Validate<T>(childData, "fixed-size list's item");
        long start = childData.Offset + (long)list.Offset * width;
        long end = start + (long)rows * width;
        if (end > childData.Offset + (long)childData.Length)
            throw new ArgumentException($"The fixed-size list has {rows} rows of width {width} from row {list.Offset}, but its items array holds only {childData.Length} values.");
        var lease = new ArrowLease(list.Data);
        var retainedChild = lease.Data.Children[0];
        var values = new ReinterpretedMemory<T>(retainedChild.Buffers[1].Memory, lease).Memory.Slice((int)start, rows * width);
        bool childMask = !retainedChild.Buffers[0].IsEmpty && childData.NullCount != 0;
        ValidityBitmap? bitmap = null;
        if (list.NullCount == 0)
        {
            if (childMask)
                bitmap = new ValidityBitmap(new ReinterpretedMemory<byte>(retainedChild.Buffers[0].Memory, lease).Memory, (int)start, rows * width, lease);
        }
        else
        {
            // A null row masks its whole row; other rows take the items' bits (or all valid): bits to bits, no bool[].
            int n = rows * width;
            var bits = new byte[(n + 7) / 8];
            var childBits = retainedChild.Buffers[0].Span;
            for (int r = 0; r < rows; r++)
            {
                if (list.IsNull(r)) continue;
                int to = r * width;
                for (int k = 0; k < width; k++)
                    if (!childMask || BitUtility.GetBit(childBits, (int)(start + to + k))) BitUtility.SetBit(bits, to + k);
            }
            bitmap = new ValidityBitmap(bits, 0, n);
        }
        return AsTensor(values, bitmap, [rows, width], lease, retainedChild.Buffers[1].Memory);
    }

    /// <summary>
    /// Exports a tensor as a primitive Arrow array (flattened, row-major). A contiguous tensor's data and bitmap
    /// are handed over without copying (the Arrow array views the tensor's memory); a non-contiguous view is
    /// copied once first. A bitmap whose bit position cannot line up with the values is re-packed (n/8 bytes).
    /// </summary>
    public static IArrowArray ToArrowArray<T>(this MaskedTensor<T> tensor) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var type = ElementType<T>();
        var t = tensor.Contiguous();
        int n = t.Length, size = Marshal.SizeOf<T>();
        var bytes = AsBytes(t.Buffer);
        int nulls = n - t.ValidCount;
        ArrowBuffer validity = ArrowBuffer.Empty;
        int arrowOffset = 0;
        int start = t.ElementOffset;
        if (nulls > 0)
        {
            var bm = t.Validity!;
            long bitStart = (long)bm.BitOffset + start;
            int shift = (int)(bitStart & 7);
            if (start >= shift)
            {
                arrowOffset = shift;
                validity = new ArrowBuffer(bm.Bytes.Slice((int)(bitStart >> 3)));
                start -= shift;
            }
            else
            {
                var packed = new byte[(n + 7) / 8];
                var src = bm.Bytes.Span;
                for (int i = 0; i < n; i++) if ((src[(int)((bitStart + i) >> 3)] & (1 << (int)((bitStart + i) & 7))) != 0) packed[i >> 3] |= (byte)(1 << (i & 7));
                validity = new ArrowBuffer(packed);
            }
        }
        var values = new ArrowBuffer(bytes.Slice(start * size, (arrowOffset + n) * size));
        var data = new ArrayData(type, n, nulls, arrowOffset, [validity, values]);
        return ArrowArrayFactory.BuildArray(data);
    }

    /// <summary>Exports a 2-D tensor (rows × width) as a fixed-size list column; masks stay on the items (no null rows).</summary>
    public static FixedSizeListArray ToFixedSizeListArray<T>(this MaskedTensor<T> tensor) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Rank != 2) throw new ArgumentException($"ToFixedSizeListArray needs a 2-D tensor (rows × width); shape is [{string.Join(", ", tensor.Shape)}].", nameof(tensor));
        int rows = tensor.Shape[0], width = tensor.Shape[1];
        var items = tensor.Contiguous().Reshape(rows * width).ToArrowArray();
        var type = new FixedSizeListType(new Field("item", ElementType<T>(), true), width);
        return new FixedSizeListArray(new ArrayData(type, rows, 0, 0, [ArrowBuffer.Empty], [items.Data]));
    }

    /// <summary>The tensor's memory as bytes: the original Arrow bytes when the tensor views Arrow memory, else a byte view of the tensor's buffer.</summary>
    private static ReadOnlyMemory<byte> AsBytes<T>(Memory<T> memory) where T : unmanaged
    {
        if (MemoryMarshal.TryGetMemoryManager<T, ReinterpretedMemory<T>>(memory, out var mgr, out int s, out int len))
            return mgr.Bytes.Slice(s * Marshal.SizeOf<T>(), len * Marshal.SizeOf<T>());
        return new ByteView<T>(memory).Memory;
    }
}
