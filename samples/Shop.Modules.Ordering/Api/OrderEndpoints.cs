using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Ordering.Application;
using Shop.Modules.Ordering.Contracts;

namespace Shop.Modules.Ordering.Api;

public static class OrderEndpoints
{
    public static IEndpointRouteBuilder MapOrderingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var orders = endpoints.MapGroup("/api/orders").WithTags("Ordering");

        orders.MapPost("/", async (PlaceOrderRequest request, OrderService service, CancellationToken cancellationToken) =>
        {
            var order = await service.PlaceAsync(request, cancellationToken);
            return TypedResults.CreatedAtRoute(order, "GetOrder", new { id = order.Id });
        });

        orders.MapGet("/{id:guid}", GetOrderAsync).WithName("GetOrder");
        orders.MapPost("/{id:guid}/cancel", CancelOrderAsync);

        return endpoints;
    }

    private static async Task<Results<Ok<OrderResponse>, NotFound>> GetOrderAsync(
        Guid id,
        OrderService service,
        CancellationToken cancellationToken) =>
        await service.GetAsync(id, cancellationToken) is { } order
            ? TypedResults.Ok(order)
            : TypedResults.NotFound();

    private static async Task<Results<Ok<OrderResponse>, NotFound>> CancelOrderAsync(
        Guid id,
        OrderService service,
        CancellationToken cancellationToken) =>
        await service.CancelAsync(id, cancellationToken) is { } order
            ? TypedResults.Ok(order)
            : TypedResults.NotFound();
}
