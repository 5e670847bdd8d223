namespace Sagas.Definitions;

/// <summary>Stable codes of definition errors, for tests, tooling and searching the docs.</summary>
public static class ErrorCodes
{
    public const string FileNotFound = "file-not-found";
    public const string FileTooLarge = "file-too-large";
    public const string BinaryContent = "binary-content";
    public const string EmptyFile = "empty-file";
    public const string InvalidYaml = "invalid-yaml";
    public const string InvalidJson = "invalid-json";
    public const string MultipleDocuments = "multiple-documents";
    public const string YamlAnchor = "yaml-anchor";
    public const string YamlAlias = "yaml-alias";
    public const string YamlTag = "yaml-tag";
    public const string TooDeep = "too-deep";
    public const string InvalidKey = "invalid-key";
    public const string InvalidNumber = "invalid-number";
    public const string UnknownKey = "unknown-key";
    public const string DuplicateKey = "duplicate-key";
    public const string WrongType = "wrong-type";
    public const string MissingKey = "missing-key";
    public const string InvalidName = "invalid-name";
    public const string InvalidVersion = "invalid-version";
    public const string InvalidInputType = "invalid-input-type";
    public const string EmptyWorkflow = "empty-workflow";
    public const string TooManySteps = "too-many-steps";
    public const string MissingStepId = "missing-step-id";
    public const string MissingService = "missing-service";
    public const string DuplicateStepId = "duplicate-step-id";
    public const string UnknownDependency = "unknown-dependency";
    public const string SelfDependency = "self-dependency";
    public const string DuplicateDependency = "duplicate-dependency";
    public const string Cycle = "cycle";
    public const string InvalidReference = "invalid-reference";
    public const string UnknownStepReference = "unknown-step-reference";
    public const string SelfReference = "self-reference";
    public const string ReferenceNotUpstream = "reference-not-upstream";
    public const string UnknownInputField = "unknown-input-field";
    public const string InvalidExpression = "invalid-expression";
    public const string InvalidJoin = "invalid-join";
    public const string SwitchWithService = "switch-with-service";
    public const string EmptySwitch = "empty-switch";
    public const string DuplicateCase = "duplicate-case";
    public const string DuplicateDefinition = "duplicate-definition";
    public const string InvalidDuration = "invalid-duration";
    public const string InvalidMaxAttempts = "invalid-max-attempts";
    public const string InvalidBackoff = "invalid-backoff";
    public const string MaxDelayBelowDelay = "max-delay-below-delay";
    public const string DuplicateAlternate = "duplicate-alternate";
    public const string SelfAlternate = "self-alternate";
    public const string UnknownService = "unknown-service";
    public const string UnknownWorkflow = "unknown-workflow";
    public const string UnknownPolicy = "unknown-policy";
    public const string InvalidPolicyValue = "invalid-policy-value";
    public const string PolicyNotAllowedHere = "policy-not-allowed-here";
    public const string DuplicatePolicy = "duplicate-policy";
    public const string InvalidEndpoint = "invalid-endpoint";
}
