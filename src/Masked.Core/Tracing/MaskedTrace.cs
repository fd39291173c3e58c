namespace Masked;

/// <summary>
/// Records the Masked.Core operations run on this thread while the scope is open: for each op its name,
/// attributes, input tensors and output tensor. Exporters (for example Masked.ML's ONNX export) walk the
/// record back from a function's outputs; Masked.Core itself knows nothing about any export format.
/// <code>using var trace = MaskedTrace.Start(); var y = f(x); // trace.Entries now describes f</code>
/// </summary>
public sealed class MaskedTrace : IDisposable
{
    [ThreadStatic] private static MaskedTrace? t_current;
    private readonly List<MaskedTraceEntry> _entries = [];
    private readonly MaskedTrace? _outer;
    private bool _disposed;

    private MaskedTrace(MaskedTrace? outer) => _outer = outer;

    /// <summary>Starts recording on this thread (scopes nest; the innermost records).</summary>
    public static MaskedTrace Start() => t_current = new MaskedTrace(t_current);

    /// <summary>The ops recorded so far, in execution order (an op run inside another appears before it).</summary>
    public IReadOnlyList<MaskedTraceEntry> Entries => _entries;

    /// <summary>The latest entry that produced <paramref name="tensor"/>; null for a tensor made outside any recorded op.</summary>
    public MaskedTraceEntry? ProducerOf(object tensor)
    {
        for (int i = _entries.Count - 1; i >= 0; i--)
            if (ReferenceEquals(_entries[i].Output, tensor)) return _entries[i];
        return null;
    }

    /// <summary>Stops recording.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (ReferenceEquals(t_current, this)) t_current = _outer;
    }

    /// <summary>Whether a scope is recording on this thread (ops skip building their record otherwise).</summary>
    internal static bool IsActive => t_current is not null;

    /// <summary>Records an op (called by <see cref="Autograd"/>'s recorder for every differentiable op).</summary>
    internal static void Record(string op, object output, object[] inputs)
    {
        var t = t_current;
        if (t is null) return;
        foreach (var i in inputs) if (ReferenceEquals(i, output)) return; // a no-op view returning its input
        t._entries.Add(new MaskedTraceEntry(op, output, inputs));
    }

    /// <summary>Names the one-input op that produced <paramref name="output"/> (no allocation while nothing records).</summary>
    internal static TOut Note<TOut>(TOut output, string op, object a) where TOut : class => t_current is null ? output : Note(output, op, [a]);

    /// <summary>Names the two-input op that produced <paramref name="output"/> (no allocation while nothing records).</summary>
    internal static TOut Note<TOut>(TOut output, string op, object a, object b) where TOut : class => t_current is null ? output : Note(output, op, [a, b]);

    /// <summary>Names the three-input op that produced <paramref name="output"/> (no allocation while nothing records).</summary>
    internal static TOut Note<TOut>(TOut output, string op, object a, object b, object c) where TOut : class => t_current is null ? output : Note(output, op, [a, b, c]);

    /// <summary>Names the op that produced <paramref name="output"/> (replacing a generic record of it) with all its inputs.</summary>
    internal static TOut Note<TOut>(TOut output, string op, object[] inputs) where TOut : class
    {
        var t = t_current;
        if (t is null) return output;
        var e = t.ProducerOf(output);
        if (e is null) Record(op, output, inputs);
        else { e.Op = op; e.InputList = inputs; }
        return output;
    }

    /// <summary>Attaches attributes to the op that produced <paramref name="output"/>.</summary>
    internal static TOut Attr<TOut>(TOut output, (string name, object? value)[]? attributes) where TOut : class
    {
        var e = attributes is null ? null : t_current?.ProducerOf(output);
        if (e is not null) foreach (var (n, v) in attributes!) e.AttributeMap[n] = v;
        return output;
    }
}

/// <summary>One recorded op: name, attributes, inputs (masked tensors of any element type) and output.</summary>
public sealed class MaskedTraceEntry
{
    internal MaskedTraceEntry(string op, object output, object[] inputs) { Op = op; Output = output; InputList = inputs; }

    /// <summary>The op's name (the public method's name, e.g. <c>Add</c>, <c>Softmax</c>, <c>Exp</c>).</summary>
    public string Op { get; internal set; }

    /// <summary>The output tensor (a <c>MaskedTensor&lt;T&gt;</c>).</summary>
    public object Output { get; }

    internal object[] InputList { get; set; }

    /// <summary>The input tensors, in the op's argument order.</summary>
    public IReadOnlyList<object> Inputs => InputList;

    internal Dictionary<string, object?> AttributeMap { get; } = [];

    /// <summary>The op's attributes (e.g. <c>dim</c>, <c>dims</c>, <c>keepDim</c>, <c>perm</c>).</summary>
    public IReadOnlyDictionary<string, object?> Attributes => AttributeMap;

    /// <inheritdoc/>
    public override string ToString() => $"{Op}({Inputs.Count} inputs)";
}

/// <summary>Fluent helpers the ops use to name and describe what they record.</summary>
internal static class TraceExtensions
{
    /// <summary>See <see cref="MaskedTrace.Note{TOut}(TOut, string, object)"/>.</summary>
    public static MaskedTensor<T> Traced<T>(this MaskedTensor<T> output, string op, object a) where T : unmanaged
        => MaskedTrace.Note(output, op, a);

    /// <summary>See <see cref="MaskedTrace.Note{TOut}(TOut, string, object, object, object)"/>.</summary>
    public static MaskedTensor<T> Traced<T>(this MaskedTensor<T> output, string op, object a, object b, object c) where T : unmanaged
        => MaskedTrace.Note(output, op, a, b, c);

    /// <summary>See <see cref="MaskedTrace.Attr{TOut}"/>.</summary>
    /// Call sites pass <c>MaskedTrace.IsActive ? [...] : null</c> so nothing is allocated while nothing records.
    public static MaskedTensor<T> WithTraceAttributes<T>(this MaskedTensor<T> output, (string name, object? value)[]? attributes) where T : unmanaged
        => MaskedTrace.Attr(output, attributes);
}

/// <summary>Op names for operator structs: <c>ExpOp&lt;float&gt;</c> → <c>Exp</c>.</summary>
internal static class TraceNames
{
    public static string Of<TOp>() => Cache<TOp>.Name;

    private static class Cache<TOp> { public static readonly string Name = Compute(typeof(TOp)); }

    private static string Compute(Type t)
    {
        string n = t.Name;
        int tick = n.IndexOf('`');
        if (tick >= 0) n = n[..tick];
        return n.EndsWith("Op", StringComparison.Ordinal) ? n[..^2] : n;
    }
}
