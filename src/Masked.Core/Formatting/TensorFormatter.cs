using System.Globalization;
using System.Text;

namespace Masked;

/// <summary>
/// PyTorch-style printing of masked tensors: <c>MaskedTensor(...)</c> with nested brackets, floats with four
/// decimals right-aligned to a common width of at least 8, and <c>--</c> for masked entries.
/// </summary>
internal static class TensorFormatter
{
    public static string Format<T>(MaskedTensor<T> t) where T : unmanaged
    {
        var data = t.ToArray();
        var valid = t.MaskToBools();
        var text = new string[data.Length];
        int width = 0;
        for (int i = 0; i < data.Length; i++)
        {
            text[i] = valid[i] ? FormatValue(data[i]) : "--";
            if (valid[i]) width = Math.Max(width, text[i].Length);
        }
        bool isFloat = typeof(T) == typeof(float) || typeof(T) == typeof(double);
        if (t.Rank == 0)
            return $"MaskedTensor({text[0]}, {(valid[0] ? "True" : "False")})";
        int pad = isFloat ? Math.Max(8, width) : Math.Max(2, width);
        var sb = new StringBuilder();
        int pos = 0;
        Emit(sb, t._shape, 0, text, ref pos, pad);
        var body = sb.ToString().Split('\n');
        return "MaskedTensor(\n" + string.Join("\n", body.Select(l => "  " + l)) + "\n)";
    }

    private static void Emit(StringBuilder sb, int[] shape, int dim, string[] text, ref int pos, int pad)
    {
        if (dim == shape.Length - 1)
        {
            sb.Append('[');
            for (int i = 0; i < shape[dim]; i++)
            {
                if (i > 0) sb.Append(", ");
                sb.Append(text[pos++].PadLeft(pad));
            }
            sb.Append(']');
            return;
        }
        sb.Append("[\n");
        for (int i = 0; i < shape[dim]; i++)
        {
            var inner = new StringBuilder();
            Emit(inner, shape, dim + 1, text, ref pos, pad);
            sb.Append(string.Join("\n", inner.ToString().Split('\n').Select(l => "  " + l)));
            if (i < shape[dim] - 1) sb.Append(',');
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
