using Microsoft.EntityFrameworkCore;
using Shop.Modules.Catalog.Domain;

namespace Shop.Modules.Catalog.Infrastructure;

/// <summary>The Catalog module's own persistence; no other module maps these tables.</summary>
internal sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options) : DbContext(options)
{
    public DbSet<Product> Products => Set<Product>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Product>(product =>
        {
            product.HasKey(p => p.Id);
            product.Property(p => p.Sku).HasMaxLength(32).IsRequired();
            product.HasIndex(p => p.Sku).IsUnique();
            product.Property(p => p.Name).HasMaxLength(200).IsRequired();
            product.Property(p => p.Price).HasPrecision(18, 2);
            product.Property(p => p.Currency).HasMaxLength(3).IsRequired();
        });
    }
}
