using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Masked.Arrow;

/// <summary>
/// Arrow's canonical extension type <c>arrow.fixed_shape_tensor</c>: each row is an N-D tensor stored as a
/// <c>FixedSizeList</c> of its elements in row-major order, with the shape (and optionally dim names and a
/// permutation) in the extension metadata. Call <see cref="Register"/> once (the readers of this library do)
/// so that Arrow IPC readers produce <see cref="FixedShapeTensorArray"/> columns.
/// </summary>
public sealed class FixedShapeTensorType : ExtensionType
{
    /// <summary>The canonical extension name.</summary>
    public const string ExtensionNameValue = "arrow.fixed_shape_tensor";

    /// <summary>Creates the type for tensors of <paramref name="shape"/> with element type <paramref name="valueType"/>.</summary>
    public FixedShapeTensorType(IArrowType valueType, IReadOnlyList<int> shape, IReadOnlyList<string>? dimNames = null, IReadOnlyList<int>? permutation = null)
        : base(new FixedSizeListType(new Field("item", valueType, true), Product(shape)))
    {
        Shape = shape.ToArray();
        DimNames = dimNames?.ToArray();
        Permutation = permutation?.ToArray();
        if (Shape.Any(d => d < 0)) throw new ArgumentException($"fixed_shape_tensor shape [{string.Join(", ", Shape)}] has a negative dimension.");
        if (DimNames is not null && DimNames.Count != Shape.Count) throw new ArgumentException($"fixed_shape_tensor has {DimNames.Count} dim_names for {Shape.Count} dimensions.");
        if (Permutation is not null && (Permutation.Count != Shape.Count || Permutation.OrderBy(p => p).Where((p, i) => p != i).Any()))
            throw new ArgumentException($"fixed_shape_tensor permutation [{string.Join(", ", Permutation)}] is not a permutation of 0..{Shape.Count - 1}.");
        ValueType = valueType;
    }

    /// <inheritdoc />
    public override string Name => ExtensionNameValue;

    /// <summary>The physical (row-major storage) shape of each row's tensor.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>Optional names of the physical dimensions.</summary>
    public IReadOnlyList<string>? DimNames { get; }

    /// <summary>Optional permutation: logical dim i is physical dim <c>Permutation[i]</c>.</summary>
    public IReadOnlyList<int>? Permutation { get; }

    /// <summary>The element type.</summary>
    public IArrowType ValueType { get; }

    /// <inheritdoc />
    public override string ExtensionMetadata
    {
        get
        {
            var o = new Dictionary<string, object> { ["shape"] = Shape };
            if (DimNames is not null) o["dim_names"] = DimNames;
            if (Permutation is not null) o["permutation"] = Permutation;
            return JsonSerializer.Serialize(o);
        }
    }

    /// <inheritdoc />
    public override ExtensionArray CreateArray(IArrowArray storageArray) => new FixedShapeTensorArray(this, storageArray);

    /// <summary>Registers the type with Arrow's default extension registry (idempotent).</summary>
    public static void Register() => s_registered.Value.ToString();

    private static readonly Lazy<bool> s_registered = new(() =>
    {
        if (!ExtensionTypeRegistry.Default.TryGetDefinition(ExtensionNameValue, out _)) new Definition().AddToDefaultRegistry();
        return true;
    });

