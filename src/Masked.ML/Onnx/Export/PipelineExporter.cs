using System.Reflection;
using Masked.ML.Mapping;
using Masked.ML.Onnx.Proto;
using Masked.ML.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Masked.ML.Onnx;

/// <summary>
/// Writes a fitted ML.NET pipeline as one ONNX model. The pipeline is flattened into ML.NET's leaf transformers (the
/// masked components and trainers are chains of them) and walked in order over a table of columns (<see cref="OnnxColumn"/>):
/// Masked.ML's saved row mappings (recognised by contract name), their parameter lookups (constant-folded), column copies,
/// drops and slot trims are emitted here (so explicit masks travel with the columns); every other transformer is converted
/// by ML.NET's OnnxConverter and stitched in (<see cref="MlNetOnnxStep"/>). Unused nodes and inputs are pruned at the end.
/// </summary>
internal sealed class PipelineExporter
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.FlattenHierarchy;

    private readonly OnnxGraph _g = new("masked_pipeline");
    private readonly MLContext _ml = new(seed: 0);
    private readonly RowMappingEmitter _rows;
    private readonly Dictionary<string, OnnxColumn> _columns = new();
    private readonly Dictionary<string, long> _otherOpsets = new();
    private readonly MaskedOnnxExportOptions _options;

    private readonly CustomModelEmitter _custom;
    private readonly AdditiveModelEmitter _additive;

    private PipelineExporter(MaskedOnnxExportOptions options)
    {
        _rows = new RowMappingEmitter(_g); _custom = new CustomModelEmitter(_g); _additive = new AdditiveModelEmitter(_g); _options = options;
    }

    public static byte[] Export(ITransformer model, DataViewSchema inputSchema, MaskedOnnxExportOptions options)
        => new PipelineExporter(options).Run(model, inputSchema);

    /// <summary>ML.NET's leaf transformers of <paramref name="model"/>, in order.</summary>
    internal static List<ITransformer> Flatten(ITransformer model)
    {
        var leaves = new List<ITransformer>();
        void Walk(ITransformer t)
        {
            switch (t)
            {
                case TransformerChain<ITransformer> chain: foreach (var x in chain) Walk(x); break;
                case CheckedTransformer c: Walk(c.Model); break;
                case MaskedNormalizingTransformer n: Walk(n.Model); break;
                case MaskedLinearPredictionTransformer p: Walk(p.NativeTransformer); break;
                case MaskedCustomPredictionTransformer c: Walk(c.NativeTransformer); break;
                case MaskedGamPredictionTransformer g: Walk(g.NativeTransformer); break;
                default:
                    // TransformerChain<TLast> of any TLast (what ML.NET's Append().Fit() returns) is enumerable.
                    if (t.GetType().IsGenericType && t.GetType().GetGenericTypeDefinition() == typeof(TransformerChain<>))
                        foreach (var x in (IEnumerable<ITransformer>)t) Walk(x);
                    else leaves.Add(t);
                    break;
            }
        }
        Walk(model);
        return leaves;
    }

    private static DataViewSchema Visible(DataViewSchema schema)
    {
        var b = new DataViewSchema.Builder();
        foreach (var c in schema) if (!c.IsHidden) b.AddColumn(c.Name, c.Type, c.Annotations);
        return b.ToSchema();
    }

    private byte[] Run(ITransformer model, DataViewSchema inputSchema)
    {
        var schema = Visible(inputSchema);
        BindInputs(schema);
        var initial = new Dictionary<string, OnnxColumn>(_columns);
        var leaves = Flatten(model);
        for (int k = 0; k < leaves.Count; k++)
        {
            var t = leaves[k];
            DataViewSchema raw;
            try { raw = t.GetOutputSchema(schema); }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                throw new ArgumentException($"MaskedOnnx.Export: step {k} ({Describe(t)}) does not accept the input schema: {e.Message}", "inputSchema", e);
            }
            var output = Visible(raw);
            Step(t, k, schema, output);
            foreach (var name in _columns.Keys.ToList())
                if (output.GetColumnOrNull(name) is null) _columns.Remove(name);
            schema = output;
        }
        var outputs = _options.OutputColumns ?? schema.Where(c => _columns.TryGetValue(c.Name, out var now) && now.Data is not null
            && (!initial.TryGetValue(c.Name, out var i) || !ReferenceEquals(i, now))).Select(c => c.Name).ToArray();
        var declared = new HashSet<string>(_g.Graph.Input.Select(i => i.Name));
        foreach (var name in outputs)
        {
            if (!_columns.TryGetValue(name, out var col)) throw new ArgumentException($"MaskedOnnx.Export: output column '{name}' is not produced by the model.", nameof(MaskedOnnxExportOptions.OutputColumns));
            var data = Materialize(name, col);
            // A column the pipeline replaces under an input's name (ReplaceMissingValues("Features")) is output as "Features.output",
            // ML.NET's own convention: ONNX names one value once.
            var outputName = declared.Contains(name) || declared.Contains(name + MaskedOnnx.MaskSuffix) ? name + ".output" : name;
            _g.Output(outputName, data, col.ElemType, [-1, col.Width]);
            if (col.IsFloating)
                _g.Output(outputName + MaskedOnnx.MaskSuffix, col.Mask ?? _g.Op("Not", _g.Op("IsNaN", data)), (int)OnnxType.Bool, [-1, col.Width]);
        }
        Prune();
        return Google.Protobuf.MessageExtensions.ToByteArray(_g.ToModel(_otherOpsets.Select(kv => (kv.Key, kv.Value))));
    }

    /// <summary>Graph inputs for the input columns (declared now; the unused ones are pruned), with a bool mask input per float column when asked.</summary>
    private void BindInputs(DataViewSchema schema)
    {
        // ML.NET's converter decides the ONNX type of every column it reads: convert an empty chain to learn them.
        // A column ML.NET cannot type (e.g. DateTime) is left out: a step that reads it then fails naming it.
        IEnumerable<ValueInfoProto> infos;
        try { infos = MlNetOnnxStep.Convert(_ml, new TransformerChain<ITransformer>(), schema, "the input schema").Graph.Input; }
        catch (NotSupportedException)
        {
            var list = new List<ValueInfoProto>();
            foreach (var c in schema)
            {
                var one = new DataViewSchema.Builder();
                one.AddColumn(c.Name, c.Type, c.Annotations);
                try { list.AddRange(MlNetOnnxStep.Convert(_ml, new TransformerChain<ITransformer>(), one.ToSchema(), $"input column '{c.Name}'").Graph.Input); }
                catch (NotSupportedException) { }
            }
            infos = list;
        }
        var names = new HashSet<string>(schema.Select(c => c.Name));
        foreach (var info in infos)
        {
            var t = info.Type.TensorType;
            long width = t.Shape.Dim.Count > 1 ? t.Shape.Dim[1].DimValue : 1;
            var col = new OnnxColumn { Data = info.Name, ElemType = t.ElemType, Width = width };
            _g.Input(info.Name, t.ElemType, [-1, width]);
            if (_options.MaskInputs && col.IsFloating)
            {
                var maskName = info.Name + MaskedOnnx.MaskSuffix;
                if (names.Contains(maskName))
                    throw new ArgumentException($"MaskedOnnx.Export: input column '{info.Name}' would get the mask input '{maskName}', which is also a column; rename it or set {nameof(MaskedOnnxExportOptions.MaskInputs)} = false.", "inputSchema");
                _g.Input(maskName, OnnxType.Bool, [-1, width]);
                col = new OnnxColumn { Data = _g.Op("Where", maskName, info.Name, _g.Scalar(double.NaN, (OnnxType)t.ElemType)), ElemType = t.ElemType, Width = width };
            }
            _columns[info.Name] = col;
        }
    }

    private static string Describe(ITransformer t) => t.GetType().Name.StartsWith("CustomMappingTransformer", StringComparison.Ordinal)
        ? $"CustomMapping '{ContractName(t)}'"
        : t.GetType().Name;

    private static string? ContractName(ITransformer t) => t.GetType().GetField("_contractName", Instance)?.GetValue(t) as string;

    private static (string output, string input)[]? ColumnPairs(ITransformer t)
        => t.GetType().GetField("ColumnPairs", Instance)?.GetValue(t) as (string, string)[];

    private OnnxColumn Column(string name, int step, ITransformer t)
        => _columns.TryGetValue(name, out var c) ? c : throw new NotSupportedException($"MaskedOnnx.Export: step {step} ({Describe(t)}) reads column '{name}', which has no ONNX value here.");

    /// <summary>The value name of a column's data, creating the tensor of a constant when needed.</summary>
    private string Materialize(string name, OnnxColumn col)
    {
        if (col.Data is not null) return col.Data;
        throw new NotSupportedException($"MaskedOnnx.Export: column '{name}' is a constant of the saved model (a masked component's parameter table) and cannot be an ONNX value.");
    }

    private void Step(ITransformer t, int k, DataViewSchema input, DataViewSchema output)
    {
        var type = t.GetType();
        if (type.Name.StartsWith("CustomMappingTransformer", StringComparison.Ordinal))
        {
            var contract = ContractName(t) ?? "";
            if (contract.StartsWith("Masked.ML.", StringComparison.Ordinal)) { MaskedMapping(contract, k, t); return; }
            throw new NotSupportedException($"MaskedOnnx.Export: step {k} is a CustomMapping ('{contract}') that is not one of Masked.ML's; custom mappings cannot be exported to ONNX.");
        }
        if (t is ColumnCopyingTransformer && ColumnPairs(t) is { } copies)
        {
            foreach (var (o, i) in copies) _columns[o] = Column(i, k, t);
            return;
        }
        if (t is ColumnSelectingTransformer) return; // the drop happens when the step's output schema is applied
        if (t is ValueMappingTransformer && ColumnPairs(t) is { } maps && maps.All(p => _columns.TryGetValue(p.input, out var c) && c.Text is not null))
        {
            FoldLookup(t, maps);
            return;
        }
        if (t is ExpressionTransformer && Expressions(t) is { } expressions && expressions.All(e => _columns.ContainsKey(e.input)))
        {
            foreach (var (o, i, expression) in expressions) _columns[o] = Expression(k, expression, _columns[i]);
            return;
        }
        if (t.GetType().Name == "SlotsDroppingTransformer" && ColumnPairs(t) is { } trims && TrimSlots(t, trims, input, output)) return;
        MlNet(t, k, input, output);
    }

    /// <summary>A MapValue lookup whose key is a constant (a masked component's parameter table): evaluated once, here, on that key.</summary>
    private void FoldLookup(ITransformer t, (string output, string input)[] maps)
    {
        foreach (var (o, i) in maps)
        {
            var def = Microsoft.ML.Data.SchemaDefinition.Create(typeof(KeyRow));
            def[0].ColumnName = i;
            var one = _ml.Data.LoadFromEnumerable([new KeyRow { Key = _columns[i].Text! }], def);
            var transformed = t.Transform(one);
            if (transformed.Schema[o].Type is TextDataViewType)
            {
                _columns[o] = new OnnxColumn { Text = transformed.GetColumn<ReadOnlyMemory<char>>(o).Single().ToString(), ElemType = 8 };
                continue;
            }
            var values = transformed.Schema[o].Type switch
            {
                VectorDataViewType { ItemType: NumberDataViewType n } when n == NumberDataViewType.Double => transformed.GetColumn<double[]>(o).Single(),
                VectorDataViewType { ItemType: NumberDataViewType n } when n == NumberDataViewType.Single => transformed.GetColumn<float[]>(o).Single().Select(x => (double)x).ToArray(),
                var other => throw new NotSupportedException($"MaskedOnnx.Export: a constant lookup into column '{o}' of type {other} is not supported."),
            };
            _columns[o] = new OnnxColumn { Constant = values, Width = values.Length, ElemType = (int)OnnxType.Double };
        }
    }

    /// <summary>The constant key row of a parameter lookup.</summary>
    private sealed class KeyRow
    {
        public string Key { get; set; } = "";
    }

    /// <summary>ML.NET's slot selection: keeps the slots outside the dropped ranges (a Gather along the slots).</summary>
    private bool TrimSlots(ITransformer t, (string output, string input)[] pairs, DataViewSchema input, DataViewSchema output)
    {
        if (t.GetType().GetField("SlotsMin", Instance)?.GetValue(t) is not int[][] mins || t.GetType().GetField("SlotsMax", Instance)?.GetValue(t) is not int[][] maxs) return false;
        for (int p = 0; p < pairs.Length; p++)
        {
            var (o, i) = pairs[p];
            if (!_columns.TryGetValue(i, out var col) || col.Data is null || input[i].Type is not VectorDataViewType { Size: > 0 } vin) return false;
            var keep = Enumerable.Range(0, vin.Size).Where(s => !Enumerable.Range(0, mins[p]?.Length ?? 0).Any(r => s >= mins[p][r] && s <= maxs[p][r])).Select(s => (long)s).ToArray();
            if (output[o].Type is not VectorDataViewType vout || vout.Size != keep.Length) return false;
            var idx = _g.Constant(keep, keep.Length);
            _columns[o] = new OnnxColumn
            {
                Data = _g.Node("Gather", [col.Data, idx], null, ("axis", 1L)),
                Mask = col.Mask is null ? null : _g.Node("Gather", [col.Mask, idx], null, ("axis", 1L)),
                ElemType = col.ElemType, Width = keep.Length,
            };
        }
        return true;
    }

    /// <summary>The (output, single input, expression text) of each column of an ML.NET ExpressionTransformer, or null when unreadable.</summary>
    private static (string output, string input, string expression)[]? Expressions(ITransformer t)
    {
        if (t.GetType().GetField("_columns", Instance)?.GetValue(t) is not System.Collections.IEnumerable columns) return null;
        var result = new List<(string, string, string)>();
        foreach (var c in columns)
        {
            var ct = c.GetType();
            if (ct.GetField("OutputColumnName", Instance)?.GetValue(c) is not string o || ct.GetField("InputColumnNames", Instance)?.GetValue(c) is not string[] { Length: 1 } i
                || ct.GetField("Expression", Instance)?.GetValue(c) is not string e) return null;
            result.Add((o, i[0], e));
        }
        return [.. result];
    }

    private static readonly System.Text.RegularExpressions.Regex s_notNaN = new(@"^\s*(\w+)\s*=>\s*!\s*isna\s*\(\s*\1\s*\)\s*$");
    private static readonly System.Text.RegularExpressions.Regex s_fill = new(@"^\s*(\w+)\s*=>\s*isna\s*\(\s*\1\s*\)\s*\?\s*(.+?)\s*:\s*\1\s*$");

    /// <summary>The two expressions the masked components save: <c>x => !isna(x)</c> (validity) and <c>y => isna(y) ? fill : y</c> (the fill of
    /// masked slots; the output stays masked there). Any other expression cannot be exported.</summary>
    private OnnxColumn Expression(int k, string expression, OnnxColumn x)
    {
        if (x.Data is null || !x.IsFloating) throw new NotSupportedException($"MaskedOnnx.Export: step {k} (ExpressionTransformer '{expression}') reads a column that is not a float/double tensor.");
        if (s_notNaN.IsMatch(expression))
            return new OnnxColumn { Data = _g.Op("Not", _g.Op("IsNaN", x.Data)), ElemType = (int)OnnxType.Bool, Width = x.Width };
        var fill = s_fill.Match(expression);
        if (fill.Success && ParseLiteral(fill.Groups[2].Value) is double value)
        {
            var isNaN = _g.Op("IsNaN", x.Data);
            return new OnnxColumn
            {
                Data = _g.Op("Where", isNaN, _g.Scalar(value, (OnnxType)x.ElemType), x.Data),
                Mask = x.Mask ?? _g.Op("Not", isNaN), ElemType = x.ElemType, Width = x.Width,
            };
        }
        throw new NotSupportedException($"MaskedOnnx.Export: step {k} is an ML.NET expression ('{expression}') with no ONNX translation (only Masked.ML's 'x => !isna(x)' and 'y => isna(y) ? fill : y' are translated).");
    }

    /// <summary>A numeric literal of ML.NET's expression language as written by Masked.ML (suffix f/d, (1f/0f) for infinities).</summary>
    private static double? ParseLiteral(string text)
    {
        text = text.Trim();
        while (text.StartsWith('(') && text.EndsWith(')')) text = text[1..^1].Trim();
        int slash = text.IndexOf('/');
        if (slash > 0) return ParseLiteral(text[..slash]) is double a && ParseLiteral(text[(slash + 1)..]) is double b ? a / b : null;
        text = text.TrimEnd('f', 'F', 'd', 'D');
        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    private void MaskedMapping(string contract, int k, ITransformer t)
    {
        var parts = contract.Split('.');
        switch (contract)
        {
            case KeyFactory.ContractName:
                _columns[RowMappingNames.Key] = new OnnxColumn { Text = RowMappingNames.KeyValue, ElemType = 8 };
                return;
            case KeyAndEmptyMaskFactory.ContractName:
                _columns[RowMappingNames.Key] = new OnnxColumn { Text = RowMappingNames.KeyValue, ElemType = 8 };
                _columns[RowMappingNames.M] = new OnnxColumn { EmptyMask = true, ElemType = (int)OnnxType.Bool };
                return;
            case SingleAggregateFactory.ContractName or DoubleAggregateFactory.ContractName:
            {
                var (y, v) = _rows.Aggregate(Column(RowMappingNames.X, k, t), Column(RowMappingNames.M, k, t), Parameters(k, t), contract == DoubleAggregateFactory.ContractName);
                _columns[RowMappingNames.Y] = y; _columns[RowMappingNames.V] = v;
                return;
            }
        }
        if (parts.Length == 5 && parts[2] is "Row" or "RowValues" && parts[3] is "Single" or "Double" && int.TryParse(parts[4], out int size))
        {
            var (y, w) = _rows.Vector(Column(RowMappingNames.X, k, t), Column(RowMappingNames.M, k, t), Parameters(k, t), size, parts[3] == "Double", parts[2] == "Row");
            _columns[RowMappingNames.Y] = y;
            if (w is not null) _columns[RowMappingNames.W] = w;
            return;
        }
        // Custom masked models: Masked.ML.CustomModel.{size} (X, P, N → Y padded to size, NaN where the forward's output is masked).
        if (parts.Length == 4 && parts[2] == "CustomModel" && int.TryParse(parts[3], out int customSize))
        {
            var contractName = Column(CustomModelNames.N, k, t).Text
                ?? throw new NotSupportedException($"MaskedOnnx.Export: step {k} ({Describe(t)}) reads a forward contract that is not a constant of the saved model.");
            _columns[CustomModelNames.Y] = _custom.Emit(Column(CustomModelNames.X, k, t), Column(CustomModelNames.P, k, t).Constant
                ?? throw new NotSupportedException($"MaskedOnnx.Export: step {k} ({Describe(t)}) reads parameters that are not a constant of the saved model."),
                contractName, customSize, $"step {k} ({Describe(t)})");
            return;
        }
        // Masked GAMs: Masked.ML.GamModel.{size} (X, P, N → Y padded to size; N is the packed format's name).
        if (parts.Length == 4 && parts[2] == "GamModel" && int.TryParse(parts[3], out int gamSize))
        {
            var format = Column(CustomModelNames.N, k, t).Text
                ?? throw new NotSupportedException($"MaskedOnnx.Export: step {k} ({Describe(t)}) reads a format name that is not a constant of the saved model.");
            _columns[CustomModelNames.Y] = _additive.Emit(Column(CustomModelNames.X, k, t), Column(CustomModelNames.P, k, t).Constant
                ?? throw new NotSupportedException($"MaskedOnnx.Export: step {k} ({Describe(t)}) reads parameters that are not a constant of the saved model."),
                format, gamSize, $"step {k} ({Describe(t)})");
            return;
        }
        // Fused aggregates: Masked.ML.{Aggregate|MaskedAggregate}.{Kind[correction digit]}.{Single|Double} (X [, M] → Y, V).
        if (parts.Length == 5 && parts[2] is "Aggregate" or "MaskedAggregate" && parts[4] is "Single" or "Double")
        {
            string kindName = parts[3].TrimEnd('0', '1');
            double correction = parts[3].Length > kindName.Length ? parts[3][^1] - '0' : 0;
            if (!Enum.TryParse<MaskedAggregation>(kindName, out var kind) || !Enum.IsDefined(kind))
                throw new NotSupportedException($"MaskedOnnx.Export: step {k} is Masked.ML's CustomMapping '{contract}', an aggregate with no ONNX translation (saved by a newer Masked.ML?).");
            var m = parts[2] == "Aggregate" ? new OnnxColumn { EmptyMask = true, ElemType = (int)OnnxType.Bool } : Column(RowMappingNames.M, k, t);
            var (y, v) = _rows.Aggregate(Column(RowMappingNames.X, k, t), m, [(int)kind, correction], parts[4] == "Double");
            _columns[RowMappingNames.Y] = y; _columns[RowMappingNames.V] = v;
            return;
        }
        // Representation v2: fused mappings Masked.ML.{Mask|Softmax|MaskedSoftmax}.{Single|Double}.{size} (X [, M] → Y, NaN where masked).
        if (parts.Length == 5 && parts[2] is "Mask" or "Softmax" or "MaskedSoftmax" && parts[3] is "Single" or "Double" && int.TryParse(parts[4], out int fusedSize))
        {
            var m = parts[2] == "Softmax" ? new OnnxColumn { EmptyMask = true, ElemType = (int)OnnxType.Bool } : Column(RowMappingNames.M, k, t);
            double op = parts[2] == "Mask" ? RowMappingNames.OpApply : RowMappingNames.OpSoftmax;
            _columns[RowMappingNames.Y] = _rows.Vector(Column(RowMappingNames.X, k, t), m, op, double.NaN, fusedSize, parts[3] == "Double", false).y;
            return;
        }
        throw new NotSupportedException($"MaskedOnnx.Export: step {k} is Masked.ML's CustomMapping '{contract}', which has no ONNX translation (saved by a newer Masked.ML?).");
    }

    private double[] Parameters(int k, ITransformer t)
        => Column(RowMappingNames.P, k, t).Constant ?? throw new NotSupportedException($"MaskedOnnx.Export: step {k} ({Describe(t)}) reads parameters that are not a constant of the saved model.");

    private void MlNet(ITransformer t, int k, DataViewSchema input, DataViewSchema output)
    {
        // The source holds only the columns that have an ONNX value (not constants, not columns ONNX cannot type).
        var source = new DataViewSchema.Builder();
        foreach (var c in input)
            if (_columns.TryGetValue(c.Name, out var col) && col.Data is not null) source.AddColumn(c.Name, c.Type, c.Annotations);
        var model = MlNetOnnxStep.Convert(_ml, t, source.ToSchema(), $"step {k} ({Describe(t)})");
        var converted = MlNetOnnxStep.Stitch(_g, model, $"s{k}/", name => _columns.TryGetValue(name, out var c) && c.Data is not null ? c.Data : $"<column '{name}' has no ONNX value>", _otherOpsets);
        foreach (var name in output.Select(c => c.Name).Where(n => input.GetColumnOrNull(n) is null))
            if (!converted.ContainsKey(name))
                throw new NotSupportedException($"MaskedOnnx.Export: step {k} ({Describe(t)}): ML.NET's OnnxConverter produced no value for column '{name}'.");
        foreach (var (name, o) in converted)
        {
            var shape = o.info.Type.TensorType.Shape.Dim;
            int elem = o.info.Type.TensorType.ElemType;
            // ML.NET declares a double column's converted output as double even where its ONNX-ML op (Scaler) writes float: cast to
            // the declared type (a no-op when it already is).
            var value = elem == (int)OnnxType.Double ? _g.Node("Cast", [o.value], null, ("to", (long)OnnxType.Double)) : o.value;
            _columns[name] = new OnnxColumn { Data = value, ElemType = elem, Width = shape.Count > 1 ? shape[1].DimValue : 1 };
        }
    }

    /// <summary>Drops the nodes no output depends on, then the unused inputs and initializers; throws when a kept node reads an undefined value.</summary>
    private void Prune()
    {
        var graph = _g.Graph;
        var producer = new Dictionary<string, NodeProto>();
        foreach (var n in graph.Node) foreach (var o in n.Output) if (o.Length > 0) producer[o] = n;
        var needed = new HashSet<string>();
        var keep = new HashSet<NodeProto>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<string>(graph.Output.Select(o => o.Name));
        while (stack.Count > 0)
        {
            var v = stack.Pop();
            if (v.Length == 0 || !needed.Add(v)) continue;
            if (producer.TryGetValue(v, out var n) && keep.Add(n)) foreach (var i in n.Input) stack.Push(i);
        }
        var nodes = graph.Node.Where(keep.Contains).ToList();
        graph.Node.Clear(); graph.Node.AddRange(nodes);
        var inputs = graph.Input.Where(i => needed.Contains(i.Name)).ToList();
        graph.Input.Clear(); graph.Input.AddRange(inputs);
        var inits = graph.Initializer.Where(i => needed.Contains(i.Name)).ToList();
        graph.Initializer.Clear(); graph.Initializer.AddRange(inits);
        var defined = new HashSet<string>(inputs.Select(i => i.Name).Concat(inits.Select(i => i.Name)).Concat(producer.Keys));
        foreach (var n in nodes)
            foreach (var i in n.Input)
                if (i.Length > 0 && !defined.Contains(i))
                    throw new NotSupportedException($"MaskedOnnx.Export: node {n.Name} ({n.OpType}) reads {i}.");
        var domains = new HashSet<string>(nodes.Select(n => n.Domain).Where(d => d is not ("" or "ai.onnx")));
        foreach (var d in _otherOpsets.Keys.ToList()) if (!domains.Contains(d)) _otherOpsets.Remove(d);
    }
}
