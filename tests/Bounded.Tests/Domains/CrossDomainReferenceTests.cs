using System.Threading.Tasks;
using Bounded.Analyzers.Configuration;
using Bounded.Tests.Verification;
using Xunit;
using Verify = Bounded.Tests.Verification.CSharpAnalyzerVerifier<Bounded.Analyzers.Domains.DomainReferenceAnalyzer>;

namespace Bounded.Tests.Domains
{
    /// <summary>BND1001 — Do not reference another domain's internals.</summary>
    public class CrossDomainReferenceTests
    {
        private static Task Run(string ordering, string? editorConfig = null, params DiagnosticResult[] expected)
        {
            var test = new Verify.Test { TestCode = ordering, EditorConfig = editorConfig };
            test.TestState.MainProject.Add("Billing.cs", DomainSources.Billing);
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        [Fact]
        public Task UsingDirective_OfAnotherDomainsInternalNamespace() => Run(@"
using {|#0:Shop.Modules.Billing.Domain|};

namespace Shop.Modules.Ordering.Application
{
    public class OrderService { }
}", null, Verify.Diagnostic("BND1001").WithLocation(0).WithArguments("Shop.Modules.Billing.Domain", "Billing", "Ordering", "Shop.Modules.Billing.Contracts"));

        [Fact]
        public Task UsingDirective_InsideNamespace() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    using {|BND1001:Shop.Modules.Billing.Application|};

    public class OrderService { }
}");

        [Fact]
        public Task UsingAlias_ToAnInternalType_AndItsUse() => Run(@"
using Inv = {|BND1001:Shop.Modules.Billing.Domain.Invoice|};

namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public decimal Total({|BND1001:Inv|} invoice) => 0m;
    }
}");

        [Fact]
        public Task UsingStatic_AndTheMemberItImports() => Run(@"
using static {|BND1001:Shop.Modules.Billing.Domain.Invoice|};

namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public object Create() => {|BND1001:Issue|}(5m);
    }
}");

        [Fact]
        public Task FullyQualifiedName_IsOneSite() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        private readonly {|#0:Shop.Modules.Billing.Domain.Invoice|}? _last;
    }
}", null, Verify.Diagnostic("BND1001").WithLocation(0).WithArguments("Shop.Modules.Billing.Domain.Invoice", "Billing", "Ordering", "Shop.Modules.Billing.Contracts"));

