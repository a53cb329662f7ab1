using Microsoft.AspNetCore.Mvc;
using Shop.Modules.Billing.Application;
using Shop.Modules.Billing.Contracts;
using Shop.Modules.Billing.Domain;

namespace Shop.Modules.Billing.Api;

[ApiController]
[Route("api/billing/invoices")]
public sealed class InvoicesController(InvoiceService invoices, IInvoiceRepository repository) : ControllerBase
{
    [HttpGet("{id:guid}")]
    public async Task<ActionResult<InvoiceResponse>> GetById(Guid id, CancellationToken cancellationToken)
    {
        var invoice = await invoices.GetAsync(id, cancellationToken);
        return invoice is null ? NotFound() : invoice;
    }

    [HttpGet]
    public async Task<ActionResult<IReadOnlyList<InvoiceResponse>>> ListForCustomer(
        [FromQuery] Guid customerId,
        CancellationToken cancellationToken) =>
        Ok(await invoices.ListForCustomerAsync(customerId, cancellationToken));

    [HttpPost("{id:guid}/payments")]
    public async Task<ActionResult<InvoiceResponse>> Pay(
        Guid id,
        PayInvoiceRequest request,
        CancellationToken cancellationToken)
    {
        var invoice = await invoices.PayAsync(id, request, cancellationToken);
        return invoice is null ? NotFound() : invoice;
    }

    // Violation: BND2001 — the Invoice aggregate itself is serialized: every public property (PaymentReference included) becomes API contract.
    [HttpGet("{id:guid}/raw")]
    public async Task<ActionResult<Invoice>> GetRaw(Guid id, CancellationToken cancellationToken)
    {
        var invoice = await repository.FindAsync(id, cancellationToken);
        return invoice is null ? NotFound() : invoice;
    }

    // Violation: BND2002 — binding the aggregate lets a client post Status, PaidAt or Amount (over-posting).
    [HttpPost("import")]
    public IActionResult Import(Invoice invoice)
    {
        repository.Add(invoice);
        return Accepted();
    }

    [HttpGet("{id:guid}/audit")]
    public async Task<ActionResult<InvoiceAuditResponse>> Audit(Guid id, CancellationToken cancellationToken)
    {
        var invoice = await repository.FindAsync(id, cancellationToken);
        return invoice is null ? NotFound() : new InvoiceAuditResponse(DateTimeOffset.UtcNow, invoice);
    }
}

/// <summary>What the audit endpoint returns.</summary>
public sealed record InvoiceAuditResponse(
    DateTimeOffset CheckedAt,
    // Violation: BND2003 — a DTO that carries the aggregate leaks it as surely as returning it.
    Invoice Invoice);
