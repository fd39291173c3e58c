using System.CommandLine;
using Masked.Cli.Commands;

namespace Masked.Cli;

/// <summary>
/// The <c>masked</c> command line: <c>profile</c>, <c>normalize</c> and <c>tutorial</c>. Errors (bad arguments, missing or
/// corrupt files, unsupported columns) print one line on stderr and return a non-zero exit code; never a stack trace.
/// </summary>
public static class MaskedCli
{
    /// <summary>Exit code for a user error (bad input, unsupported column, missing or corrupt file).</summary>
    public const int ErrorExit = 1;

    /// <summary>Exit code for an argument the parser rejects.</summary>
    public const int UsageExit = 2;

    /// <summary>Runs the tool with <paramref name="args"/>, writing results to <paramref name="output"/> and errors to <paramref name="error"/>.</summary>
    /// <returns>0 on success, <see cref="UsageExit"/> for bad arguments, <see cref="ErrorExit"/> for bad input.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("masked: profile, picture and normalize Arrow/Parquet data with nulls, streaming batch by batch.");
        root.Add(ProfileCommand.Create(output, error));
        root.Add(NormalizeCommand.Create(output, error));
        root.Add(TutorialCommand.Create(output));
        var parsed = root.Parse(args.Length == 0 ? ["--help"] : args);
        if (parsed.Errors.Count > 0)
        {
            error.WriteLine($"masked: {string.Join("; ", parsed.Errors.Select(e => OneLine(e.Message)))} (see masked --help)");
            return UsageExit;
        }
        try
        {
            int code = parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
            return args.Length == 0 ? UsageExit : code;
        }
        catch (Exception e) when (IsUserError(e))
        {
            error.WriteLine($"masked: {OneLine(e.Message)}");
            return ErrorExit;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Anything else (e.g. a native reader or writer failing): still one line, naming the exception type.
            error.WriteLine($"masked: {e.GetType().Name}: {OneLine(e.Message)}");
            return ErrorExit;
        }
    }

    private static bool IsUserError(Exception e) => e is CliException or FileNotFoundException or DirectoryNotFoundException
        or InvalidDataException or IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException
        or InvalidCastException or InvalidOperationException or FormatException;

    private static string OneLine(string message) => string.Join(" ", message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).Where(s => s.Length > 0));
}
