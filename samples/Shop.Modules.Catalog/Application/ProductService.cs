using Shop.BuildingBlocks.Domain;
using Shop.Modules.Catalog.Contracts;
using Shop.Modules.Catalog.Domain;

namespace Shop.Modules.Catalog.Application;

public sealed class ProductService(IProductRepository products)
{
    public const int MaxPageSize = 100;

    public async Task<IReadOnlyList<ProductResponse>> ListAsync(int skip, int take, CancellationToken cancellationToken)
    {
        var page = await products.ListAsync(Math.Max(skip, 0), Math.Clamp(take, 1, MaxPageSize), cancellationToken);
        return page.Select(ToResponse).ToList();
    }

    public async Task<ProductResponse?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var product = await products.FindAsync(id, cancellationToken);
        return product is null ? null : ToResponse(product);
    }

    public async Task<IReadOnlyList<ProductResponse>> GetManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        // Violation: BND5001 — one query per requested id, all started at once: the caller decides how many run concurrently.
        var found = await Task.WhenAll(ids.Select(id => products.FindAsync(id, cancellationToken)));
        return found.OfType<Product>().Select(ToResponse).ToList();
    }

    public async Task<ProductResponse> CreateAsync(CreateProductRequest request, CancellationToken cancellationToken)
    {
        if (await products.SkuExistsAsync(request.Sku.Trim().ToUpperInvariant(), cancellationToken))
        {
            throw new DomainException($"A product with SKU '{request.Sku}' already exists.");
        }

        var product = new Product(Guid.NewGuid(), request.Sku, request.Name, request.Price, request.Currency);
        products.Add(product);
        await products.SaveChangesAsync(cancellationToken);
        return ToResponse(product);
    }

    public async Task<ProductResponse?> ChangePriceAsync(Guid id, ChangePriceRequest request, CancellationToken cancellationToken)
    {
        var product = await products.FindAsync(id, cancellationToken);
        if (product is null)
        {
            return null;
        }

        product.ChangePrice(request.Price);
        await products.SaveChangesAsync(cancellationToken);
        return ToResponse(product);
    }

    internal static ProductResponse ToResponse(Product product) =>
        new(product.Id, product.Sku, product.Name, product.Price, product.Currency, product.IsActive);
}
