using System.Threading.Tasks;
using Bounded.Tests.Verification;
using Xunit;
using Verify = Bounded.Tests.Verification.CSharpAnalyzerVerifier<Bounded.Analyzers.Domains.DomainReferenceAnalyzer>;

namespace Bounded.Tests.Domains
{
    /// <summary>
    /// BND1001 — a member of another domain's internal type reached without the type being written in the
    /// consuming domain (through <c>var</c> from a public contract's member, a chained call, an inferred
    /// lambda parameter, a <c>foreach</c> variable): reported at its first use, once per consuming member and type.
    /// </summary>
    public class ImplicitInternalReachTests
    {
        private const string Billing = @"
using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Shop.Modules.Billing.Contracts
{
    // A leaky contract (BND1004 on Billing's side): its members hand out internal types.
    public interface IInvoiceLookup
    {
        Shop.Modules.Billing.Domain.Invoice Find(int id);
        Task<Shop.Modules.Billing.Domain.Invoice> FindAsync(int id);
        IReadOnlyList<Shop.Modules.Billing.Domain.Invoice> All();
        decimal Total(int id);
    }
}

namespace Shop.Modules.Billing.Domain
{
    public class Invoice
    {
        public decimal Total { get; set; }
        public InvoiceLine? FirstLine { get; set; }
        public void Pay() { }
        public override string ToString() => ""invoice"";
    }

    public class InvoiceLine { public decimal Amount { get; set; } }
}
";

        private static Task Run(string ordering, params DiagnosticResult[] expected)
        {
            var test = new Verify.Test { TestCode = ordering };
            test.TestState.MainProject.Add("Billing.cs", Billing);
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        [Fact]
        public Task VarFromContract_FirstUseReported() => Run(@"
using Shop.Modules.Billing.Contracts;

namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        private readonly IInvoiceLookup _lookup;
        public OrderService(IInvoiceLookup lookup) => _lookup = lookup;

        public decimal Due(int id)
        {
            var invoice = _lookup.Find(id);
            invoice.{|#0:Pay|}();
            return invoice.Total;
        }
    }
}", Verify.Diagnostic("BND1001").WithLocation(0)
            .WithArguments("Shop.Modules.Billing.Domain.Invoice.Pay()", "Billing", "Ordering", "Shop.Modules.Billing.Contracts"));

        [Fact]
        public Task ChainedCall() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public decimal Due(Shop.Modules.Billing.Contracts.IInvoiceLookup lookup, int id) => lookup.Find(id).{|BND1001:Total|};
    }
}");

        [Fact]
        public Task AwaitedContractCall() => Run(@"
using System.Threading.Tasks;

namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public async Task<decimal> DueAsync(Shop.Modules.Billing.Contracts.IInvoiceLookup lookup, int id) => (await lookup.FindAsync(id)).{|BND1001:Total|};
    }
}");

        [Fact]
        public Task LambdaParameterInferred() => Run(@"
using System.Linq;

namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public decimal Sum(Shop.Modules.Billing.Contracts.IInvoiceLookup lookup) => lookup.All().Sum(i => i.{|BND1001:Total|});
    }
}");

        [Fact]
        public Task ForeachOverContractCollection() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public decimal Sum(Shop.Modules.Billing.Contracts.IInvoiceLookup lookup)
        {
            decimal sum = 0;
            foreach (var invoice in lookup.All())
            {
                sum += invoice.{|BND1001:Total|};
            }

            return sum;
        }
    }
}");

        [Fact]
        public Task SecondInternalTypeReachedThroughTheFirst_ReportedForEachType() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public decimal First(Shop.Modules.Billing.Contracts.IInvoiceLookup lookup, int id) => lookup.Find(id).{|BND1001:FirstLine|}!.{|BND1001:Amount|};
    }
}");

        [Fact]
        public Task OnePerMemberAndType_NotPerAccess() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public decimal A(Shop.Modules.Billing.Contracts.IInvoiceLookup lookup, int id)
        {
            var invoice = lookup.Find(id);
            invoice.{|BND1001:Pay|}();
            invoice.Pay();
            return invoice.Total + lookup.Find(id + 1).Total;
        }

        public decimal B(Shop.Modules.Billing.Contracts.IInvoiceLookup lookup, int id) => lookup.Find(id).{|BND1001:Total|};
    }
}");

        [Fact]
        public Task TypeWrittenAndReported_MemberAccessNotReportedAgain() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        private readonly {|BND1001:Shop.Modules.Billing.Domain.Invoice|} _invoice = new {|BND1001:Shop.Modules.Billing.Domain.Invoice|}();

        public decimal FromField() { var copy = _invoice; copy.Pay(); return _invoice.Total; }

        public decimal FromParameter({|BND1001:Shop.Modules.Billing.Domain.Invoice|} invoice) => invoice.Total;

        public decimal FromLocal(Shop.Modules.Billing.Contracts.IInvoiceLookup lookup)
        {
            {|BND1001:Shop.Modules.Billing.Domain.Invoice|} invoice = lookup.Find(1);
            var again = lookup.Find(2);
            return invoice.Total + again.Total;
        }

        public decimal Cast(object value) => (({|BND1001:Shop.Modules.Billing.Domain.Invoice|})value).Total;
    }
}");

        [Fact]
        public Task MembersOfPublicOrFrameworkTypes_NotReported() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public string Describe(Shop.Modules.Billing.Contracts.IInvoiceLookup lookup, int id)
        {
            var invoice = lookup.Find(id);
            return invoice.ToString() + invoice.GetHashCode() + lookup.Total(id) + lookup.All().Count;
        }
    }
}");

        [Fact]
        public Task SameDomain_NotReported() => Run(@"
namespace Shop.Modules.Billing.Application
{
    public class InvoiceService
    {
        public decimal Due(Shop.Modules.Billing.Contracts.IInvoiceLookup lookup, int id) { var invoice = lookup.Find(id); invoice.Pay(); return invoice.Total; }
    }
}");

        [Fact]
        public Task CodeOutsideDomains_NotReported() => Run(@"
namespace Shop.Host
{
    public class Startup
    {
        public decimal Due(Shop.Modules.Billing.Contracts.IInvoiceLookup lookup, int id) { var invoice = lookup.Find(id); invoice.Pay(); return invoice.Total; }
    }
}");
    }
}
