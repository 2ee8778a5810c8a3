using CareerKit.Hosting;

namespace CareerKit.Tests.Hosting;

public sealed class ListeningAddressTests
{
    [Fact]
    public void Under_the_Functions_host_the_app_listens_on_the_port_it_is_given() =>
        Assert.Equal("http://localhost:40123", ListeningAddress.Choose("40123", "http://127.0.0.1:5000"));

    [Fact]
    public void Standalone_the_configured_urls_stand() =>
        Assert.Null(ListeningAddress.Choose(null, "http://127.0.0.1:5000"));

    [Fact]
    public void Standalone_without_urls_the_app_listens_where_the_Functions_host_would() =>
        Assert.Equal("http://localhost:7071", ListeningAddress.Choose(null, null));

    [Fact]
    public void A_port_that_is_not_a_number_stops_the_start_with_a_clear_message()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => ListeningAddress.Choose("http", null));
        Assert.Contains("FUNCTIONS_CUSTOMHANDLER_PORT must be a port number", failure.Message);
    }
}
