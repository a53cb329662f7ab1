using Shop.BuildingBlocks.Domain;

namespace Shop.Modules.Billing.Domain;

public enum InvoiceStatus
{
    Open,
    Paid,
    Cancelled,
    RefundDue,
}

public sealed class Invoice : AggregateRoot
{
    public static readonly TimeSpan PaymentTerm = TimeSpan.FromDays(14);

    private Invoice(Guid id, Guid orderId, Guid customerId, decimal amount, string currency, DateTimeOffset issuedAt)
        : base(id)
    {
        OrderId = orderId;
        CustomerId = customerId;
        Amount = amount;
        Currency = currency;
        IssuedAt = issuedAt;
        DueAt = issuedAt + PaymentTerm;
        Status = InvoiceStatus.Open;
    }

    private Invoice()
    {
        Currency = string.Empty;
    }

    public Guid OrderId { get; private set; }

    public Guid CustomerId { get; private set; }

    public decimal Amount { get; private set; }

    public string Currency { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    public DateTimeOffset DueAt { get; private set; }

    public InvoiceStatus Status { get; private set; }

    public DateTimeOffset? PaidAt { get; private set; }

    public string? PaymentReference { get; private set; }

    public static Invoice Issue(Guid orderId, Guid customerId, decimal amount, string currency, DateTimeOffset issuedAt) =>
        amount > 0
            ? new Invoice(Guid.NewGuid(), orderId, customerId, amount, currency, issuedAt)
            : throw new DomainException($"Order {orderId} has nothing to invoice.");

    public bool IsOverdue(DateTimeOffset now) => Status == InvoiceStatus.Open && now > DueAt;

    public void Pay(decimal amount, string paymentReference, DateTimeOffset paidAt)
    {
        if (Status != InvoiceStatus.Open)
        {
            throw new DomainException($"Invoice {Id} is {Status} and cannot be paid.");
        }

        if (amount != Amount)
        {
            throw new DomainException($"Invoice {Id} is for {Amount} {Currency}, not {amount}.");
        }

        Status = InvoiceStatus.Paid;
        PaidAt = paidAt;
        PaymentReference = paymentReference;
    }

    /// <summary>The order behind the invoice was cancelled: an open invoice is void, a paid one is owed back.</summary>
    public void CancelForOrder() =>
        Status = Status switch
        {
            InvoiceStatus.Open => InvoiceStatus.Cancelled,
            InvoiceStatus.Paid => InvoiceStatus.RefundDue,
            _ => Status,
        };
}
