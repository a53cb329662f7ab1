namespace Bounded.Tests.Domains
{
    /// <summary>Realistic module sources shared by the Domains tests.</summary>
    internal static class DomainSources
    {
        /// <summary>The Billing module: internals in Domain/Application/Infrastructure, a public contract in Contracts.</summary>
        public const string Billing = @"
using System;
using System.Collections.Generic;

namespace Shop.Modules.Billing.Contracts
{
    public interface IInvoice
    {
        Guid Id { get; }
        decimal Amount { get; }

        // A leak in Billing's own contract: it hands out an internal type.
        Shop.Modules.Billing.Domain.Invoice Leak();
    }

    public sealed record InvoiceIssued(Guid InvoiceId, decimal Amount);
}

namespace Shop.Modules.Billing.Domain
{
    public enum InvoiceStatus { Open, Paid }

    [AttributeUsage(AttributeTargets.Class)]
    public sealed class BillableAttribute : Attribute { }

    public class Invoice : Shop.Modules.Billing.Contracts.IInvoice
    {
        public const decimal MaxAmount = 10000m;

        public Guid Id { get; } = Guid.NewGuid();
        public decimal Amount { get; set; }
        public InvoiceStatus Status { get; set; }

        public static Invoice Issue(decimal amount) => new Invoice { Amount = amount };

        public void Pay() => Status = InvoiceStatus.Paid;

        public Invoice Leak() => this;
    }

    public class InvoiceLine { public decimal Amount { get; set; } }

    public sealed class InvoiceException : Exception { }

    public static class InvoiceExtensions
    {
        public static bool IsPaid(this Invoice invoice) => invoice.Status == InvoiceStatus.Paid;
    }
}

namespace Shop.Modules.Billing.Application
{
    public class InvoiceService
    {
        public Shop.Modules.Billing.Domain.Invoice Issue(decimal amount) => Shop.Modules.Billing.Domain.Invoice.Issue(amount);
    }
}
";
    }
}
