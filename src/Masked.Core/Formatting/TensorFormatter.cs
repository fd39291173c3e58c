using System.Globalization;
using System.Text;

namespace Masked;

/// <summary>
/// PyTorch-style printing of masked tensors: <c>MaskedTensor(...)</c> with nested brackets, floats with four
/// decimals right-aligned to a common width of at least 8, and <c>--</c> for masked entries. Tensors of more
/// than 1000 entries are summarized like PyTorch: the first and last 3 items of each long dimension around <c>...</c>.
/// </summary>
internal static class TensorFormatter
{
    private const int Threshold = 1000, EdgeItems = 3;

    /// <summary>The indices shown along a dimension of <paramref name="size"/>; -1 stands for "...".</summary>
    private static int[] Shown(int size, bool summarize) =>
        summarize && size > 2 * EdgeItems
            ? [.. Enumerable.Range(0, EdgeItems), -1, .. Enumerable.Range(size - EdgeItems, EdgeItems)]
            : [.. Enumerable.Range(0, size)];

    public static string Format<T>(MaskedTensor<T> t) where T : unmanaged
    {
        bool summarize = t.Length > Threshold;
        var strides = ShapeMath.RowMajorStrides(t._shape);
        var text = new Dictionary<int, string>();
        int width = 0;
        var index = new int[t.Rank];
        foreach (int flat in ShownFlat(t._shape, strides, summarize))
        {
            // Only the printed entries are read (a summarized 100M-entry tensor reads a few dozen).
            for (int d = 0, rem = flat; d < index.Length; d++) { index[d] = rem / strides[d]; rem %= strides[d]; }
            bool valid = t.IsValid(index);
            text[flat] = valid ? FormatValue(t.GetRawValue(index)) : "--";
            if (valid) width = Math.Max(width, text[flat].Length);
        }
        bool isFloat = typeof(T) == typeof(float) || typeof(T) == typeof(double);
        if (t.Rank == 0)
            return $"MaskedTensor({text[0]}, {(t.IsValid() ? "True" : "False")})";
        int pad = isFloat ? Math.Max(8, width) : Math.Max(2, width);
        var sb = new StringBuilder();
        Emit(sb, t._shape, strides, 0, 0, text, pad, summarize);
        var body = sb.ToString().Split('\n');
        return "MaskedTensor(\n" + string.Join("\n", body.Select(l => "  " + l)) + "\n)";
    }

    private static IEnumerable<int> ShownFlat(int[] shape, int[] strides, bool summarize)
    {
        if (shape.Length == 0) { yield return 0; yield break; }
        IEnumerable<int> Walk(int dim, int baseIndex)
        {
            foreach (int i in Shown(shape[dim], summarize))
            {
                if (i < 0) continue;
                if (dim == shape.Length - 1) yield return baseIndex + i * strides[dim];
                else foreach (int f in Walk(dim + 1, baseIndex + i * strides[dim])) yield return f;
            }
        }
        foreach (int f in Walk(0, 0)) yield return f;
    }

    private static void Emit(StringBuilder sb, int[] shape, int[] strides, int dim, int baseIndex, IReadOnlyDictionary<int, string> text, int pad, bool summarize)
    {
        var shown = Shown(shape[dim], summarize);
        if (dim == shape.Length - 1)
        {
            sb.Append('[');
            for (int n = 0; n < shown.Length; n++)
            {
                if (n > 0) sb.Append(", ");
                sb.Append(shown[n] < 0 ? "...".PadLeft(pad) : text[baseIndex + shown[n] * strides[dim]].PadLeft(pad));
            }
            sb.Append(']');
            return;
        }
        sb.Append("[\n");
        for (int n = 0; n < shown.Length; n++)
        {
            if (shown[n] < 0) sb.Append("  ...");
            else
            {
                var inner = new StringBuilder();
                Emit(inner, shape, strides, dim + 1, baseIndex + shown[n] * strides[dim], text, pad, summarize);
                sb.Append(string.Join("\n", inner.ToString().Split('\n').Select(l => "  " + l)));
            }
            if (n < shown.Length - 1) sb.Append(',');
            sb.Append('\n');
        }
        sb.Append(']');
    }

    private static string FormatValue<T>(T v) where T : unmanaged => v switch
    {
        float f => FormatFloat(f),
        double d => FormatFloat(d),
        bool b => b ? "True" : "False",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    private static string FormatFloat(double d) =>
        double.IsNaN(d) ? "nan" : double.IsPositiveInfinity(d) ? "inf" : double.IsNegativeInfinity(d) ? "-inf"
        : d.ToString("0.0000", CultureInfo.InvariantCulture);
}
