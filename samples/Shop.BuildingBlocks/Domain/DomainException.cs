namespace Shop.BuildingBlocks.Domain;

/// <summary>A business rule was broken. The host turns it into a 400 problem response.</summary>
public sealed class DomainException : Exception
{
    public DomainException(string message)
        : base(message)
    {
    }
}
