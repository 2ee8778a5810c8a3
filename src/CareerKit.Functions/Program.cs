using CareerKit.Cli;
using CareerKit.Editor;
using CareerKit.Hosting;
using CareerKit.Hosting.Worker;

if (CommandLine.IsCommand(args))
{
    return CommandLine.Run(args, Console.Out, Console.Error);
}

// One executable, two modes: under the Functions host (it passes --functions-uri) the isolated worker runs the
// [Function]s; started any other way, the very same [Function]s run standalone on ASP.NET Core.
if (HostMode.IsUnderFunctionsHost(args))
{
    await WorkerHost.CreateBuilder(args).Build().RunAsync();
    return 0;
}

var builder = WebApplication.CreateBuilder(EditorCommands.IsCommand(args) ? [] : args);
builder.AddCareerKit();

var app = builder.Build();
if (EditorCommands.IsCommand(args))
{
    // Same settings and storage as the server, without starting it.
    return await EditorCommands.RunAsync(args, app.Services.GetRequiredService<EditorKeys>(), app.Services.GetRequiredService<AuditLog>(), Console.Out, Console.Error, CancellationToken.None);
}

app.UseCareerKit();
app.MapCareerKit();

app.Run();
return 0;

// Lets the tests start the real app on Kestrel with their own settings.
public partial class Program;
