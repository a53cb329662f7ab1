namespace Shop.Modules.Billing.Contracts;

public sealed record InvoiceResponse(
    Guid Id,
    Guid OrderId,
    Guid CustomerId,
    decimal Amount,
    string Currency,
    string Status,
    DateTimeOffset IssuedAt,
    DateTimeOffset DueAt,
    bool IsOverdue,
    DateTimeOffset? PaidAt);

public sealed record PayInvoiceRequest(decimal Amount, string PaymentReference);
