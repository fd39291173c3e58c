using Apache.Arrow;

namespace Masked.Arrow;

/// <summary>One named column of a record batch as a masked tensor.</summary>
public sealed class MaskedColumn
{
    internal MaskedColumn(string name, object tensor, Type elementType, bool isCopy)
    {
        Name = name; Tensor = tensor; ElementType = elementType; IsCopy = isCopy;
    }

    /// <summary>The field name.</summary>
    public string Name { get; }

    /// <summary>The tensor: a <c>MaskedTensor&lt;T&gt;</c> with T = <see cref="ElementType"/>.</summary>
    public object Tensor { get; }

    /// <summary>float, double, int or long.</summary>
    public Type ElementType { get; }

    /// <summary>True when the column had to be converted (e.g. int16 widened to int); false for a zero-copy view.</summary>
    public bool IsCopy { get; }

    /// <summary>The tensor as <c>MaskedTensor&lt;T&gt;</c>; throws naming the column when T does not match.</summary>
    public MaskedTensor<T> As<T>() where T : unmanaged =>
        Tensor as MaskedTensor<T> ?? throw new InvalidCastException($"Column '{Name}' holds {ElementType.Name}, not {typeof(T).Name}.");
}
