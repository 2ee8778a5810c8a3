using CareerKit.Hosting;

namespace CareerKit.Tests.Hosting;

public sealed class LocalSettingsTests
{
    [Fact]
    public void The_values_of_local_settings_become_configuration_keys()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory().FullName, "local.settings.json");
        File.WriteAllText(file, """
            { "IsEncrypted": false, "Values": { "AzureWebJobsStorage": "UseDevelopmentStorage=true", "CareerKit__SignupsPerClientPerMinute": 5 } }
            """);

        var values = LocalSettings.Read(file);

        Assert.Equal("UseDevelopmentStorage=true", values["AzureWebJobsStorage"]);
        Assert.Equal("5", values["CareerKit:SignupsPerClientPerMinute"]);
    }
}
