namespace Masked.Arrow;

/// <summary>
/// Marks a memory manager whose memory must not be written by the library (a memory-mapped file): tensors that
/// view it are made read-only (<see cref="MaskedTensor{T}.IsReadOnly"/>).
/// </summary>
internal interface IReadOnlyRegion;
