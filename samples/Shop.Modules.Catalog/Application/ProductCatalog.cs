using Shop.Modules.Catalog.Contracts;

namespace Shop.Modules.Catalog.Application;

/// <summary>The Catalog module's answer to <see cref="IProductCatalog"/>, the contract other modules use.</summary>
internal sealed class ProductCatalog(IProductRepository products) : IProductCatalog
{
    public async Task<IReadOnlyList<ProductSnapshot>> GetProductsAsync(
        IReadOnlyCollection<Guid> productIds,
        CancellationToken cancellationToken)
    {
        if (productIds.Count == 0)
        {
            return [];
        }

        var found = await products.FindManyAsync(productIds, cancellationToken);
        return found
            .Select(p => new ProductSnapshot(p.Id, p.Sku, p.Name, p.Price, p.Currency, p.IsActive))
            .ToList();
    }
}
