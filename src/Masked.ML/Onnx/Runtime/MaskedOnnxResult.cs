using Masked;

namespace Masked.ML.Onnx;

/// <summary>The outputs of one <see cref="MaskedOnnxSession.Run"/> call, as masked tensors by output name.</summary>
public sealed class MaskedOnnxResult
{
    private readonly Dictionary<string, object> _outputs;

    internal MaskedOnnxResult(Dictionary<string, object> outputs) => _outputs = outputs;

    /// <summary>The output names, in the model's order.</summary>
    public IReadOnlyCollection<string> Names => _outputs.Keys;

    /// <summary>The element type of output <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such output.</exception>
    public Type ElementType(string name) => Find(name).GetType().GetGenericArguments()[0];

    /// <summary>Output <paramref name="name"/> as a masked tensor of <typeparamref name="T"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such output.</exception>
    /// <exception cref="InvalidCastException">The output's element type is not <typeparamref name="T"/>.</exception>
    public MaskedTensor<T> Get<T>(string name) where T : unmanaged
        => Find(name) as MaskedTensor<T>
           ?? throw new InvalidCastException($"Output '{name}' holds {ElementType(name).Name}, not {typeof(T).Name}.");

    private object Find(string name)
        => _outputs.TryGetValue(name, out var o) ? o
           : throw new KeyNotFoundException($"The model has no output '{name}'; outputs: {string.Join(", ", _outputs.Keys)}.");
}
