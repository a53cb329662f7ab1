using Shop.Modules.Billing.Contracts;
using Shop.Modules.Billing.Domain;

namespace Shop.Modules.Billing.Application;

public sealed class InvoiceService(IInvoiceRepository invoices, TimeProvider clock)
{
    // Violation: BND1001 — Billing reuses a constant of Ordering's internal domain model instead of its own or a contract.
    public const int MaxInvoicesPerQuery = Shop.Modules.Ordering.Domain.Order.MaxLines;

    public async Task<InvoiceResponse?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var invoice = await invoices.FindAsync(id, cancellationToken);
        return invoice is null ? null : ToResponse(invoice);
    }

    public async Task<IReadOnlyList<InvoiceResponse>> ListForCustomerAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var found = await invoices.ListByCustomerAsync(customerId, MaxInvoicesPerQuery, cancellationToken);
        return found.Select(ToResponse).ToList();
    }

    public async Task<InvoiceResponse?> PayAsync(Guid id, PayInvoiceRequest request, CancellationToken cancellationToken)
    {
        var invoice = await invoices.FindAsync(id, cancellationToken);
        if (invoice is null)
        {
            return null;
        }

        invoice.Pay(request.Amount, request.PaymentReference, clock.GetUtcNow());
        await invoices.SaveChangesAsync(cancellationToken);
        return ToResponse(invoice);
    }

    internal async Task IssueForOrderAsync(Guid orderId, Guid customerId, decimal amount, string currency, CancellationToken cancellationToken)
    {
        if (await invoices.FindByOrderAsync(orderId, cancellationToken) is not null)
        {
            return; // Delivered twice: the invoice already exists.
        }

        invoices.Add(Invoice.Issue(orderId, customerId, amount, currency, clock.GetUtcNow()));
        await invoices.SaveChangesAsync(cancellationToken);
    }

    internal async Task CancelForOrderAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var invoice = await invoices.FindByOrderAsync(orderId, cancellationToken);
        if (invoice is null)
        {
            return;
        }

        invoice.CancelForOrder();
        await invoices.SaveChangesAsync(cancellationToken);
    }

    private InvoiceResponse ToResponse(Invoice invoice) =>
        new(
            invoice.Id,
            invoice.OrderId,
            invoice.CustomerId,
            invoice.Amount,
            invoice.Currency,
            invoice.Status.ToString(),
            invoice.IssuedAt,
            invoice.DueAt,
            invoice.IsOverdue(clock.GetUtcNow()),
            invoice.PaidAt);
}
