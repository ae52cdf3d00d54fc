namespace ComplianceOs.Domain.Common;

public enum ActorKind
{
    User,
    Operator,
    System,
}

/// <summary>Who performs a command: a tenant user, a platform operator, or the system (jobs, seed).</summary>
public sealed record Actor(ActorKind Kind, Guid? Id, string DisplayName)
{
    public static Actor User(Guid id, string name) => new(ActorKind.User, id, name);

    public static Actor Operator(Guid id, string name) => new(ActorKind.Operator, id, name);

    public static Actor System(string name) => new(ActorKind.System, null, name);
}
