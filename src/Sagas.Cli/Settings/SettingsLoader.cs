using Microsoft.Extensions.Configuration;

namespace Sagas.Cli.Settings;

/// <summary>
/// Reads settings from appsettings.json beside the binary, then environment variables
/// (<c>Sagas__RabbitMq__Host</c>), later sources winning.
/// </summary>
public static class SettingsLoader
{
    public static IConfiguration BuildConfiguration() =>
        new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();

    public static SagasSettings Load(IConfiguration configuration)
    {
        try
        {
            return configuration.GetSection(SagasSettings.SectionName).Get<SagasSettings>() ?? new SagasSettings();
        }
        catch (InvalidOperationException e)
        {
            // The binder names the key and the type it could not convert to; that is the whole story.
            throw new UserErrorException($"invalid setting: {e.Message}");
        }
    }
}
