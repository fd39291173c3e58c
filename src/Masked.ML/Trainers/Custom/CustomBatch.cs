using Masked;

namespace Masked.ML.Trainers;

/// <summary>
/// Builds the tensors a custom model sees from rows of the training table (standardized features, NaN = missing): the
/// features with their validity bitmap (missing entries masked, their data slot 0), the missing indicator, and the labels.
/// </summary>
internal static class CustomBatch
{
    /// <summary>Features [rows, d] (masked where missing) and the missing indicator [rows, d] (1 = missing, no mask) of the
    /// rows <paramref name="rows"/> of <paramref name="z"/>.</summary>
    public static (MaskedTensor<float> features, MaskedTensor<float> missing) Features(float[] z, int d, ReadOnlySpan<int> rows)
    {
        int n = rows.Length * d;
        var data = new float[n];
        var miss = new float[n];
        var bits = new byte[(n + 7) / 8];
        bool anyMissing = false;
        for (int r = 0; r < rows.Length; r++)
        {
            int src = rows[r] * d, dst = r * d;
            for (int j = 0; j < d; j++)
            {
                float v = z[src + j];
                int k = dst + j;
                if (float.IsNaN(v)) { miss[k] = 1f; anyMissing = true; }
                else { data[k] = v; bits[k >> 3] |= (byte)(1 << (k & 7)); }
            }
        }
        var validity = anyMissing ? new ValidityBitmap(bits, 0, n) : null;
        return (MaskedTensor.AsMasked<float>(data, validity, [rows.Length, d]), MaskedTensor.AsMasked<float>(miss, null, [rows.Length, d]));
    }

    /// <summary>The labels of <paramref name="rows"/>: regression [rows, targets] masked where missing; binary [rows, 1];
    /// multiclass one-hot [rows, classes].</summary>
    public static MaskedTensor<float> Labels(float[] y, LinearTask task, int outputs, ReadOnlySpan<int> rows)
    {
        int width = task == LinearTask.Regression ? outputs : 1;
        var data = new float[rows.Length * outputs];
        if (task == LinearTask.Multiclass)
        {
            for (int r = 0; r < rows.Length; r++) data[r * outputs + (int)y[rows[r]]] = 1f;
            return MaskedTensor.AsMasked<float>(data, null, [rows.Length, outputs]);
        }
        var bits = new byte[(data.Length + 7) / 8];
        bool anyMissing = false;
        for (int r = 0; r < rows.Length; r++)
            for (int t = 0; t < width; t++)
            {
                float v = y[rows[r] * width + t];
                int k = r * width + t;
                if (float.IsNaN(v)) anyMissing = true;
                else { data[k] = v; bits[k >> 3] |= (byte)(1 << (k & 7)); }
            }
        return MaskedTensor.AsMasked<float>(data, anyMissing ? new ValidityBitmap(bits, 0, data.Length) : null, [rows.Length, width]);
    }
}
