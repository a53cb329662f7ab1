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

    // Violation: BND4001 — blocks a thread on an EF Core query; await AnyAsync in an async method instead.
    public bool Exists(Guid id) => db.Invoices.AnyAsync(i => i.Id == id).Result;

    public async Task<int> CountUnpaidAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var latest = await FindByOrderAsync(customerId, cancellationToken);
        // Violation: BND4002 — sync Count() on an EF Core query inside async code; await CountAsync(cancellationToken).
        int unpaid = db.Invoices.Count(i => i.CustomerId == customerId && i.PaidAt == null);
        return latest is null ? 0 : unpaid;
    }

    public Task SaveChangesAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);
}
