using Microsoft.ML;
using Microsoft.ML.Data;

namespace Masked.ML;

/// <summary>
/// What a masked component was fitted on: an input vector column's name, item type and size. A fitted transformer
/// checks the data it is applied to against it when the transform is applied (schema time), so a double column given
/// to a float model, or a vector of another size, is an <see cref="ArgumentException"/> naming the column rather than
/// an error from an internal column when rows are read.
/// </summary>
internal readonly record struct FittedInput(string Column, bool IsDouble, int Slots)
{
    private string Expected => $"Vector<{(IsDouble ? "Double" : "Single")}, {Slots}>";

    /// <summary>Throws when <paramref name="schema"/> lacks the column or holds another type or size.</summary>
    public void Check(DataViewSchema schema)
    {
        var column = schema.GetColumnOrNull(Column)
            ?? throw new ArgumentException($"Input column '{Column}' not found; the model was fitted on a {Expected} column of that name.", "inputSchema");
        if (column.Type is not VectorDataViewType v || v.ItemType != (IsDouble ? NumberDataViewType.Double : NumberDataViewType.Single) || v.Size != Slots)
            throw new ArgumentException($"Column '{Column}' is {column.Type}; the model was fitted on {Expected}.", "inputSchema");
    }

    /// <summary>Throws when a mask column is the input column itself (a column cannot be its own mask).</summary>
    public static void CheckMaskColumn(string? inputColumnName, string? maskColumnName)
    {
        if (maskColumnName is not null && maskColumnName == inputColumnName)
            throw new ArgumentException($"Mask column '{maskColumnName}' is the input column itself; a column cannot be its own mask (pass a separate bool vector column).", nameof(maskColumnName));
    }
}

/// <summary>
/// A fitted chain of ML.NET's own savable pieces that checks its input schema first (<see cref="FittedInput"/>). It saves
/// as the chain: what <c>mlContext.Model.Load</c> gives back is the chain itself.
/// </summary>
internal sealed class CheckedTransformer(TransformerChain<ITransformer> model, IReadOnlyList<FittedInput> inputs) : ITransformer
{
    public TransformerChain<ITransformer> Model { get; } = model;
    public bool IsRowToRowMapper => ((ITransformer)Model).IsRowToRowMapper;
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) { Check(inputSchema); return Model.GetOutputSchema(inputSchema); }
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) { Check(inputSchema); return ((ITransformer)Model).GetRowToRowMapper(inputSchema); }
    public IDataView Transform(IDataView input) { ArgumentNullException.ThrowIfNull(input); Check(input.Schema); return Model.Transform(input); }
    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)Model).Save(ctx);

    private void Check(DataViewSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        foreach (var i in inputs) i.Check(schema);
    }
}
