using Microsoft.EntityFrameworkCore;
using Shop.Modules.Ordering.Domain;

namespace Shop.Modules.Ordering.Infrastructure;

internal sealed class OrderingDbContext(DbContextOptions<OrderingDbContext> options) : DbContext(options)
{
    public DbSet<Order> Orders => Set<Order>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Order>(order =>
        {
            order.HasKey(o => o.Id);
            order.Property(o => o.Currency).HasMaxLength(3).IsRequired();
            order.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
            order.OwnsMany(o => o.Lines, line =>
            {
                line.WithOwner().HasForeignKey("OrderId");
                line.Property<int>("Id");
                line.HasKey("Id");
                line.Property(l => l.ProductName).HasMaxLength(200).IsRequired();
                line.Property(l => l.UnitPrice).HasPrecision(18, 2);
            });
            order.Navigation(o => o.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        });
    }
}
