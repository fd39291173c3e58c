using Microsoft.ML;
using Microsoft.ML.Data;

namespace Masked.ML.Trainers;

/// <summary>
/// The training table of a masked linear trainer: standardized features as one float copy (NaN = missing), the labels
/// (regression: standardized targets, NaN = missing; binary: 0/1; multiclass: class index, -1 never stored because rows
/// without any label are dropped while reading), split into training and validation rows by a seeded draw per kept row.
/// </summary>
internal sealed class LinearDesign
{
    public required int Features { get; init; }
    public required int Outputs { get; init; }
    public required LinearTask Task { get; init; }
    public required float[] Z { get; init; }
    public required float[] Y { get; init; }
    public required int Rows { get; init; }
    public required float[] ValidZ { get; init; }
    public required float[] ValidY { get; init; }
    public required int ValidRows { get; init; }
    /// <summary>Per-feature mean and scale of the valid entries (scale 0: constant or never present).</summary>
    public required double[] Mean { get; init; }
    public required double[] Scale { get; init; }
    /// <summary>Per-target mean and scale (regression; 0 and 1 otherwise).</summary>
    public required double[] TargetMean { get; init; }
    public required double[] TargetScale { get; init; }
    /// <summary>Per-output count of valid labels (binary: positives; multiclass: per class), for the starting bias.</summary>
    public required double[] LabelSums { get; init; }

    /// <summary>Width of a label row in <see cref="Y"/> (regression: targets; otherwise 1).</summary>
    public int LabelWidth => Task == LinearTask.Regression ? Outputs : 1;

    /// <summary>This table with the validation rows appended to the training rows (no validation split left).</summary>
    public LinearDesign WithoutValidation()
    {
        if (ValidRows == 0) return this;
        int d = Features, w = LabelWidth;
        var z = new float[(Rows + ValidRows) * d];
        var y = new float[(Rows + ValidRows) * w];
        Z.AsSpan(0, Rows * d).CopyTo(z); ValidZ.AsSpan(0, ValidRows * d).CopyTo(z.AsSpan(Rows * d));
        Y.AsSpan(0, Rows * w).CopyTo(y); ValidY.AsSpan(0, ValidRows * w).CopyTo(y.AsSpan(Rows * w));
        return new LinearDesign
        {
            Features = d, Outputs = Outputs, Task = Task, Z = z, Y = y, Rows = Rows + ValidRows, ValidZ = [], ValidY = [], ValidRows = 0,
            Mean = Mean, Scale = Scale, TargetMean = TargetMean, TargetScale = TargetScale, LabelSums = LabelSums,
        };
    }

    /// <summary>Copies of the training rows <paramref name="rows"/> (features and labels).</summary>
    public (float[] z, float[] y) Take(ReadOnlySpan<int> rows)
    {
        int d = Features, w = LabelWidth;
        var z = new float[rows.Length * d];
        var y = new float[rows.Length * w];
        for (int i = 0; i < rows.Length; i++)
        {
            Z.AsSpan(rows[i] * d, d).CopyTo(z.AsSpan(i * d));
            Y.AsSpan(rows[i] * w, w).CopyTo(y.AsSpan(i * w));
        }
        return (z, y);
    }

    /// <summary>Checks the feature column: present, float/double, scalar or known-size vector. Returns its slot count.</summary>
    public static int CheckFeatures(DataViewSchema schema, string column)
    {
        var col = schema.GetColumnOrNull(column) ?? throw new ArgumentException(
            $"Feature column '{column}' not found (columns: {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => c.Name))}).", nameof(column));
        var type = col.Type;
        var item = type is VectorDataViewType v ? v.ItemType : type;
        if (item is TextDataViewType)
            throw new ArgumentException($"Feature column '{column}' holds text; featurize it first (e.g. Transforms.Text.FeaturizeText or Categorical.OneHotEncoding).", nameof(column));
        if (item != NumberDataViewType.Single && item != NumberDataViewType.Double)
            throw new ArgumentException($"Feature column '{column}' must hold float or double values (NaN = missing); it holds {item}.", nameof(column));
        if (type is VectorDataViewType vec)
        {
            if (!vec.IsKnownSize) throw new ArgumentException($"Feature column '{column}' is a vector of unknown size; masked trainers need a known size.", nameof(column));
            return vec.Size;
        }
        return 1;
    }

