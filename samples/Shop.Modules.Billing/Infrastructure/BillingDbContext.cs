using Microsoft.EntityFrameworkCore;
using Shop.Modules.Billing.Domain;

namespace Shop.Modules.Billing.Infrastructure;

internal sealed class BillingDbContext(DbContextOptions<BillingDbContext> options) : DbContext(options)
{
    public DbSet<Invoice> Invoices => Set<Invoice>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Invoice>(invoice =>
        {
            invoice.HasKey(i => i.Id);
            invoice.HasIndex(i => i.OrderId).IsUnique();
            invoice.HasIndex(i => i.CustomerId);
            invoice.Property(i => i.Amount).HasPrecision(18, 2);
            invoice.Property(i => i.Currency).HasMaxLength(3).IsRequired();
            invoice.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
            invoice.Property(i => i.PaymentReference).HasMaxLength(100);
        });
    }
}
