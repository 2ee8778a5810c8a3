using CareerKit.Hosting;

namespace CareerKit.Tests.Hosting;

public sealed class HostModeTests
{
    [Theory]
    [InlineData("--functions-uri", "http://127.0.0.1:40123/")]
    [InlineData("--host", "127.0.0.1", "--port", "40123", "--functions-uri=http://127.0.0.1:40123/")]
    public void The_Functions_host_s_arguments_choose_worker_mode(params string[] args) =>
        Assert.True(HostMode.IsUnderFunctionsHost(args));

    [Theory]
    [InlineData]
    [InlineData("--urls", "http://127.0.0.1:5000")]
    [InlineData("resume", "render", "--track", "ml")]
    public void Anything_else_runs_standalone(params string[] args) =>
        Assert.False(HostMode.IsUnderFunctionsHost(args));
}
