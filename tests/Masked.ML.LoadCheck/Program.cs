using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

// Loads a saved model in a fresh process (no registration call: Masked.ML's assembly only sits beside this app),
// applies it to a binary-serialized table of float vectors, and prints every column's type, annotations and values
// ("R" round-trip format) so the test process can compare them with what it computed before saving.
// Usage: Masked.ML.LoadCheck <model.zip> <rows.bin>
if (args.Length != 2) { Console.Error.WriteLine("usage: Masked.ML.LoadCheck <model.zip> <rows.bin>"); return 2; }
var ml = new MLContext(seed: 11);
var model = ml.Model.Load(args[0], out _);
var output = model.Transform(CheckData.Read(ml, args[1]));
Console.WriteLine($"model {model.GetType().Name}");
foreach (var line in Dump.Columns(output)) Console.WriteLine(line);
return 0;

/// <summary>The check table: float vectors (with slot names "s0", "s1", ...) and a bool mask, in a small binary file.</summary>
public static class CheckData
{
    /// <summary>Writes rows of values and masks.</summary>
    public static void Write(string path, IReadOnlyList<(float[] values, bool[] mask)> rows)
    {
        using var w = new BinaryWriter(File.Create(path));
        w.Write(rows.Count); w.Write(rows[0].values.Length);
        foreach (var (values, mask) in rows) { foreach (var v in values) w.Write(v); foreach (var b in mask) w.Write(b); }
    }

    /// <summary>Reads the table into a data view with columns Features (named slots) and Mask.</summary>
    public static IDataView Read(MLContext ml, string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        int rows = reader.ReadInt32(), width = reader.ReadInt32();
        var data = new List<Row>();
        for (int i = 0; i < rows; i++)
        {
            var f = new float[width]; var m = new bool[width];
            for (int j = 0; j < width; j++) f[j] = reader.ReadSingle();
            for (int j = 0; j < width; j++) m[j] = reader.ReadBoolean();
            data.Add(new Row { Features = f, Mask = m });
        }
        var def = SchemaDefinition.Create(typeof(Row));
        def["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        var names = new VBuffer<ReadOnlyMemory<char>>(width, Enumerable.Range(0, width).Select(j => $"s{j}".AsMemory()).ToArray());
        def["Features"].AddAnnotation("SlotNames", names, new VectorDataViewType(TextDataViewType.Instance, width));
        def["Mask"].ColumnType = new VectorDataViewType(BooleanDataViewType.Instance, width);
        return ml.Data.LoadFromEnumerable(data, def);
    }
}

/// <summary>A row of the check table.</summary>
public sealed class Row
{
    /// <summary>Values.</summary>
    public float[] Features { get; set; } = [];
    /// <summary>Mask.</summary>
    public bool[] Mask { get; set; } = [];
}

/// <summary>Text dump of every visible column (type, annotations, values), shared with the tests.</summary>
public static class Dump
{
    /// <summary>One line per column header and per value row.</summary>
    public static IEnumerable<string> Columns(IDataView view)
    {
        foreach (var col in view.Schema.Where(c => !c.IsHidden))
        {
            var ann = string.Join(",", col.Annotations.Schema.Select(a => a.Name + "=" + Annotation(col, a)));
            yield return $"column {col.Name} {col.Type} [{ann}]";
            foreach (var v in Values(view, col)) yield return $"  {col.Name} {v}";
        }
    }

    private static string Annotation(DataViewSchema.Column col, DataViewSchema.Column a)
    {
        if (a.Type is VectorDataViewType { ItemType: TextDataViewType })
        {
            VBuffer<ReadOnlyMemory<char>> names = default; col.Annotations.GetValue(a.Name, ref names);
            return string.Join("|", names.DenseValues().Select(n => n.ToString()));
        }
        if (a.Type is BooleanDataViewType) { bool b = false; col.Annotations.GetValue(a.Name, ref b); return b.ToString(); }
        return a.Type.ToString() ?? "";
    }

    private static IEnumerable<string> Values(IDataView view, DataViewSchema.Column col)
    {
        using var cursor = view.GetRowCursor([col]);
        Func<string> get = col.Type switch
        {
            VectorDataViewType { ItemType: NumberDataViewType n } when n == NumberDataViewType.Single => Vec<float>(cursor, col, x => x.ToString("R", CultureInfo.InvariantCulture)),
            VectorDataViewType { ItemType: NumberDataViewType n } when n == NumberDataViewType.Double => Vec<double>(cursor, col, x => x.ToString("R", CultureInfo.InvariantCulture)),
            VectorDataViewType { ItemType: BooleanDataViewType } => Vec<bool>(cursor, col, x => x ? "1" : "0"),
            NumberDataViewType n when n == NumberDataViewType.Single => Scalar<float>(cursor, col, x => x.ToString("R", CultureInfo.InvariantCulture)),
            NumberDataViewType n when n == NumberDataViewType.Double => Scalar<double>(cursor, col, x => x.ToString("R", CultureInfo.InvariantCulture)),
            BooleanDataViewType => Scalar<bool>(cursor, col, x => x ? "1" : "0"),
            _ => () => "?",
        };
        while (cursor.MoveNext()) yield return get();
    }

    private static Func<string> Vec<T>(DataViewRowCursor c, DataViewSchema.Column col, Func<T, string> f)
    {
        var g = c.GetGetter<VBuffer<T>>(col); VBuffer<T> b = default;
        return () => { g(ref b); return string.Join(" ", b.DenseValues().Select(f)); };
    }

    private static Func<string> Scalar<T>(DataViewRowCursor c, DataViewSchema.Column col, Func<T, string> f)
    {
        var g = c.GetGetter<T>(col); T v = default!;
        return () => { g(ref v); return f(v); };
    }
}
