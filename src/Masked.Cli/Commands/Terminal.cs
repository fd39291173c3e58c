using Spectre.Console;

namespace Masked.Cli.Commands;

/// <summary>Terminal output: a Spectre console over a writer, and a progress bar only when stderr is a terminal.</summary>
public static class Terminal
{
    /// <summary>A Spectre console writing to <paramref name="output"/> (colours and width only on a real terminal).</summary>
    public static IAnsiConsole Console(TextWriter output)
    {
        bool terminal = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal) console.Profile.Width = 200;
        return console;
    }

    /// <summary>True when the tool runs on a terminal (its own stdout/stderr, not redirected).</summary>
    public static bool IsTerminal(TextWriter error) => ReferenceEquals(error, System.Console.Error) && !System.Console.IsErrorRedirected;

    /// <summary>
    /// Runs <paramref name="run"/>, drawing a progress bar on stderr when that is a terminal; <paramref name="attach"/> hands
    /// the job a callback taking (rows done in this pass, pass number, rows in the file when known).
    /// </summary>
    public static T WithProgress<T>(TextWriter error, string what, Action<Action<long, int, long?>> attach, Func<T> run)
    {
        if (!IsTerminal(error)) return run();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        T result = default!;
        console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"{what}, pass 1");
                attach((done, pass, total) =>
                {
                    task.Description = $"{what}, pass {pass}";
                    if (total is > 0) { task.IsIndeterminate = false; task.MaxValue = total.Value; task.Value = Math.Min(done, total.Value); }
                    else task.IsIndeterminate = true;
                });
                result = run();
            });
        return result;
    }
}
