namespace Masked;

/// <summary>
/// One recorded operation on the autograd tape: its inputs and the closure that maps the output's
/// gradient to one gradient per input (null where the input gets nothing). Masked entries of a
/// gradient mean "no gradient", which is different from 0. <see cref="Op"/> names the operation (the public method
/// that recorded it) so that an error in backward can say which op.
/// </summary>
internal sealed class GradNode<T>(MaskedTensor<T>[] inputs, Func<MaskedTensor<T>, MaskedTensor<T>?[]> backward, Delegate? namedBy = null) where T : unmanaged
{
    /// <summary>
    /// The op's name, read (only when asked, e.g. for an error) from the compiler's name of the backward lambda,
    /// <c>&lt;Abs&gt;b__12_0</c>: the public method that defined it (the <c>namedBy</c> delegate when a shared helper recorded it).
    /// </summary>
    public string Op => OpName(namedBy ?? Backward);

    private static string OpName(Delegate d)
    {
        string name = d.Method.Name;
        int open = name.IndexOf('<'), close = name.IndexOf('>');
        return open >= 0 && close > open + 1 ? name[(open + 1)..close] : name;
    }

    /// <summary>What else identifies the node in an error (e.g. <c>dim 1</c> of a <c>Concat</c>), or null.</summary>
    public string? Detail { get; set; }

    /// <summary><see cref="Op"/> with its <see cref="Detail"/>, for messages: <c>Concat (dim 1)</c>.</summary>
    public string Name => Detail is null ? Op : $"{Op} ({Detail})";

    public MaskedTensor<T>[] Inputs { get; } = inputs;
    public Func<MaskedTensor<T>, MaskedTensor<T>?[]> Backward { get; } = backward;
}
