namespace Shop.BuildingBlocks.Domain;

/// <summary>
/// An aggregate root: the only entry point to a cluster of domain objects, identified by a Guid.
/// Equality is identity, not state.
/// </summary>
public abstract class AggregateRoot : IEquatable<AggregateRoot>
{
    protected AggregateRoot(Guid id)
    {
        if (id == Guid.Empty)
        {
            throw new ArgumentException("An aggregate needs a non-empty id.", nameof(id));
        }

        Id = id;
    }

    /// <summary>For the persistence layer, which sets <see cref="Id"/> itself.</summary>
    protected AggregateRoot()
    {
    }

    public Guid Id { get; private set; }

    public bool Equals(AggregateRoot? other) =>
        other is not null && other.GetType() == GetType() && other.Id == Id;

    public override bool Equals(object? obj) => Equals(obj as AggregateRoot);

    public override int GetHashCode() => HashCode.Combine(GetType(), Id);
}
