using Shop.BuildingBlocks.Domain;

namespace Shop.Modules.Ordering.Domain;

public enum OrderStatus
{
    Placed,
    Cancelled,
}

public sealed class Order : AggregateRoot
{
    public const int MaxLines = 50;

    private readonly List<OrderLine> _lines = [];

    private Order(Guid id, Guid customerId, string currency, DateTimeOffset placedAt)
        : base(id)
    {
        CustomerId = customerId;
        Currency = currency;
        PlacedAt = placedAt;
        Status = OrderStatus.Placed;
    }

    private Order()
    {
        Currency = string.Empty;
    }

    public Guid CustomerId { get; private set; }

    public string Currency { get; private set; }

    public DateTimeOffset PlacedAt { get; private set; }

    public OrderStatus Status { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public IReadOnlyList<OrderLine> Lines => _lines;

    public decimal Total => _lines.Sum(line => line.LineTotal);

    public static Order Place(Guid customerId, string currency, DateTimeOffset placedAt)
    {
        if (customerId == Guid.Empty)
        {
            throw new DomainException("An order needs a customer.");
        }

        return new Order(Guid.NewGuid(), customerId, currency, placedAt);
    }

    public void AddLine(Guid productId, string productName, decimal unitPrice, string currency, int quantity)
    {
        EnsurePlaced();
        if (!string.Equals(currency, Currency, StringComparison.Ordinal))
        {
            throw new DomainException($"Order {Id} is in {Currency}; '{productName}' is priced in {currency}.");
        }

        var existing = _lines.Find(line => line.ProductId == productId);
        if (existing is not null)
        {
            existing.Increase(quantity);
            return;
        }

        if (_lines.Count == MaxLines)
        {
            throw new DomainException($"An order holds at most {MaxLines} lines.");
        }

        _lines.Add(new OrderLine(productId, productName, unitPrice, quantity));
    }

    public void Cancel(DateTimeOffset cancelledAt)
    {
        EnsurePlaced();
        Status = OrderStatus.Cancelled;
        CancelledAt = cancelledAt;
    }

    private void EnsurePlaced()
    {
        if (Status != OrderStatus.Placed)
        {
            throw new DomainException($"Order {Id} is {Status}.");
        }
    }
}
