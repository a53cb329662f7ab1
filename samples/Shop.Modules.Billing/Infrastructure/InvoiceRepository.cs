using Microsoft.EntityFrameworkCore;
using Shop.Modules.Billing.Application;
using Shop.Modules.Billing.Domain;

namespace Shop.Modules.Billing.Infrastructure;

internal sealed class InvoiceRepository(BillingDbContext db) : IInvoiceRepository
{
    public Task<Invoice?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Invoices.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);

    public Task<Invoice?> FindByOrderAsync(Guid orderId, CancellationToken cancellationToken) =>
        db.Invoices.FirstOrDefaultAsync(i => i.OrderId == orderId, cancellationToken);

    public async Task<IReadOnlyList<Invoice>> ListByCustomerAsync(Guid customerId, int take, CancellationToken cancellationToken) =>
        await db.Invoices.AsNoTracking()
            .Where(i => i.CustomerId == customerId)
            .OrderByDescending(i => i.IssuedAt)
            .Take(take)
            .ToListAsync(cancellationToken);

    public void Add(Invoice invoice) => db.Invoices.Add(invoice);

    public Task SaveChangesAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);
}
