using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CareerKit.Hosting;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

namespace CareerKit.Tests.Hosting;

/// <summary>infra/main.bicep, checked offline: it builds and lints clean, and it sets every setting the app needs to start.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class InfraTests
{
    private static string MainBicep => Path.Combine(RepositoryRootAttribute.Value, "infra", "main.bicep");

    private static async Task<JsonObject> TemplateAsync()
    {
        var (exit, output, errors) = await BicepCli.RunAsync("build", MainBicep, "--stdout");
        Assert.True(exit == 0, errors);
        return JsonNode.Parse(output)!.AsObject();
    }

    private static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"]!.AsArray().Select(resource => resource!.AsObject());

    private static JsonObject Resource(JsonObject template, string type) => Resources(template).Single(resource => resource["type"]!.GetValue<string>() == type);

    [Fact]
    public async Task The_bicep_builds_and_lints_with_no_error_and_no_warning()
    {
        var build = await BicepCli.RunAsync("build", MainBicep, "--stdout");
        var lint = await BicepCli.RunAsync("lint", MainBicep);

        Assert.Equal(0, build.Exit);
        Assert.Equal("", build.Errors.Trim());
        Assert.Equal(0, lint.Exit);
        Assert.DoesNotMatch(Diagnostic(), lint.Output + lint.Errors);
    }

    [Fact]
    public async Task The_app_runs_on_flex_consumption_as_a_dotnet_isolated_10_worker_with_its_identity_and_no_shared_keys()
    {
        var template = await TemplateAsync();
        var site = Resource(template, "Microsoft.Web/sites")["properties"]!;
        var storage = Resource(template, "Microsoft.Storage/storageAccounts")["properties"]!;
        var roles = Resources(template).Where(resource => resource["type"]!.GetValue<string>() == "Microsoft.Authorization/roleAssignments")
            .Select(assignment => RoleReference().Match(assignment["properties"]!["roleDefinitionId"]!.GetValue<string>()))
            .Select(match => template["variables"]!["roles"]![match.Groups["name"].Value]!.GetValue<string>()).ToList();

        Assert.Equal("dotnet-isolated", site["functionAppConfig"]!["runtime"]!["name"]!.GetValue<string>());
        Assert.Equal("10.0", site["functionAppConfig"]!["runtime"]!["version"]!.GetValue<string>());
        Assert.Equal("FlexConsumption", Resource(template, "Microsoft.Web/serverfarms")["sku"]!["tier"]!.GetValue<string>());
        Assert.Equal("SystemAssigned", Resource(template, "Microsoft.Web/sites")["identity"]!["type"]!.GetValue<string>());
        Assert.False(storage["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.True(Resource(template, "Microsoft.Insights/components")["properties"]!["DisableLocalAuth"]!.GetValue<bool>());
        Assert.All(new[] { "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "3913510d-42f4-4e42-8a64-420c390055eb", "4633458b-17de-408a-b874-0445c86b69e6" },
            role => Assert.Contains(role, roles));
        var settings = AppSettings(template);
        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri=", settings["CareerKit__SigningKey"], StringComparison.Ordinal);
        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri=", settings["SendGrid__ApiKey"], StringComparison.Ordinal);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
    }

    [Fact]
    public async Task A_blob_lifecycle_rule_deletes_tailored_resumes_a_day_after_they_are_stored()
    {
        var template = await TemplateAsync();
        var rules = Resource(template, "Microsoft.Storage/storageAccounts/managementPolicies")["properties"]!["policy"]!["rules"]!.AsArray();

        // The container the app stores them in: its name carries the installation's storage prefix, if the bicep sets one.
        var container = new CareerKit.Storage.StorageNames(AppSettings(template).GetValueOrDefault("CareerKit__StoragePrefix", "")).Container(CareerKit.Resumes.StoredResumes.ContainerName);

        var rule = Assert.Single(rules, rule => rule!["definition"]!["filters"]!["prefixMatch"]!.AsArray().Any(prefix => prefix!.GetValue<string>() == $"{container}/"))!;
        Assert.True(rule["enabled"]!.GetValue<bool>());
        Assert.Equal("Lifecycle", rule["type"]!.GetValue<string>());
        Assert.Equal(["blockBlob"], rule["definition"]!["filters"]!["blobTypes"]!.AsArray().Select(type => type!.GetValue<string>()));
        // The policy runs about once a day; "more than 1 day" never deletes a resume before its 24-hour link expires.
        Assert.Equal(1, rule["definition"]!["actions"]!["baseBlob"]!["delete"]!["daysAfterCreationGreaterThan"]!.GetValue<int>());
    }

    [Fact]
    public async Task Data_protection_keys_are_encrypted_with_a_certificate_kept_in_key_vault()
    {
        var template = await TemplateAsync();
        var secrets = Resources(template).Where(resource => resource["type"]!.GetValue<string>() == "Microsoft.KeyVault/vaults/secrets")
            .Select(secret => secret["name"]!.GetValue<string>()).ToList();

        Assert.Contains(secrets, name => name.Contains("data-protection-certificate", StringComparison.Ordinal));
        Assert.Contains("data-protection-certificate", AppSettings(template)["CareerKit__DataProtectionCertificate"], StringComparison.Ordinal);
        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri=", AppSettings(template)["CareerKit__DataProtectionCertificate"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_setting_the_app_reads_at_start_is_set_by_the_bicep()
    {
        var template = await TemplateAsync();
        var settings = AppSettings(template).ToDictionary(setting => setting.Key, setting => Value(template, setting.Key, setting.Value));

        var started = Validate(settings);
        var withoutPublicUrl = Validate(settings.Where(setting => setting.Key != "CareerKit__PublicBaseUrl").ToDictionary());

        Assert.Null(started); // The worker starts with exactly what the Bicep sets.
        Assert.Contains("CareerKit:PublicBaseUrl", withoutPublicUrl); // And this check would notice a missing one.
    }

    /// <returns>Null when the app's settings validate, else the messages.</returns>
    private static string? Validate(Dictionary<string, string> appSettings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = Directory.CreateTempSubdirectory().FullName, EnvironmentName = "Production" });
        builder.Configuration.Sources.Clear();
        // App settings reach the app as environment variables: "__" separates sections.
        builder.Configuration.AddInMemoryCollection(appSettings.Select(setting => new KeyValuePair<string, string?>(setting.Key.Replace("__", ":", StringComparison.Ordinal), setting.Value))
            .Append(new(CareerKit.Hosting.HostMode.UnderFunctionsHostSetting, "true")));
        builder.Services.AddCareerKitServices(builder.Configuration); // What the worker registers under the host.
        using var app = builder.Build();
        try
        {
            app.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
            return null;
        }
        catch (Exception failure) when (failure is OptionsValidationException or AggregateException)
        {
            return failure is AggregateException all ? string.Join(" ", all.Flatten().InnerExceptions.Select(inner => inner.Message)) : failure.Message;
        }
    }

    private static Dictionary<string, string> AppSettings(JsonObject template) =>
        Resource(template, "Microsoft.Web/sites")["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(setting => setting!["name"]!.GetValue<string>(), setting => setting!["value"]!.GetValue<string>());

    /// <summary>A literal as is; a parameter by its default; any other expression by a value of the kind Azure will put there.</summary>
    private static string Value(JsonObject template, string name, string value)
    {
        if (!value.StartsWith('['))
        {
            return value;
        }

        if (ParameterReference().Match(value) is { Success: true } reference
            && template["parameters"]![reference.Groups["name"].Value]!["defaultValue"] is { } fallback && fallback.ToString().Length > 0)
        {
            return fallback.ToString();
        }

        return name switch
        {
            "AzureWebJobsStorage__accountName" => "stckprodabcdefghijklmn",
            "CareerKit__PublicBaseUrl" => "https://func-careerkit-prod-abcdef.azurewebsites.net",
            "SendGrid__FromEmail" => "newsletter@careerkit.example",
            "CareerKit__DataProtectionCertificate" => Editor.KeyRingEncryptionTests.NewCertificate(),
            _ when value.Contains("@Microsoft.KeyVault", StringComparison.Ordinal) => "@Microsoft.KeyVault(SecretUri=https://kv-ck-prod.vault.azure.net/secrets/signing-key/0123456789abcdef)",
            _ => "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/",
        };
    }

    [GeneratedRegex(@"^\[parameters\('(?<name>\w+)'\)\]$")]
    private static partial Regex ParameterReference();

    [GeneratedRegex(@"variables\('roles'\)\.(?<name>\w+)")]
    private static partial Regex RoleReference();

    [GeneratedRegex(@"\b(Warning|Error)\b")]
    private static partial Regex Diagnostic();
}
