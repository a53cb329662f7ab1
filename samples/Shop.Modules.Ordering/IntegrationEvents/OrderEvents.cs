using Shop.BuildingBlocks.Messaging;

namespace Shop.Modules.Ordering.IntegrationEvents;

/// <summary>Published when an order is placed; Billing raises the invoice.</summary>
public sealed record OrderPlaced(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid OrderId,
    Guid CustomerId,
    decimal Total,
    string Currency) : IIntegrationEvent;

/// <summary>Published when a customer cancels an order; Billing cancels or flags its invoice.</summary>
public sealed record OrderCancelled(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid OrderId) : IIntegrationEvent;
