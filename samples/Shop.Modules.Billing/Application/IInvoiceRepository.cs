using Shop.Modules.Billing.Domain;

namespace Shop.Modules.Billing.Application;

public interface IInvoiceRepository
{
    Task<Invoice?> FindAsync(Guid id, CancellationToken cancellationToken);

    Task<Invoice?> FindByOrderAsync(Guid orderId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Invoice>> ListByCustomerAsync(Guid customerId, int take, CancellationToken cancellationToken);

    void Add(Invoice invoice);

    Task SaveChangesAsync(CancellationToken cancellationToken);
}
