using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Masked.Arrow;

namespace Masked.Fuzz;

/// <summary>The valid inputs the fuzzer mutates: one record batch layout with every column type the readers handle, as IPC stream, IPC file and Parquet bytes.</summary>
public static class FuzzInputs
{
    /// <summary>A batch with nullable float/double/int/long/int8/uint16 columns, utf8, large_utf8, bool, a fixed-size list, a fixed_shape_tensor, list&lt;float&gt;, a timestamp and a date.</summary>
    public static RecordBatch Batch(int rows, int seed, bool forParquet)
    {
        var rng = new Random(seed);
        var f32 = new FloatArray.Builder(); var f64 = new DoubleArray.Builder(); var i32 = new Int32Array.Builder(); var i64 = new Int64Array.Builder();
        var i8 = new Int8Array.Builder(); var u16 = new UInt16Array.Builder(); var s = new StringArray.Builder(); var ls = new LargeStringArray.Builder();
        var b = new BooleanArray.Builder(); var ts = new TimestampArray.Builder(TimeUnit.Microsecond, "UTC"); var d32 = new Date32Array.Builder();
        var list = new ListArray.Builder(FloatType.Default);
        var listValues = (FloatArray.Builder)list.ValueBuilder;
        for (int r = 0; r < rows; r++)
        {
            bool nul = rng.Next(5) == 0;
            if (nul) { f32.AppendNull(); f64.AppendNull(); i32.AppendNull(); i64.AppendNull(); i8.AppendNull(); u16.AppendNull(); s.AppendNull(); ls.AppendNull(); b.AppendNull(); ts.AppendNull(); d32.AppendNull(); }
            else
            {
                f32.Append(r * 0.5f); f64.Append(r * 0.25); i32.Append(r); i64.Append(r * 1000L); i8.Append((sbyte)r); u16.Append((ushort)r);
                s.Append("row" + r); ls.Append("large" + r); b.Append(r % 2 == 0);
                ts.Append(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(r)); d32.Append(new DateTime(2020, 1, 1).AddDays(r));
            }
            if (rng.Next(7) == 0) list.AppendNull();
            else { list.Append(); for (int k = 0; k < 3; k++) { if (rng.Next(6) == 0) listValues.AppendNull(); else listValues.Append(r + k); } }
        }
        var vec = new float[rows * 3]; var vecValid = new bool[rows * 3];
        for (int i = 0; i < vec.Length; i++) { vec[i] = i; vecValid[i] = rng.Next(4) != 0; }
        var fsl = MaskedTensor.Create(vec, vecValid, rows, 3).ToFixedSizeListArray();
        var fields = new List<Field>
        {
            new("f32", FloatType.Default, true), new("f64", DoubleType.Default, true), new("i32", Int32Type.Default, true), new("i64", Int64Type.Default, true),
            new("i8", Int8Type.Default, true), new("u16", UInt16Type.Default, true), new("text", StringType.Default, true), new("large_text", LargeStringType.Default, true),
            new("flag", BooleanType.Default, true), new("time", new TimestampType(TimeUnit.Microsecond, "UTC"), true), new("day", Date32Type.Default, true),
            new("vec", fsl.Data.DataType, true), new("list", new ListType(FloatType.Default), true),
        };
        var arrays = new List<IArrowArray> { f32.Build(), f64.Build(), i32.Build(), i64.Build(), i8.Build(), u16.Build(), s.Build(), ls.Build(), b.Build(), ts.Build(), d32.Build(), fsl, list.Build() };
        if (!forParquet)
        {
            var tensor = MaskedTensor.Create(Enumerable.Range(0, rows * 4).Select(i => (float)i).ToArray(), Enumerable.Range(0, rows * 4).Select(i => i % 5 != 0).ToArray(), rows, 2, 2);
            var fst = FixedShapeTensorArray.FromMaskedTensor(tensor);
            fields.Add(new Field("tensor", fst.ExtensionType, true));
            arrays.Add(fst);
        }
        return new RecordBatch(new Schema(fields, null), arrays, rows);
    }

    /// <summary>Two batches as an Arrow IPC stream.</summary>
    public static byte[] Stream(int seed)
    {
        var ms = new MemoryStream();
        ArrowIpc.WriteStream(ms, [Batch(40, seed, false), Batch(25, seed + 1, false)]);
        return ms.ToArray();
    }

    /// <summary>Two batches as an Arrow IPC file.</summary>
    public static byte[] File(int seed, string tempPath)
    {
        ArrowIpc.WriteFile(tempPath, [Batch(40, seed, false), Batch(25, seed + 1, false)]);
        return System.IO.File.ReadAllBytes(tempPath);
    }

    /// <summary>Two row groups as a Parquet file.</summary>
    public static byte[] Parquet(int seed, string tempPath)
    {
        ParquetTensors.Write(tempPath, [Batch(40, seed, true), Batch(25, seed + 1, true)]);
        return System.IO.File.ReadAllBytes(tempPath);
    }
}
