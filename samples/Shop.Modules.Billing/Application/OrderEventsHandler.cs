using Shop.BuildingBlocks.Messaging;
using Shop.Modules.Ordering.IntegrationEvents;

namespace Shop.Modules.Billing.Application;

/// <summary>Billing's reaction to Ordering's public events.</summary>
internal sealed class OrderEventsHandler(InvoiceService invoices) :
    IIntegrationEventHandler<OrderPlaced>,
    IIntegrationEventHandler<OrderCancelled>
{
    public Task HandleAsync(OrderPlaced integrationEvent, CancellationToken cancellationToken) =>
        invoices.IssueForOrderAsync(
            integrationEvent.OrderId,
            integrationEvent.CustomerId,
            integrationEvent.Total,
            integrationEvent.Currency,
            cancellationToken);

    public Task HandleAsync(OrderCancelled integrationEvent, CancellationToken cancellationToken) =>
        invoices.CancelForOrderAsync(integrationEvent.OrderId, cancellationToken);
}
