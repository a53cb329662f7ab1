using Shop.BuildingBlocks.Domain;
using Shop.BuildingBlocks.Messaging;
using Shop.Modules.Catalog.Contracts;
using Shop.Modules.Ordering.Contracts;
using Shop.Modules.Ordering.Domain;
using Shop.Modules.Ordering.IntegrationEvents;

namespace Shop.Modules.Ordering.Application;

public sealed class OrderService(
    IOrderRepository orders,
    IProductCatalog catalog,
    IEventBus eventBus,
    TimeProvider clock)
{
    public async Task<OrderResponse> PlaceAsync(PlaceOrderRequest request, CancellationToken cancellationToken)
    {
        if (request.Lines.Count is 0 or > Order.MaxLines)
        {
            throw new DomainException($"An order needs between 1 and {Order.MaxLines} lines.");
        }

        var productIds = request.Lines.Select(line => line.ProductId).Distinct().ToList();
        var products = (await catalog.GetProductsAsync(productIds, cancellationToken))
            .ToDictionary(product => product.ProductId);

        var unavailable = productIds.Where(id => !products.TryGetValue(id, out var p) || !p.IsActive).ToList();
        if (unavailable.Count > 0)
        {
            throw new DomainException($"Products not available: {string.Join(", ", unavailable)}.");
        }

        var now = clock.GetUtcNow();
        var order = Order.Place(request.CustomerId, products[request.Lines[0].ProductId].Currency, now);
        foreach (var line in request.Lines)
        {
            var product = products[line.ProductId];
            order.AddLine(product.ProductId, product.Name, product.UnitPrice, product.Currency, line.Quantity);
        }

        orders.Add(order);
        await orders.SaveChangesAsync(cancellationToken);

        await eventBus.PublishAsync(
            new OrderPlaced(Guid.NewGuid(), now, order.Id, order.CustomerId, order.Total, order.Currency),
            cancellationToken);

        return ToResponse(order);
    }

    public async Task<OrderResponse?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(id, cancellationToken);
        return order is null ? null : ToResponse(order);
    }

    public async Task<OrderResponse?> CancelAsync(Guid id, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(id, cancellationToken);
        if (order is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        order.Cancel(now);
        await orders.SaveChangesAsync(cancellationToken);
        await eventBus.PublishAsync(new OrderCancelled(Guid.NewGuid(), now, order.Id), cancellationToken);
        return ToResponse(order);
    }

    private static OrderResponse ToResponse(Order order) =>
        new(
            order.Id,
            order.CustomerId,
            order.Status.ToString(),
            order.PlacedAt,
            order.Currency,
            order.Total,
            order.Lines
                .Select(line => new OrderLineResponse(line.ProductId, line.ProductName, line.UnitPrice, line.Quantity, line.LineTotal))
                .ToList());
}