    /// <summary>Checks the label column for the task; returns the number of outputs (targets or classes).</summary>
    public static int CheckLabel(DataViewSchema schema, string column, LinearTask task)
    {
        var col = schema.GetColumnOrNull(column) ?? throw new ArgumentException(
            $"Label column '{column}' not found (columns: {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => c.Name))}).", nameof(column));
        var type = col.Type;
        switch (task)
        {
            case LinearTask.Regression:
            {
                var item = type is VectorDataViewType v ? v.ItemType : type;
                if (item != NumberDataViewType.Single && item != NumberDataViewType.Double)
                    throw new ArgumentException($"Label column '{column}' of a regression must be float or double (NaN = missing), a scalar or a known-size vector of targets; it is {type}.", nameof(column));
                if (type is VectorDataViewType vec)
                {
                    if (!vec.IsKnownSize || vec.Size == 0) throw new ArgumentException($"Label column '{column}' is a vector of unknown size; give the targets a known size.", nameof(column));
                    return vec.Size;
                }
                return 1;
            }
            case LinearTask.Binary:
                if (type != BooleanDataViewType.Instance && type != NumberDataViewType.Single)
                    throw new ArgumentException($"Label column '{column}' of a binary classifier must be bool, or float with 0/1 and NaN for missing; it is {type}.", nameof(column));
                return 1;
            default:
                if (type is not KeyDataViewType key)
                    throw new ArgumentException($"Label column '{column}' of a multiclass classifier must be a key type (use Conversion.MapValueToKey); it is {type}.", nameof(column));
                if (key.Count < 2 || key.Count > 1 << 16) throw new ArgumentException($"Label column '{column}' has {key.Count} classes; 2 to 65536 are supported.", nameof(column));
                return (int)key.Count;
        }
    }

    /// <summary>Reads the data once: rows whose labels are all missing are dropped before anything is computed from them.</summary>
    public static LinearDesign Read(IDataView data, string featureColumn, string labelColumn, LinearTask task, double validationFraction, int seed)
    {
        int d = CheckFeatures(data.Schema, featureColumn);
        int outputs = CheckLabel(data.Schema, labelColumn, task);
        int labelWidth = task == LinearTask.Regression ? outputs : 1;
        var fcol = data.Schema[featureColumn];
        var lcol = data.Schema[labelColumn];
        var rng = new Random(seed);
        long expected = Math.Min(data.GetRowCount() ?? 256, int.MaxValue / Math.Max(1, d));
        var train = new Table(d, labelWidth, (int)(expected * (1 - validationFraction) * 1.02) + 16);
        var valid = new Table(d, labelWidth, (int)(expected * validationFraction * 1.1) + 16);
        using (var cursor = data.GetRowCursor(new[] { fcol, lcol }))
        {
            var getX = FloatGetter(cursor, fcol, d);
            var getY = LabelGetter(cursor, lcol, task, labelWidth);
            var x = new float[d];
            var y = new float[labelWidth];
            while (cursor.MoveNext())
            {
                getY(y);
                bool any = false;
                foreach (var v in y) any |= !float.IsNaN(v);
                if (!any) continue;
                getX(x);
                (validationFraction > 0 && rng.NextDouble() < validationFraction ? valid : train).Add(x, y);
            }
        }
        if (train.Rows == 0)
            throw new InvalidOperationException($"No training row has a label in column '{labelColumn}' (all missing).");
        if (valid.Rows < 20) { train.AddAll(valid); valid = new Table(d, labelWidth); }

        // Feature statistics over the training rows' valid entries (population std, Welford).
        var mean = new double[d];
        var scale = new double[d];
        var count = new long[d];
        var m2 = new double[d];
        for (int i = 0; i < train.Rows; i++)
            for (int j = 0; j < d; j++)
            {
                float v = train.X[i * d + j];
                if (float.IsNaN(v) || float.IsInfinity(v)) continue;
                long c = ++count[j];
                double delta = v - mean[j];
                mean[j] += delta / c;
                m2[j] += delta * (v - mean[j]);
            }
        for (int j = 0; j < d; j++) scale[j] = count[j] > 0 ? Math.Sqrt(m2[j] / count[j]) : 0;

        var tMean = new double[labelWidth];
        var tScale = new double[labelWidth];
        var labelSums = new double[outputs];
        if (task == LinearTask.Regression)
        {
            for (int t = 0; t < labelWidth; t++)
            {
                double s = 0, s2 = 0; long c = 0;
                for (int i = 0; i < train.Rows; i++) { float v = train.Y[i * labelWidth + t]; if (float.IsNaN(v)) continue; s += v; c++; }
                double mu = c > 0 ? s / c : 0;
                for (int i = 0; i < train.Rows; i++) { float v = train.Y[i * labelWidth + t]; if (float.IsNaN(v)) continue; s2 += (v - mu) * (v - mu); }
                double sd = c > 0 ? Math.Sqrt(s2 / c) : 0;
                tMean[t] = mu; tScale[t] = sd > 0 ? sd : 1;
                labelSums[t] = c;
            }
        }
        else
        {
            tScale[0] = 1;
            for (int i = 0; i < train.Rows; i++)
            {
                float v = train.Y[i];
                if (task == LinearTask.Binary) labelSums[0] += v; else labelSums[(int)v]++;
            }
        }

        Standardize(train, mean, scale, tMean, tScale, task);
        Standardize(valid, mean, scale, tMean, tScale, task);
        return new LinearDesign
        {
            Features = d, Outputs = outputs, Task = task,
            Z = train.X, Y = train.Y, Rows = train.Rows,
            ValidZ = valid.X, ValidY = valid.Y, ValidRows = valid.Rows,
            Mean = mean, Scale = scale, TargetMean = tMean, TargetScale = tScale, LabelSums = labelSums,
        };
    }

