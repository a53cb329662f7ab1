using Shop.BuildingBlocks.Domain;

namespace Shop.Modules.Ordering.Domain;

/// <summary>One product in an order, priced when the order was placed (owned by <see cref="Order"/>).</summary>
public sealed class OrderLine
{
    public const int MaxQuantity = 1_000;

    internal OrderLine(Guid productId, string productName, decimal unitPrice, int quantity)
    {
        if (unitPrice <= 0)
        {
            throw new DomainException($"'{productName}' has no valid price.");
        }

        ProductId = productId;
        ProductName = productName;
        UnitPrice = unitPrice;
        Quantity = ValidQuantity(quantity);
    }

    private OrderLine()
    {
        ProductName = string.Empty;
    }

    public Guid ProductId { get; private set; }

    public string ProductName { get; private set; }

    public decimal UnitPrice { get; private set; }

    public int Quantity { get; private set; }

    public decimal LineTotal => UnitPrice * Quantity;

    internal void Increase(int quantity) => Quantity = ValidQuantity(Quantity + quantity);

    private static int ValidQuantity(int quantity) =>
        quantity is > 0 and <= MaxQuantity
            ? quantity
            : throw new DomainException($"A quantity must be between 1 and {MaxQuantity}.");
}
