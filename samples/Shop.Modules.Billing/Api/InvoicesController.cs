using Microsoft.AspNetCore.Mvc;
using Shop.Modules.Billing.Application;
using Shop.Modules.Billing.Contracts;

namespace Shop.Modules.Billing.Api;

[ApiController]
[Route("api/billing/invoices")]
public sealed class InvoicesController(InvoiceService invoices) : ControllerBase
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
}
