using Masked;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Masked.ML.Onnx;

/// <summary>
/// Runs any ONNX model on masked tensors through ONNX Runtime. Inputs bind the tensor's own memory without
/// copying where they can (contiguous data that needs no fill); masked slots reach the model by a declared
/// <see cref="MaskedOnnxFill"/>; outputs come back as masked tensors re-masked by a declared
/// <see cref="MaskedOnnxOutputRule"/>. One <see cref="Run"/> call scores a whole batch. Inputs whose name, element
/// type or shape do not fit the model are rejected with an exception naming the input before ONNX Runtime sees them.
/// </summary>
public sealed class MaskedOnnxSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly Dictionary<string, MaskedOnnxFill> _fills = [];
    private readonly Dictionary<string, MaskedOnnxOutputRule> _rules = [];
    private readonly RunOptions _runOptions = new();

    /// <summary>Loads a model from its serialized bytes.</summary>
    public MaskedOnnxSession(byte[] model, SessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _session = options is null ? new InferenceSession(model, Quiet()) : new InferenceSession(model, options);
    }

    /// <summary>Loads a model from a file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public MaskedOnnxSession(string modelPath, SessionOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        if (!File.Exists(modelPath)) throw new FileNotFoundException($"ONNX model file '{modelPath}' does not exist.", modelPath);
        _session = options is null ? new InferenceSession(modelPath, Quiet()) : new InferenceSession(modelPath, options);
    }

    private static SessionOptions Quiet() => new() { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };

    /// <summary>The model's inputs (name → metadata).</summary>
    public IReadOnlyDictionary<string, NodeMetadata> InputMetadata => _session.InputMetadata;

    /// <summary>The model's outputs (name → metadata).</summary>
    public IReadOnlyDictionary<string, NodeMetadata> OutputMetadata => _session.OutputMetadata;

    /// <summary>Declares how masked slots of input <paramref name="input"/> reach the model. Returns this session.</summary>
    /// <exception cref="ArgumentException">The model has no such input, or the fill's mask input is not a bool input of the model.</exception>
    public MaskedOnnxSession WithFill(string input, MaskedOnnxFill fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        RequireInput(input);
        if (fill.MaskInputName is { } m)
        {
            RequireInput(m);
            if (InputMetadata[m].ElementType != typeof(bool))
                throw new ArgumentException($"Mask input '{m}' for '{input}' must be a bool model input; the model declares {InputMetadata[m].ElementType.Name}.", nameof(fill));
        }
        _fills[input] = fill;
        return this;
    }

    /// <summary>Declares how output <paramref name="output"/> is re-masked. Returns this session.</summary>
    /// <exception cref="ArgumentException">The model has no such output, or the rule names an unknown output/input.</exception>
    public MaskedOnnxSession WithRule(string output, MaskedOnnxOutputRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (!OutputMetadata.ContainsKey(output))
            throw new ArgumentException($"The model has no output '{output}'; outputs: {string.Join(", ", OutputMetadata.Keys)}.", nameof(output));
        if (rule.Kind == MaskedOnnxOutputRule.RuleKind.MaskOutput &&
            (!OutputMetadata.TryGetValue(rule.Name!, out var mo) || mo.ElementType != typeof(bool)))
            throw new ArgumentException($"Mask output '{rule.Name}' for '{output}' is not a bool output of the model.", nameof(rule));
        if (rule.Kind == MaskedOnnxOutputRule.RuleKind.RowHasValidInput) RequireInput(rule.Name!);
        _rules[output] = rule;
        return this;
    }

    private void RequireInput(string name)
    {
        if (!InputMetadata.ContainsKey(name))
            throw new ArgumentException($"The model has no input '{name}'; inputs: {string.Join(", ", InputMetadata.Keys)}.", nameof(name));
    }

    /// <summary>How many inputs the last <see cref="Run"/> bound by copying (0 = every input was bound over its own buffer).</summary>
    public int LastCopiedInputs { get; private set; }

    /// <summary>Runs the model once on the given inputs (a whole batch) and returns every output, re-masked.</summary>
    /// <exception cref="ArgumentException">An input is unknown, given twice, missing, of the wrong element type or shape, or has masked entries and no declared fill.</exception>
    public MaskedOnnxResult Run(params MaskedOnnxInput[] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var byName = new Dictionary<string, MaskedOnnxInput>();
        foreach (var i in inputs)
        {
            ArgumentNullException.ThrowIfNull(i, nameof(inputs));
            if (!InputMetadata.TryGetValue(i.Name, out var meta))
                throw new ArgumentException($"The model has no input '{i.Name}'; inputs: {string.Join(", ", InputMetadata.Keys)}.", nameof(inputs));
            if (!byName.TryAdd(i.Name, i)) throw new ArgumentException($"Input '{i.Name}' is given twice.", nameof(inputs));
            Validate(i, meta);
        }
        var fedMasks = new Dictionary<string, MaskedOnnxInput>();
        foreach (var (input, fill) in _fills)
            if (fill.MaskInputName is { } m && byName.TryGetValue(input, out var src))
            {
                if (byName.ContainsKey(m)) throw new ArgumentException($"Input '{m}' is the declared mask input of '{input}'; do not pass it too.", nameof(inputs));
                Validate(src, InputMetadata[m], m);
                fedMasks[m] = src;
            }
        foreach (var name in InputMetadata.Keys)
            if (!byName.ContainsKey(name) && !fedMasks.ContainsKey(name))
                throw new ArgumentException($"Model input '{name}' is not given (nor declared as the mask input of a given input).", nameof(inputs));

        var names = new List<string>();
        var values = new List<OrtValue>();
        int copies = 0;
        try
        {
            foreach (var (name, input) in byName)
            {
                _fills.TryGetValue(name, out var fill);
                if (fill is null && input.HasMaskedEntries())
                    throw new ArgumentException($"Input '{name}' has masked entries but no fill is declared (WithFill: a value, or the mask as a model input).", nameof(inputs));
                names.Add(name);
                values.Add(input.BindData(fill?.Value, out bool copied));
                if (copied) copies++;
            }
            foreach (var (maskName, input) in fedMasks)
            {
                names.Add(maskName);
                values.Add(input.BindMask());
            }
            LastCopiedInputs = copies;
            var outputNames = OutputMetadata.Keys.ToArray();
            using var results = _session.Run(_runOptions, names, values, outputNames);
            var raw = new Dictionary<string, OrtValue>();
            for (int k = 0; k < outputNames.Length; k++) raw[outputNames[k]] = results[k];
            var outputs = new Dictionary<string, object>();
            foreach (var name in outputNames)
            {
                _rules.TryGetValue(name, out var rule);
                outputs[name] = ReadOutput(name, raw[name], rule ?? MaskedOnnxOutputRule.AllValid, raw, byName);
            }
            return new MaskedOnnxResult(outputs);
        }
        finally
        {
            foreach (var v in values) v.Dispose();
        }
    }

    private static void Validate(MaskedOnnxInput input, NodeMetadata meta, string? asMaskInput = null)
    {
        string what = asMaskInput is null ? $"Input '{input.Name}'" : $"Mask input '{asMaskInput}' (the mask of '{input.Name}')";
        var expected = asMaskInput is null ? input.ElementType : typeof(bool);
        if (!meta.IsTensor) throw new ArgumentException($"{what}: the model input is not a tensor ({meta.OnnxValueType}).");
        if (meta.ElementType != expected)
            throw new ArgumentException($"{what}: element type {expected.Name} does not fit the model's {meta.ElementType.Name}.");
        var dims = meta.Dimensions;
        var shape = input.Shape;
        bool ok = dims.Length == shape.Count;
        for (int d = 0; ok && d < dims.Length; d++) ok = dims[d] < 0 || dims[d] == shape[d];
        if (!ok)
            throw new ArgumentException($"{what}: shape [{string.Join(", ", shape)}] does not fit the model's [{string.Join(", ", dims.Select(d => d < 0 ? "?" : d.ToString()))}].");
    }

    private static object ReadOutput(string name, OrtValue value, MaskedOnnxOutputRule rule, Dictionary<string, OrtValue> all, Dictionary<string, MaskedOnnxInput> inputs)
    {
        if (!value.IsTensor) throw new NotSupportedException($"Output '{name}' is not a tensor ({value.OnnxType}); only tensor outputs are supported.");
        var info = value.GetTensorTypeAndShape();
        return info.ElementDataType switch
        {
            TensorElementType.Float => Read<float>(name, value, info.Shape, rule, all, inputs),
            TensorElementType.Double => Read<double>(name, value, info.Shape, rule, all, inputs),
            TensorElementType.Int32 => Read<int>(name, value, info.Shape, rule, all, inputs),
            TensorElementType.Int64 => Read<long>(name, value, info.Shape, rule, all, inputs),
            TensorElementType.Bool => Read<bool>(name, value, info.Shape, rule, all, inputs),
            var t => throw new NotSupportedException($"Output '{name}' has element type {t}; MaskedTensor holds float, double, int, long or bool."),
        };
    }

    private static MaskedTensor<T> Read<T>(string name, OrtValue value, long[] longShape, MaskedOnnxOutputRule rule, Dictionary<string, OrtValue> all, Dictionary<string, MaskedOnnxInput> inputs) where T : unmanaged
    {
        var shape = longShape.Select(d => checked((int)d)).ToArray();
        var data = value.GetTensorDataAsSpan<T>().ToArray();
        int n = data.Length;
        ValidityBitmap? mask = null;
        switch (rule.Kind)
        {
            case MaskedOnnxOutputRule.RuleKind.MaskOutput:
            {
                var m = all[rule.Name!];
                var mshape = m.GetTensorTypeAndShape().Shape;
                if (!mshape.SequenceEqual(longShape))
                    throw new InvalidOperationException($"Mask output '{rule.Name}' has shape [{string.Join(", ", mshape)}]; output '{name}' has [{string.Join(", ", longShape)}].");
                mask = ValidityBitmap.FromBools(m.GetTensorDataAsSpan<bool>());
                break;
            }
            case MaskedOnnxOutputRule.RuleKind.NaNIsMasked:
                mask = ValidityBitmap.Allocate(n, true);
                var bits = mask.Bytes.Span;
                if (typeof(T) == typeof(float)) { var s = System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(data); for (int i = 0; i < n; i++) if (float.IsNaN(s[i])) Clear(bits, i); }
                else if (typeof(T) == typeof(double)) { var s = System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(data); for (int i = 0; i < n; i++) if (double.IsNaN(s[i])) Clear(bits, i); }
                else throw new InvalidOperationException($"Output '{name}': NaNIsMasked needs a float or double output, not {typeof(T).Name}.");
                break;
            case MaskedOnnxOutputRule.RuleKind.RowHasValidInput:
            {
                if (!inputs.TryGetValue(rule.Name!, out var src))
                    throw new InvalidOperationException($"Output '{name}' is re-masked by the rows of input '{rule.Name}', which was not given.");
                var counts = src.RowValidCounts().ToArray();
                int rows = shape.Length == 0 ? 1 : shape[0];
                if (rows != counts.Length)
                    throw new InvalidOperationException($"Output '{name}' has {rows} rows; input '{rule.Name}' has {counts.Length}.");
                int per = rows == 0 ? 0 : n / rows;
                mask = ValidityBitmap.Allocate(n, true);
                var bits2 = mask.Bytes.Span;
                for (int r = 0; r < rows; r++)
                    if (counts[r] == 0) for (int k = 0; k < per; k++) Clear(bits2, r * per + k);
                break;
            }
        }
        return MaskedTensor.AsMasked<T>(data, mask, shape);
    }

    private static void Clear(Span<byte> bits, int i) => bits[i >> 3] &= (byte)~(1 << (i & 7));

    /// <inheritdoc/>
    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }
}
