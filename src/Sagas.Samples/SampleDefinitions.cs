namespace Sagas.Samples;

/// <summary>Where the sample workflow definitions are copied beside a build's output.</summary>
public static class SampleDefinitions
{
    /// <summary>The folder name under the application's base directory.</summary>
    public const string FolderName = "definitions";

    /// <summary>The sample definitions folder of the running application.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, FolderName);
}
