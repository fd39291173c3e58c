using Masked;
using Microsoft.ML.OnnxRuntime;

namespace Masked.ML.Onnx;

/// <summary>One named masked tensor fed to a <see cref="MaskedOnnxSession"/>; create with <see cref="Of{T}"/>.</summary>
public abstract class MaskedOnnxInput
{
    private protected MaskedOnnxInput(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    /// <summary>The model input's name.</summary>
    public string Name { get; }

    /// <summary>The tensor's element type.</summary>
    public abstract Type ElementType { get; }

    /// <summary>The tensor's shape.</summary>
    public abstract IReadOnlyList<int> Shape { get; }

    /// <summary>Feeds <paramref name="tensor"/> to the model input <paramref name="name"/>.</summary>
    public static MaskedOnnxInput Of<T>(string name, MaskedTensor<T> tensor) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return new MaskedOnnxInput<T>(name, tensor);
    }

    /// <summary>Binds the data (filled per <paramref name="fill"/>); <paramref name="copied"/> tells whether a copy was needed.</summary>
    internal abstract OrtValue BindData(double? fill, out bool copied);

    /// <summary>Whether the tensor has at least one masked entry.</summary>
    internal abstract bool HasMaskedEntries();

    /// <summary>Binds the mask as a bool tensor of the same shape (true = valid).</summary>
    internal abstract OrtValue BindMask();

    /// <summary>Per row (dimension 0): whether the row has at least one valid entry.</summary>
    internal abstract MaskedTensor<long> RowValidCounts();
}

internal sealed class MaskedOnnxInput<T>(string name, MaskedTensor<T> tensor) : MaskedOnnxInput(name) where T : unmanaged
{
    public MaskedTensor<T> Tensor { get; } = tensor;

    public override Type ElementType => typeof(T);

    public override IReadOnlyList<int> Shape => Tensor.Shape;

    private long[] LongShape() => Tensor.Shape.Select(d => (long)d).ToArray();

    internal override OrtValue BindData(double? fill, out bool copied)
    {
        var t = Tensor;
        bool needsFill = fill is not null && t.HasMask && t.ValidCount < t.Length;
        if (t.IsContiguous && !needsFill)
        {
            copied = false; // the tensor's own buffer, pinned by the OrtValue
            return OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, t.Buffer.Slice(t.ElementOffset, t.Length), LongShape());
        }
        copied = true;
        var dense = needsFill ? t.ToTensor(Convert(fill!.Value)) : t.Contiguous();
        return OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, dense.Buffer.Slice(dense.ElementOffset, dense.Length), LongShape());
    }

    internal override bool HasMaskedEntries() => Tensor.HasMask && Tensor.ValidCount < Tensor.Length;

    internal override OrtValue BindMask()
    {
        // ONNX bool is one byte per entry: the bitmap is expanded once into the buffer ONNX Runtime reads.
        var bools = Tensor.MaskToBools();
        return OrtValue.CreateTensorValueFromMemory(bools, LongShape());
    }

    internal override MaskedTensor<long> RowValidCounts()
    {
        var t = Tensor.Rank == 0 ? Tensor.Reshape(1) : Tensor;
        if (t.Rank == 1) return RowsOfRank1(t);
        return t.Count(Enumerable.Range(1, t.Rank - 1).ToArray());
    }

    private static MaskedTensor<long> RowsOfRank1(MaskedTensor<T> t)
    {
        var counts = new long[t.Length];
        for (int i = 0; i < counts.Length; i++) counts[i] = t.IsValid(i) ? 1 : 0;
        return MaskedTensor.FromArray(counts, counts.Length);
    }

    private static T Convert(double v)
    {
        if (typeof(T) == typeof(float)) return (T)(object)(float)v;
        if (typeof(T) == typeof(double)) return (T)(object)v;
        if (typeof(T) == typeof(int)) return (T)(object)checked((int)v);
        if (typeof(T) == typeof(long)) return (T)(object)checked((long)v);
        if (typeof(T) == typeof(bool)) return (T)(object)(v != 0);
        throw new NotSupportedException($"No fill value conversion to {typeof(T).Name}.");
    }
}
