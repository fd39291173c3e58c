namespace Masked;

/// <summary>
/// One recorded operation on the autograd tape: its inputs and the closure that maps the output's
/// gradient to one gradient per input (null where the input gets nothing). Masked entries of a
/// gradient mean "no gradient", which is different from 0.
/// </summary>
internal sealed class GradNode<T>(MaskedTensor<T>[] inputs, Func<MaskedTensor<T>, MaskedTensor<T>?[]> backward) where T : unmanaged
{
    public MaskedTensor<T>[] Inputs { get; } = inputs;
    public Func<MaskedTensor<T>, MaskedTensor<T>?[]> Backward { get; } = backward;
}
