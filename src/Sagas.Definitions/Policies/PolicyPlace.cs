namespace Sagas.Definitions.Policies;

/// <summary>Which list of policies is being read, since some policies only make sense per service.</summary>
internal enum PolicyPlace
{
    /// <summary><c>orchestration.policies</c>.</summary>
    Defaults,

    /// <summary><c>orchestration.services.NAME.policies</c>.</summary>
    Service,

    /// <summary><c>orchestration.workflows.ID.policies</c>.</summary>
    Workflow,
}
