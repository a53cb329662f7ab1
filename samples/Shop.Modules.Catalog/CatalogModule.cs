using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Modules.Catalog.Application;
using Shop.Modules.Catalog.Contracts;
using Shop.Modules.Catalog.Infrastructure;

namespace Shop.Modules.Catalog;

/// <summary>The module's composition: the host calls this and never names the module's internals.</summary>
public static class CatalogModule
{
    public static IServiceCollection AddCatalogModule(
        this IServiceCollection services,
        Action<DbContextOptionsBuilder> configureDatabase)
    {
        services.AddDbContext<CatalogDbContext>(configureDatabase);
        services.AddScoped<IProductRepository, ProductRepository>();
        services.AddScoped<ProductService>();
        services.AddScoped<IProductCatalog, ProductCatalog>();
        return services;
    }
}
