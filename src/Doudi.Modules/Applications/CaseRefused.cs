namespace Doudi.Applications;

/// <summary>
/// An attempt the rules refuse: wrong state, wrong role, a relative's case, a bad or missing value. The message
/// is the Chinese sentence shown to the user; it names the field (<see cref="Field"/>) and the reason.
/// Nothing is changed when it is thrown: the aggregate checks every rule before it touches a field.
/// </summary>
public sealed class CaseRefusedException(string field, string message, RefusalKind kind = RefusalKind.BadInput) : Exception(message)
{
    public string Field { get; } = field;
    public RefusalKind Kind { get; } = kind;
}

public enum RefusalKind
{
    BadInput,
    WrongState,
    WrongRole,

    /// <summary>Separation of duties or favouritism (own case, close relative, visitor deciding).</summary>
    Separation,

    /// <summary>Someone else changed the case first (concurrency token).</summary>
    Conflict,
    NotFound,
}

/// <summary>The member of staff acting: who, with which role and region, and their ID number (for the kin checks).</summary>
public sealed record Officer(string UserName, string Role, string RegionCode, string? IdNumber);