        [Fact]
        public Task GlobalQualifiedName() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public void Handle({|BND1001:global::Shop.Modules.Billing.Domain.Invoice|} invoice) { }
    }
}");

        [Fact]
        public Task Local_Field_Parameter_Return() => Run(@"
using {|BND1001:Shop.Modules.Billing.Domain|};

namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        private {|BND1001:Invoice|}? _field;

        public {|BND1001:Invoice|}? Property { get; set; }

        public {|BND1001:InvoiceStatus|} Status({|BND1001:Invoice|} invoice)
        {
            {|BND1001:Invoice|} local = invoice;
            _field = local;
            return default;
        }
    }
}");

        [Fact]
        public Task GenericArguments() => Run(@"
using System.Collections.Generic;
using {|BND1001:Shop.Modules.Billing.Domain|};

namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        private readonly List<{|BND1001:Invoice|}> _invoices = new List<{|BND1001:Invoice|}>();
        private readonly Dictionary<string, IReadOnlyList<{|BND1001:Shop.Modules.Billing.Domain.InvoiceLine|}>> _lines = new();
    }
}");

        [Fact]
        public Task BaseList() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    public class DiscountedInvoice : {|BND1001:Shop.Modules.Billing.Domain.Invoice|} { }
}");

        [Fact]
        public Task Attribute() => Run(@"
namespace Shop.Modules.Ordering.Domain
{
    [{|BND1001:Shop.Modules.Billing.Domain.Billable|}]
    public class Order { }
}");

        [Fact]
        public Task Typeof_And_Nameof() => Run(@"
using System;

namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public Type Type => typeof({|BND1001:Shop.Modules.Billing.Domain.Invoice|});
        public string Name => nameof({|BND1001:Shop.Modules.Billing.Domain.Invoice|});
    }
}");

        [Fact]
        public Task Casts_And_Patterns() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    using {|BND1001:Shop.Modules.Billing.Domain|};

    public class OrderService
    {
        public decimal Amount(object value)
        {
            if (value is {|BND1001:Invoice|} invoice)
            {
                return invoice.Amount;
            }

            var other = value as {|BND1001:Invoice|};
            return (({|BND1001:Invoice|})value).Amount;
        }
    }
}");

        [Fact]
        public Task ObjectCreation_IsOneSite() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public object Create() => new {|BND1001:Shop.Modules.Billing.Domain.InvoiceLine|}();
    }
}");

        [Fact]
        public Task StaticMemberAccess_ReportsTheTypeOnce() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public object Create() => {|BND1001:Shop.Modules.Billing.Domain.Invoice|}.Issue(1m);
        public decimal Max => {|BND1001:Shop.Modules.Billing.Domain.Invoice|}.MaxAmount;
        public object Status => {|BND1001:Shop.Modules.Billing.Domain.InvoiceStatus|}.Paid;
    }
}");

        [Fact]
        public Task MembersOfAnInternalType_NotReportedOnEveryUse_TheTypeNameIsTheSite() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        private readonly Shop.Modules.Billing.Contracts.IInvoice _contract = null!;

        public void Pay({|BND1001:Shop.Modules.Billing.Application.InvoiceService|} service)
        {
            var invoice = service.Issue(3m);
            invoice.Pay();
            var leaked = _contract.Leak(); // a leak in Billing's contract (BND1004 there): Invoice reaches Ordering unwritten
            leaked.{|BND1001:Pay|}();
            leaked.Pay();
            var id = _contract.Id;
        }
    }
}");

        [Fact]
        public Task ExtensionMethodCall() => Run(@"
using {|BND1001:Shop.Modules.Billing.Domain|};

namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public bool Check(object value) => value is {|BND1001:Invoice|} invoice && invoice.{|BND1001:IsPaid|}();
    }
}");

        [Fact]
        public Task Var_HasNoTypeSyntax_NotReported() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public void Run(System.Func<object> make)
        {
            var made = make();
            foreach (var item in new object[0]) { }
        }
    }
}");

        [Fact]
        public Task PublicContract_NotReported() => Run(@"
using System.Collections.Generic;
using Shop.Modules.Billing.Contracts;

namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public decimal Total(IReadOnlyList<IInvoice> invoices, InvoiceIssued issued) => issued.Amount + invoices[0].Amount;
        public object Make() => new Shop.Modules.Billing.Contracts.InvoiceIssued(System.Guid.Empty, 1m);
    }
}");

        [Fact]
        public Task SameDomain_NotReported() => Run(@"
namespace Shop.Modules.Billing.Api
{
    using Shop.Modules.Billing.Domain;
    using Shop.Modules.Billing.Application;

    public class InvoicesController
    {
        public Invoice Get(InvoiceService service) => service.Issue(1m);
    }
}");

        [Fact]
        public Task HostOutsideDomains_NotReported() => Run(@"
using Shop.Modules.Billing.Application;
using Shop.Modules.Billing.Domain;

namespace Shop.Host
{
    public static class Program
    {
        public static Invoice Wire() => new InvoiceService().Issue(Invoice.MaxAmount);
    }
}");

        [Fact]
        public Task GlobalNamespaceCode_NotReported() => Run(@"
public static class Program
{
    public static Shop.Modules.Billing.Domain.Invoice Wire() => new Shop.Modules.Billing.Application.InvoiceService().Issue(1m);
}");

        [Fact]
        public Task DocCommentCref_NotReported() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    /// <summary>Mirrors <see cref=""Shop.Modules.Billing.Domain.Invoice""/> and <see cref=""Shop.Modules.Billing.Domain.Invoice.Pay""/>.</summary>
    public class OrderService { }
}");

        [Fact]
        public Task BclAndThirdPartyTypes_NotReported() => Run(@"
using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        private readonly Dictionary<Guid, DateTime> _seen = new();
        public void Log(ILogger logger) => logger.LogInformation(""{Count}"", _seen.Count);
    }
}");

        [Fact]
        public Task DomainRootNamespace_IsInternal() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public object Module() => new {|BND1001:Shop.Modules.Billing.BillingOptions|}();
    }
}

