using System.Collections.Concurrent;
using System.Reflection;

namespace Masked.ML.Trainers;

/// <summary>
/// Finds a forward function by the name in its <see cref="MaskedForwardAttribute"/> (the contract recorded in a saved
/// model is <c>name|assembly</c>): in the loaded assemblies first, then by assembly name, then as a file beside the app.
/// </summary>
internal static class MaskedForwardRegistry
{
    private static readonly ConcurrentDictionary<string, MaskedForward> s_resolved = new();

    /// <summary>The contract of <paramref name="forward"/> (checked to resolve back to the same method).</summary>
    public static string ContractOf(MaskedForward forward)
    {
        ArgumentNullException.ThrowIfNull(forward);
        var method = forward.Method;
        if (forward.Target is not null || !method.IsStatic)
            throw new ArgumentException($"The forward function ({method.DeclaringType?.Name}.{method.Name}) must be a static method carrying [MaskedForward(\"name\")] " +
                "so that a saved model can find it by name; lambdas and instance methods cannot be found again.", nameof(forward));
        var attribute = method.GetCustomAttribute<MaskedForwardAttribute>()
            ?? throw new ArgumentException($"The forward method {method.DeclaringType?.FullName}.{method.Name} has no [MaskedForward(\"name\")] attribute; add one so that a saved model can find it by name.", nameof(forward));
        var assembly = method.DeclaringType?.Assembly.GetName().Name ?? method.Module.Assembly.GetName().Name!;
        string contract = attribute.ContractName + "|" + assembly;
        if (Find(attribute.ContractName, method.Module.Assembly) != method)
            throw new ArgumentException($"Forward contract name '{attribute.ContractName}' does not lead back to {method.DeclaringType?.FullName}.{method.Name}.", nameof(forward));
        s_resolved.TryAdd(contract, forward);
        return contract;
    }

    /// <summary>The forward function recorded as <paramref name="contract"/>.</summary>
    public static MaskedForward Resolve(string contract) => s_resolved.GetOrAdd(contract, static c =>
    {
        int bar = c.IndexOf('|');
        if (bar <= 0 || bar == c.Length - 1) throw new InvalidOperationException($"Saved custom masked model names its forward function as '{c}'; expected 'name|assembly' (the model is damaged).");
        string name = c[..bar], assemblyName = c[(bar + 1)..];
        var assembly = Load(assemblyName, name);
        var method = Find(name, assembly)
            ?? throw new InvalidOperationException($"The custom masked model's forward function '{name}' was not found in assembly {assemblyName}: no static method there carries [MaskedForward(\"{name}\")].");
        try { return method.CreateDelegate<MaskedForward>(); }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"Forward function '{name}' ({method.DeclaringType?.FullName}.{method.Name}) does not match MaskedForward (MaskedTensor<float> features, MaskedTensor<float> missing, IReadOnlyList<MaskedTensor<float>> parameters).", e);
        }
    });

    private static Assembly Load(string assemblyName, string name)
    {
        var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == assemblyName);
        if (loaded is not null) return loaded;
        try { return Assembly.Load(new AssemblyName(assemblyName)); }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            var path = Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");
            if (File.Exists(path)) return Assembly.LoadFrom(path);
            throw new InvalidOperationException($"The custom masked model's forward function '{name}' lives in assembly {assemblyName}, which could not be loaded: place it beside the app.", e);
        }
    }

    private static MethodInfo? Find(string name, Assembly assembly)
    {
        Type?[] types;
        try { types = assembly.GetTypes(); }
        catch (ReflectionTypeLoadException e) { types = e.Types; }
        MethodInfo? found = null;
        const BindingFlags flags = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        foreach (var type in types)
        {
            if (type is null) continue;
            foreach (var m in type.GetMethods(flags))
            {
                if (m.GetCustomAttribute<MaskedForwardAttribute>()?.ContractName != name) continue;
                if (found is not null)
                    throw new InvalidOperationException($"Forward contract name '{name}' is carried by more than one method in assembly {assembly.GetName().Name} " +
                        $"({found.DeclaringType?.FullName}.{found.Name} and {type.FullName}.{m.Name}); names must be unique.");
                found = m;
            }
        }
        return found;
    }
}
