using Sagas.Definitions.Building;
using Sagas.Definitions.Source;

namespace Sagas.Definitions.Policies;

/// <summary>
/// Loads a <c>policies.yaml</c> and validates it completely, the way <see cref="Loading.DefinitionLoader"/>
/// loads a definition: decode, parse, read the shape, collecting every error in file order.
/// </summary>
public sealed class PolicyFileLoader(DefinitionLimits? limits = null)
{
    /// <summary>The names a policy file may have beside the definitions, in the order they are looked for; never loaded as definitions.</summary>
    public static readonly IReadOnlyList<string> FileNames = ["policies.yaml", "policies.yml", "policies.json"];

    private readonly DefinitionLimits _limits = limits ?? DefinitionLimits.Default;

    public PolicyLoadResult LoadFile(string path)
    {
        var (content, error) = SourceDocument.ReadFile(path, _limits);
        return content is null ? new PolicyLoadResult(path, null, [error!]) : Load(path, content);
    }

    /// <summary>Loads content under a display name; the extension of <paramref name="file"/> picks the format.</summary>
    public PolicyLoadResult Load(string file, ReadOnlySpan<byte> content)
    {
        var (root, rejection) = SourceDocument.Parse(file, content, _limits);
        if (rejection is { Code: ErrorCodes.EmptyFile })
        {
            // Unlike a definition, a policy file may say nothing: every policy keeps its default.
            return new PolicyLoadResult(file, new PolicyFile { File = file }, []);
        }

        if (root is null)
        {
            return new PolicyLoadResult(file, null, [rejection!]);
        }

        var errors = new ErrorSink(file);
        var policies = new PolicyFileReader(errors).Read(root, file);
        return errors.HasErrors
            ? new PolicyLoadResult(file, null, errors.InFileOrder())
            : new PolicyLoadResult(file, policies, []);
    }
}
