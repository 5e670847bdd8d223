// Nearly every command reads its options with System.CommandLine and reaches the broker, the
// database or the settings through these namespaces; said once here instead of atop each file.
global using System.CommandLine;
global using Sagas.Cli.Infrastructure;
global using Sagas.Cli.Settings;
