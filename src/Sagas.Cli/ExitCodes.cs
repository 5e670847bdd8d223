namespace Sagas.Cli;

/// <summary>The CLI's exit codes.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran and found problems (invalid definitions).</summary>
    public const int Invalid = 1;

    /// <summary>The command could not run: wrong usage, a bad setting, a service out of reach.</summary>
    public const int UserError = 2;

    /// <summary>A fault in Sagas itself.</summary>
    public const int InternalError = 70;
}
