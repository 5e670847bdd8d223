using Microsoft.Extensions.Configuration;

namespace Sagas.Cli.Settings;

/// <summary>What every command needs: where to write, and the settings (read when first asked for).</summary>
internal sealed class CliContext(TextWriter output, TextWriter error, IConfiguration configuration)
{
    private SagasSettings? _settings;

    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    public IConfiguration Configuration { get; } = configuration;

    public SagasSettings Settings => _settings ??= SettingsLoader.Load(Configuration);
}
