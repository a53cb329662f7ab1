using System.Text;

namespace Shop.Modules.Billing.Application;

/// <summary>Writes a customer's invoice statement as CSV lines.</summary>
public sealed class InvoiceStatement(IInvoiceRepository invoices)
{
    public async Task<int> WriteAsync(Guid customerId, Stream target) // Violation: BND3002 — queries the repository and writes a stream, but its callers cannot cancel it
    {
        var found = await invoices.ListByCustomerAsync(customerId, InvoiceService.MaxInvoicesPerQuery, CancellationToken.None);
        foreach (var invoice in found)
        {
            var line = Encoding.UTF8.GetBytes($"{invoice.Id},{invoice.Amount},{invoice.Currency}\n");
            await target.WriteAsync(line, 0, line.Length);
        }

        return found.Count;
    }

    public async Task<int> CountLinesAsync(IAsyncEnumerable<string> lines, CancellationToken cancellationToken)
    {
        int count = 0;
        await foreach (var line in lines) // Violation: BND3001 — the caller's token is not forwarded: enumeration keeps going after the request is aborted
        {
            count += line.Length > 0 ? 1 : 0;
        }

        return count;
    }
}
