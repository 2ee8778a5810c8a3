using System.Collections.Frozen;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace CareerKit.Hosting;

/// <summary>One [Function] method as declared in code: its name, its trigger and the rules declared on it.</summary>
public sealed record FunctionDeclaration(string Name, MethodInfo Method, ParameterInfo TriggerParameter, Attribute Trigger, IReadOnlyList<IHttpFunctionRule> Rules)
{
    /// <summary>What functions.metadata calls entryPoint: the declaring type's full name and the method name.</summary>
    public string EntryPoint => $"{Method.DeclaringType!.FullName}.{Method.Name}";

    public HttpTriggerAttribute? Http => Trigger as HttpTriggerAttribute;

    public TimerTriggerAttribute? Timer => Trigger as TimerTriggerAttribute;

    public QueueTriggerAttribute? Queue => Trigger as QueueTriggerAttribute;

    /// <summary>The route as the host and the worker build it: "{routePrefix}/{route ?? name}".</summary>
    public string RoutePattern(string routePrefix) => $"{routePrefix}/{Http?.Route ?? Name}";
}

/// <summary>
/// Every [Function] of the app, read once from the assembly. Both modes look a function up here by name
/// (<c>FunctionDefinition.Name</c> under the worker, the endpoint's metadata standalone): names are unique by
/// construction, an entry point is not (overloads).
/// </summary>
public sealed class FunctionCatalog
{
    private readonly FrozenDictionary<string, FunctionDeclaration> _byName;

    public FunctionCatalog(Assembly assembly)
    {
        _byName = Discover(assembly).ToFrozenDictionary(function => function.Name, StringComparer.OrdinalIgnoreCase);
    }

    public static FunctionCatalog ForApp { get; } = new(typeof(FunctionCatalog).Assembly);

    public IEnumerable<FunctionDeclaration> All => _byName.Values.OrderBy(function => function.Name, StringComparer.Ordinal);

    public FunctionDeclaration this[string name] => _byName.TryGetValue(name, out var function)
        ? function
        : throw new KeyNotFoundException($"No [Function(\"{name}\")] in {typeof(FunctionCatalog).Assembly.GetName().Name}.");

    private static IEnumerable<FunctionDeclaration> Discover(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes())
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is not { } function)
                {
                    continue;
                }

                var (parameter, trigger) = method.GetParameters()
                    .Select(p => (Parameter: p, Trigger: p.GetCustomAttributes().FirstOrDefault(a => a is HttpTriggerAttribute or TimerTriggerAttribute or QueueTriggerAttribute)))
                    .SingleOrDefault(p => p.Trigger is not null);
                if (trigger is null)
                {
                    throw new InvalidOperationException($"{type.Name}.{method.Name} has no trigger this app knows (HTTP, timer, queue).");
                }

                // Class-level rules apply to every function of a feature; method-level ones add to them.
                var rules = type.GetCustomAttributes().Concat(method.GetCustomAttributes()).OfType<IHttpFunctionRule>().ToArray();
                yield return new FunctionDeclaration(function.Name, method, parameter, trigger, rules);
            }
        }
    }
}
