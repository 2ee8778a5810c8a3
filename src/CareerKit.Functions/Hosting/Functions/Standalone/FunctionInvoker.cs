using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;

namespace CareerKit.Hosting.Standalone;

/// <summary>
/// Calls a [Function] method standalone with what the worker would bind: the trigger's value (HttpRequest, TimerInfo,
/// QueueMessage), route values by parameter name, and the CancellationToken. The class is made per call from the
/// request's services, as the worker's activator does. FunctionContext is not offered: functions take services in their
/// constructor instead, so no mode has to fake the other's context (<see cref="Unsupported"/> keeps that true at start).
/// </summary>
public static class FunctionInvoker
{
    public static async Task<object?> InvokeAsync(FunctionDeclaration function, IServiceProvider services, object trigger, HttpContext? http, CancellationToken cancellationToken)
    {
        var arguments = function.Method.GetParameters().Select(parameter => parameter switch
        {
            _ when parameter == function.TriggerParameter => trigger,
            { ParameterType: var type } when type == typeof(CancellationToken) => cancellationToken,
            { Name: { } name } when http?.Request.RouteValues.TryGetValue(name, out var value) == true => Convert(value, parameter.ParameterType),
            _ when IsOptional(parameter) => null,
            _ => throw new InvalidOperationException($"{function.Name}: nothing to bind to parameter {parameter.Name}."),
        }).ToArray();

        var instance = function.Method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, function.Method.DeclaringType!);
        try
        {
            var returned = function.Method.Invoke(instance, arguments);
            return returned switch
            {
                Task task => await Unwrap(task),
                ValueTask valueTask => await UnwrapValueTask(valueTask),
                _ => returned,
            };
        }
        catch (TargetInvocationException thrown) when (thrown.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(thrown.InnerException);
            throw;
        }
        finally
        {
            (instance as IDisposable)?.Dispose();
        }
    }

    /// <summary>Parameters standalone cannot bind; checked for every function when the app starts.</summary>
    public static IEnumerable<string> Unsupported(FunctionDeclaration function)
    {
        var expectedTrigger = function.Trigger switch
        {
            HttpTriggerAttribute => typeof(HttpRequest),
            TimerTriggerAttribute => typeof(TimerInfo),
            QueueTriggerAttribute => typeof(QueueMessage),
            _ => null,
        };
        if (function.TriggerParameter.ParameterType != expectedTrigger)
        {
            yield return $"{function.Name}: the trigger parameter must be {expectedTrigger?.Name}, not {function.TriggerParameter.ParameterType.Name}.";
        }

        var routeNames = function.Http?.Route is { } route
            ? Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse(route).Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase)
            : [];
        foreach (var parameter in function.Method.GetParameters().Where(p => p != function.TriggerParameter && p.ParameterType != typeof(CancellationToken)))
        {
            if (!routeNames.Contains(parameter.Name!))
            {
                yield return $"{function.Name}: parameter {parameter.Name} ({parameter.ParameterType.Name}) is neither a route value nor a CancellationToken.";
            }
        }
    }

    private static bool IsOptional(ParameterInfo parameter) => parameter.HasDefaultValue || Nullable.GetUnderlyingType(parameter.ParameterType) is not null;

    private static object? Convert(object? value, Type type) => value is null || type.IsInstanceOfType(value)
        ? value
        : TypeDescriptor.GetConverter(type).ConvertFrom(null, CultureInfo.InvariantCulture, value);

    private static async Task<object?> Unwrap(Task task)
    {
        await task;
        return task.GetType().IsGenericType ? task.GetType().GetProperty("Result")!.GetValue(task) : null;
    }

    private static async Task<object?> UnwrapValueTask(ValueTask task)
    {
        await task;
        return null;
    }
}
