using CareerKit.Cli;
using CareerKit.Editor;
using CareerKit.Hosting;

if (CommandLine.IsCommand(args))
{
    return CommandLine.Run(args, Console.Out, Console.Error);
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
