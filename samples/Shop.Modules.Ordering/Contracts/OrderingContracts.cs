namespace Shop.Modules.Ordering.Contracts;

public sealed record PlaceOrderRequest(Guid CustomerId, IReadOnlyList<OrderLineRequest> Lines);

public sealed record OrderLineRequest(Guid ProductId, int Quantity);

public sealed record OrderResponse(
    Guid Id,
    Guid CustomerId,
    string Status,
    DateTimeOffset PlacedAt,
    string Currency,
    decimal Total,
    IReadOnlyList<OrderLineResponse> Lines);

public sealed record OrderLineResponse(Guid ProductId, string ProductName, decimal UnitPrice, int Quantity, decimal LineTotal);

// Violation: BND1004 — the public contract hands out the domain's internal OrderStatus: every module reading it now depends on Ordering's domain model.
public sealed record OrderStatusChanged(Guid OrderId, Domain.OrderStatus Status);