    private static void Standardize(Table table, double[] mean, double[] scale, double[] tMean, double[] tScale, LinearTask task)
    {
        int d = mean.Length;
        for (int i = 0; i < table.Rows; i++)
            for (int j = 0; j < d; j++)
            {
                ref float v = ref table.X[i * d + j];
                if (float.IsNaN(v) || float.IsInfinity(v)) { v = float.NaN; continue; }   // ±∞ cannot be learned from: missing
                v = scale[j] > 0 ? (float)((v - mean[j]) / scale[j]) : 0f;
            }
        if (task != LinearTask.Regression) return;
        int w = tMean.Length;
        for (int i = 0; i < table.Rows; i++)
            for (int t = 0; t < w; t++)
            {
                ref float v = ref table.Y[i * w + t];
                if (!float.IsNaN(v)) v = (float)((v - tMean[t]) / tScale[t]);
            }
    }

    private static Action<float[]> FloatGetter(DataViewRowCursor cursor, DataViewSchema.Column col, int width)
    {
        var item = col.Type is VectorDataViewType v ? v.ItemType : col.Type;
        bool vector = col.Type is VectorDataViewType;
        if (item == NumberDataViewType.Single)
        {
            if (!vector) { var g = cursor.GetGetter<float>(col); float s = 0; return x => { g(ref s); x[0] = s; }; }
            var gv = cursor.GetGetter<VBuffer<float>>(col); VBuffer<float> buf = default;
            return x => { gv(ref buf); buf.CopyTo(x); };
        }
        else
        {
            if (!vector) { var g = cursor.GetGetter<double>(col); double s = 0; return x => { g(ref s); x[0] = (float)s; }; }
            var gv = cursor.GetGetter<VBuffer<double>>(col); VBuffer<double> buf = default;
            var tmp = new double[width];
            return x => { gv(ref buf); buf.CopyTo(tmp); for (int j = 0; j < width; j++) x[j] = (float)tmp[j]; };
        }
    }

    private static Action<float[]> LabelGetter(DataViewRowCursor cursor, DataViewSchema.Column col, LinearTask task, int width)
    {
        switch (task)
        {
            case LinearTask.Regression: return FloatGetter(cursor, col, width);
            case LinearTask.Binary:
                if (col.Type == BooleanDataViewType.Instance)
                {
                    var g = cursor.GetGetter<bool>(col); bool b = false;
                    return y => { g(ref b); y[0] = b ? 1f : 0f; };
                }
                else
                {
                    var g = cursor.GetGetter<float>(col); float s = 0;
                    return y =>
                    {
                        g(ref s);
                        if (float.IsNaN(s)) { y[0] = float.NaN; return; }
                        if (s != 0f && s != 1f) throw new InvalidOperationException($"Label column '{col.Name}' holds {s}; a float binary label must be 0, 1 or NaN (missing).");
                        y[0] = s;
                    };
                }
            default:
            {
                var g = cursor.GetGetter<uint>(col); uint k = 0;
                return y => { g(ref k); y[0] = k == 0 ? float.NaN : k - 1; };
            }
        }
    }

    /// <summary>A growing row table (features + labels).</summary>
    private sealed class Table(int d, int w, int capacity = 256)
    {
        public float[] X = new float[Math.Max(1, d) * Math.Max(16, capacity)];
        public float[] Y = new float[Math.Max(1, w) * Math.Max(16, capacity)];
        public int Rows;

        public void Add(float[] x, float[] y)
        {
            if ((Rows + 1) * d > X.Length) Array.Resize(ref X, X.Length + X.Length / 2 + d);
            if ((Rows + 1) * w > Y.Length) Array.Resize(ref Y, Y.Length + Y.Length / 2 + w);
            x.CopyTo(X, Rows * d);
            y.CopyTo(Y, Rows * w);
            Rows++;
        }

        public void AddAll(Table other)
        {
            for (int i = 0; i < other.Rows; i++) Add(other.X.AsSpan(i * d, d).ToArray(), other.Y.AsSpan(i * w, w).ToArray());
        }
    }
}
