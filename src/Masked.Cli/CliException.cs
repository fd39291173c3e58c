namespace Masked.Cli;

/// <summary>A user error (bad argument, unsupported column, …): the tool prints its message as one line and exits with 1.</summary>
public sealed class CliException(string message) : Exception(message);
