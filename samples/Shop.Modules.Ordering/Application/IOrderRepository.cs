using Shop.Modules.Ordering.Domain;

namespace Shop.Modules.Ordering.Application;

public interface IOrderRepository
{
    Task<Order?> FindAsync(Guid id, CancellationToken cancellationToken);

    void Add(Order order);

    Task SaveChangesAsync(CancellationToken cancellationToken);
}