    /// <summary>Parses the extension metadata; throws naming what is wrong.</summary>
    public static FixedShapeTensorType Parse(IArrowType storageType, string metadata)
    {
        if (storageType is not FixedSizeListType list)
            throw new ArgumentException($"arrow.fixed_shape_tensor needs FixedSizeList storage, got {storageType.Name}.");
        JsonDocument doc;
        try { doc = JsonDocument.Parse(metadata); }
        catch (JsonException e) { throw new ArgumentException($"arrow.fixed_shape_tensor metadata is not JSON: {metadata}", e); }
        catch (ArgumentException e) { throw new ArgumentException($"arrow.fixed_shape_tensor metadata is not JSON: {metadata}", e); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new ArgumentException($"arrow.fixed_shape_tensor metadata must be a JSON object: {metadata}");
            if (!root.TryGetProperty("shape", out var s) || s.ValueKind != JsonValueKind.Array)
                throw new ArgumentException($"arrow.fixed_shape_tensor metadata has no shape array: {metadata}");
            var shape = Integers(s, "shape", metadata);
            string[]? names = null;
            if (root.TryGetProperty("dim_names", out var n))
            {
                if (n.ValueKind != JsonValueKind.Array || n.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                    throw new ArgumentException($"arrow.fixed_shape_tensor metadata: 'dim_names' must be an array of strings: {metadata}");
                names = n.EnumerateArray().Select(e => e.GetString()!).ToArray();
            }
            int[]? perm = root.TryGetProperty("permutation", out var p) ? Integers(p, "permutation", metadata) : null;
            var product = shape.Aggregate(System.Numerics.BigInteger.One, (a, d) => a * d);
            if (shape.Any(d => d < 0) || product != list.ListSize)
                throw new ArgumentException($"arrow.fixed_shape_tensor shape [{string.Join(", ", shape)}] does not hold the list size {list.ListSize}: {metadata}");
            try { return new FixedShapeTensorType(list.ValueDataType, shape, names, perm); }
            catch (ArgumentException e) { throw new ArgumentException($"{e.Message} Metadata: {metadata}", e); }
        }
    }

    private static int[] Integers(JsonElement array, string name, string metadata)
    {
        if (array.ValueKind != JsonValueKind.Array)
            throw new ArgumentException($"arrow.fixed_shape_tensor metadata: '{name}' must be an array of integers: {metadata}");
        var r = new List<int>();
        foreach (var e in array.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out int v))
                throw new ArgumentException($"arrow.fixed_shape_tensor metadata: '{name}' must be an array of integers, it holds {e.GetRawText()}: {metadata}");
            r.Add(v);
        }
        return r.ToArray();
    }

    /// <summary>The type recorded in a field's metadata (ARROW:extension:name / ARROW:extension:metadata), or null.</summary>
    public static FixedShapeTensorType? TryFromField(Field field)
    {
        if (field.DataType is FixedShapeTensorType registered) return registered;
        if (field.DataType is not FixedSizeListType) return null;
        if (field.Metadata is null || !field.Metadata.TryGetValue("ARROW:extension:name", out var name) || name != ExtensionNameValue) return null;
        field.Metadata.TryGetValue("ARROW:extension:metadata", out var meta);
        return Parse(field.DataType, meta ?? "{}");
    }

    private static int Product(IReadOnlyList<int> shape) => shape.Aggregate(1, (a, b) => checked(a * b));

    private sealed class Definition : ExtensionDefinition
    {
        public override string ExtensionName => ExtensionNameValue;

        public override bool TryCreateType(IArrowType storageType, string metadata, out ExtensionType type)
        {
            try { type = Parse(storageType, metadata); return true; }
            catch (ArgumentException) { type = null!; return false; }
        }
    }
}

/// <summary>An <c>arrow.fixed_shape_tensor</c> column: row i holds one tensor of <see cref="FixedShapeTensorType.Shape"/>.</summary>
public sealed class FixedShapeTensorArray : ExtensionArray
{
    /// <summary>Wraps a fixed-size list storage array with its tensor type.</summary>
    public FixedShapeTensorArray(FixedShapeTensorType type, IArrowArray storage) : base(type, storage)
    {
        if (storage is not FixedSizeListArray)
            throw new ArgumentException($"arrow.fixed_shape_tensor storage must be a FixedSizeList array, got {storage.GetType().Name}.");
    }

    /// <summary>The tensor type.</summary>
    public FixedShapeTensorType TensorType => (FixedShapeTensorType)ExtensionType;

    /// <summary>
    /// The column as one masked tensor of shape [rows, logical shape...]: values viewed without a copy; a null row
    /// masks its whole tensor, combined with the elements' own validity. A permutation is applied as a view.
    /// </summary>
    public MaskedTensor<T> ToMaskedTensor<T>() where T : unmanaged
    {
        var matrix = ArrowArrayExtensions.ListAsMatrix<T>((FixedSizeListArray)Storage);
        var shape = new[] { Length }.Concat(TensorType.Shape).ToArray();
        var t = matrix.Reshape(shape);
        if (TensorType.Permutation is { } p) t = t.Permute(new[] { 0 }.Concat(p.Select(d => d + 1)).ToArray());
        return t;
    }

    /// <summary>Builds a column from a tensor of shape [rows, d1, d2, ...]: one row per leading index, masks kept per element.</summary>
    public static FixedShapeTensorArray FromMaskedTensor<T>(MaskedTensor<T> tensor, IReadOnlyList<string>? dimNames = null) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Rank < 2) throw new ArgumentException($"A fixed_shape_tensor column needs a tensor of rank >= 2 ([rows, ...]); shape is [{string.Join(", ", tensor.Shape)}].", nameof(tensor));
        var shape = tensor.Shape.Skip(1).ToArray();
        var type = new FixedShapeTensorType(ArrowArrayExtensions.ElementType<T>(), shape, dimNames);
        var rows = tensor.Shape[0];
        var storage = tensor.Contiguous().Reshape(rows, shape.Aggregate(1, (a, b) => a * b)).ToFixedSizeListArray();
        return new FixedShapeTensorArray(type, storage);
    }
}
