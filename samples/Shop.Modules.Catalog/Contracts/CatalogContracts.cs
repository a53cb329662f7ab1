namespace Shop.Modules.Catalog.Contracts;

/// <summary>What other modules may ask the catalog. Implemented inside the Catalog module.</summary>
public interface IProductCatalog
{
    /// <summary>The products with the given ids that exist; unknown ids are left out.</summary>
    Task<IReadOnlyList<ProductSnapshot>> GetProductsAsync(
        IReadOnlyCollection<Guid> productIds,
        CancellationToken cancellationToken);
}

/// <summary>A product as other modules see it at one moment (prices change; orders keep the snapshot).</summary>
public sealed record ProductSnapshot(Guid ProductId, string Sku, string Name, decimal UnitPrice, string Currency, bool IsActive);

public sealed record ProductResponse(Guid Id, string Sku, string Name, decimal Price, string Currency, bool IsActive);

public sealed record CreateProductRequest(string Sku, string Name, decimal Price, string Currency);

public sealed record ChangePriceRequest(decimal Price);