namespace Shop.Modules.Billing
{
    public class BillingOptions { }
}");

        [Fact]
        public Task ThirdPartyNamespaceMatchingThePattern_NotReported() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public object Make() => new OrchardCore.Modules.Manifest.ModuleInfo();
    }
}

namespace OrchardCore.Modules.Manifest
{
    public class ModuleInfo { }
}");

        [Fact]
        public Task DomainsFolderConvention() => Verify.VerifyAnalyzerAsync(@"
namespace Acme.Domains.Billing.Invoices
{
    public class Invoice { }
}

namespace Acme.Domains.Billing.PublicApi
{
    public class InvoiceSummary { }
}

namespace Acme.Domains.Shipping.Parcels
{
    public class Parcel
    {
        public {|BND1001:Acme.Domains.Billing.Invoices.Invoice|}? Invoice { get; set; }
        public Acme.Domains.Billing.PublicApi.InvoiceSummary? Summary { get; set; }
    }
}");

        [Fact]
        public Task InterpolatedMessage_NamesTheIntegrationEventsNamespaceWhenThatIsWhatExists()
        {
            var test = new Verify.Test
            {
                TestCode = @"
namespace Shop.Modules.Ordering.Domain
{
    public class Order { }
}

namespace Shop.Modules.Ordering.IntegrationEvents
{
    public record OrderPlaced(int Id);
}

namespace Shop.Modules.Billing.Application
{
    public class Handler
    {
        public void Handle(Shop.Modules.Ordering.IntegrationEvents.OrderPlaced placed, {|#0:Shop.Modules.Ordering.Domain.Order|} order) { }
    }
}",
            };
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("BND1001").WithLocation(0).WithMessage(
                "'Shop.Modules.Ordering.Domain.Order' is internal to domain 'Ordering' and must not be used from domain 'Billing'; use Ordering's public contract in 'Shop.Modules.Ordering.IntegrationEvents'"));
            return test.RunAsync();
        }

        [Fact]
        public Task SeparateProjects_ReferencedModule_WorksLikeOneProject()
        {
            var test = new Verify.Test
            {
                TestCode = @"
using Shop.Modules.Billing.Contracts;
using {|BND1001:Shop.Modules.Billing.Domain|};

namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public IInvoice Contract(object value) => ({|BND1001:Invoice|})value;
        public decimal Paid(IInvoice invoice) => invoice is {|BND1001:Invoice|} internalInvoice && internalInvoice.{|BND1001:IsPaid|}() ? invoice.Amount : 0m;
    }
}",
            };
            test.TestState.Project("Billing").Add("Billing.cs", DomainSources.Billing);
            test.TestState.MainProject.ProjectReferences.Add("Billing");
            return test.RunAsync();
        }

        [Fact]
        public Task SharedNamespaces_Exempt() => Run(@"
namespace Shop.Modules.Kernel.Money
{
    public readonly record struct Amount(decimal Value);
}

namespace Shop.Modules.Ordering.Domain
{
    public class Order
    {
        public Shop.Modules.Kernel.Money.Amount Total { get; set; }
    }
}", "bounded.shared_namespaces = Shop.Modules.Kernel");

        [Fact]
        public Task SharedNamespacesUnset_KernelModuleIsADomain() => Run(@"
namespace Shop.Modules.Kernel.Money
{
    public readonly record struct Amount(decimal Value);
}

namespace Shop.Modules.Ordering.Domain
{
    public class Order
    {
        public {|BND1001:Shop.Modules.Kernel.Money.Amount|} Total { get; set; }
    }
}");

        [Fact]
        public Task DomainPatterns_OneNamespacePerService() => Run(@"
namespace eShop.Catalog.Domain
{
    public class Product { }
}

namespace eShop.Basket.Contracts
{
    public class BasketItem { }
}

namespace eShop.Basket.Application
{
    public class BasketService
    {
        public {|BND1001:eShop.Catalog.Domain.Product|}? Product { get; set; }
        public eShop.Basket.Contracts.BasketItem? Item { get; set; }
    }
}", "bounded.domain_patterns = eShop.{domain}");

        [Fact]
        public Task DomainPatterns_DoubleStarAfterTheDomain() => Run(@"
namespace Acme.Services.Payments.Core.Model
{
    public class Payment { }
}

namespace Acme.Services.Refunds.Core
{
    public class Refund
    {
        public {|BND1001:Acme.Services.Payments.Core.Model.Payment|}? Payment { get; set; }
    }
}

namespace Acme.Tools
{
    public class Tool
    {
        public Acme.Services.Payments.Core.Model.Payment? Payment { get; set; }
    }
}", "bounded.domain_patterns = Acme.Services.{domain}.**");

        [Fact]
        public Task DomainPatterns_ReplaceTheDefaults() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public Shop.Modules.Billing.Domain.Invoice? Invoice { get; set; }
    }
}", "bounded.domain_patterns = eShop.{domain}");

        [Fact]
        public Task PublicNamespaces_Option() => Run(@"
namespace Shop.Modules.Catalog.Api
{
    public class ProductDto { }
}

namespace Shop.Modules.Catalog.Domain
{
    public class Product { }
}

namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public Shop.Modules.Catalog.Api.ProductDto? Dto { get; set; }
        public {|BND1001:Shop.Modules.Catalog.Domain.Product|}? Product { get; set; }
        public {|BND1001:Shop.Modules.Billing.Contracts.IInvoice|}? Invoice { get; set; }
    }
}", "bounded.domain_public_namespaces = Api");

        [Fact]
        public Task MalformedPattern_ReportsBnd0001_AndDefaultsKeepWorking()
        {
            var test = new Verify.Test
            {
                TestCode = @"
namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public {|BND1001:Shop.Modules.Billing.Domain.Invoice|}? Invoice { get; set; }
    }
}",
                EditorConfig = "bounded.domain_patterns = eShop.{domain}.{domain}",
            };
            test.TestState.MainProject.Add("Billing.cs", DomainSources.Billing);
            test.Analyzers.Add(new InvalidOptionAnalyzer());
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("BND0001").WithNoLocation());
            return test.RunAsync();
        }

        [Fact]
        public Task MalformedPublicNamespaces_ReportsBnd0001_AndDefaultsKeepWorking()
        {
            var test = new Verify.Test
            {
                TestCode = @"
namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public {|BND1001:Shop.Modules.Billing.Domain.Invoice|}? Invoice { get; set; }
        public Shop.Modules.Billing.Contracts.IInvoice? Contract { get; set; }
    }
}",
                EditorConfig = "bounded.domain_public_namespaces = Contracts, 1nvalid",
            };
            test.TestState.MainProject.Add("Billing.cs", DomainSources.Billing);
            test.Analyzers.Add(new InvalidOptionAnalyzer());
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("BND0001").WithNoLocation());
            return test.RunAsync();
        }

        [Fact]
        public Task GeneratedCode_NotReported() => Run(@"// <auto-generated/>
namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public Shop.Modules.Billing.Domain.Invoice? Invoice { get; set; }
    }
}");

        [Fact]
        public Task BrokenCode_DoesNotThrow() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public Shop.Modules.Billing.Domain.{|CS0234:Missing|}? Missing { get; set; }
        public {|BND1001:Shop.Modules.Billing.Domain.Invoice|}? Invoice => {|CS0103:unknown|}.Invoice;
    }
}");
    }
}
