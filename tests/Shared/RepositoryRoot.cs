namespace Sagas.Testing;

/// <summary>The checkout the tests were built from: the folder above the build output that holds Sagas.sln.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Sagas.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Sagas.sln above {AppContext.BaseDirectory}: the tests run from the repository's build output.");
    }
}
