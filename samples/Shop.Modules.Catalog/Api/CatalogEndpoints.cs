using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Shop.Modules.Catalog.Application;
using Shop.Modules.Catalog.Contracts;

namespace Shop.Modules.Catalog.Api;

public static class CatalogEndpoints
{
    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var products = endpoints.MapGroup("/api/catalog/products").WithTags("Catalog");

        products.MapGet("/", async (ProductService service, CancellationToken cancellationToken, int skip = 0, int take = 20) =>
            TypedResults.Ok(await service.ListAsync(skip, take, cancellationToken)));

        products.MapGet("/{id:guid}", GetProductAsync).WithName("GetProduct");
        products.MapPost("/", CreateProductAsync);
        products.MapPut("/{id:guid}/price", ChangePriceAsync);

        return endpoints;
    }

    private static async Task<Results<Ok<ProductResponse>, NotFound>> GetProductAsync(
        Guid id,
        ProductService service,
        CancellationToken cancellationToken) =>
        await service.GetAsync(id, cancellationToken) is { } product
            ? TypedResults.Ok(product)
            : TypedResults.NotFound();

    private static async Task<CreatedAtRoute<ProductResponse>> CreateProductAsync(
        CreateProductRequest request,
        ProductService service,
        CancellationToken cancellationToken)
    {
        var product = await service.CreateAsync(request, cancellationToken);
        return TypedResults.CreatedAtRoute(product, "GetProduct", new { id = product.Id });
    }

    private static async Task<Results<Ok<ProductResponse>, NotFound>> ChangePriceAsync(
        Guid id,
        ChangePriceRequest request,
        ProductService service,
        CancellationToken cancellationToken) =>
        await service.ChangePriceAsync(id, request, cancellationToken) is { } product
            ? TypedResults.Ok(product)
            : TypedResults.NotFound();
}
