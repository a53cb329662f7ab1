using System.Threading.Tasks;
using Bounded.Tests.Verification;
using Xunit;
using Verify = Bounded.Tests.Verification.CSharpCodeFixVerifier<Bounded.Analyzers.Domains.DomainReferenceAnalyzer, Bounded.CodeFixes.Domains.UsePublicContractCodeFix>;

namespace Bounded.Tests.Domains
{
    /// <summary>BND1001 fix — Use the public contract.</summary>
    public class UsePublicContractCodeFixTests
    {
        private static Task Run(string source, string fixedSource, string? billing = null, string? equivalenceKey = null)
        {
            var test = new Verify.Test { TestCode = source, FixedCode = fixedSource, CodeActionEquivalenceKey = equivalenceKey };
            test.TestState.MainProject.Add("Billing.cs", billing ?? DomainSources.Billing);
            return test.RunAsync();
        }

        [Fact]
        public Task Parameter_Return_Field_Property_Local_AndTheUsingGoes() => Run(@"
using System;
using Shop.Modules.Billing.Contracts;
using {|BND1001:Shop.Modules.Billing.Domain|};

namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        private {|BND1001:Invoice|}? _last;

        public {|BND1001:Invoice|}? Last => _last;

        public {|BND1001:Invoice|} Remember({|BND1001:Invoice|} invoice)
        {
            {|BND1001:Invoice|} local = invoice;
            _last = local;
            Console.WriteLine(local.Amount);
            return local;
        }
    }
}", @"
using System;
using Shop.Modules.Billing.Contracts;

namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        private IInvoice? _last;

        public IInvoice? Last => _last;

        public IInvoice Remember(IInvoice invoice)
        {
            IInvoice local = invoice;
            _last = local;
            Console.WriteLine(local.Amount);
            return local;
        }
    }
}");

        [Fact]
        public Task ImportsTheContractNamespace_WhenMissing() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public decimal Amount({|BND1001:Shop.Modules.Billing.Domain.Invoice|} invoice) => invoice.Amount;
    }
}", @"
using Shop.Modules.Billing.Contracts;

namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public decimal Amount(IInvoice invoice) => invoice.Amount;
    }
}");

        [Fact]
        public Task GenericArgument_OfADeclaredType() => Run(@"
using System.Collections.Generic;
using System.Linq;
using Shop.Modules.Billing.Contracts;

namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public decimal Total(IEnumerable<{|BND1001:Shop.Modules.Billing.Domain.Invoice|}> invoices) => invoices.Sum(i => i.Amount);
    }
}", @"
using System.Collections.Generic;
using System.Linq;
using Shop.Modules.Billing.Contracts;

namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public decimal Total(IEnumerable<IInvoice> invoices) => invoices.Sum(i => i.Amount);
    }
}");

        [Fact]
        public Task UsingStaysWhileOtherSitesNeedIt_NewHasNoFix() => Run(@"
using Shop.Modules.Billing.Contracts;
using {|BND1001:Shop.Modules.Billing.Domain|};

namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public IInvoice Create()
        {
            {|BND1001:Invoice|} invoice = new {|BND1001:Invoice|}();
            return invoice;
        }
    }
}", @"
using Shop.Modules.Billing.Contracts;
using {|BND1001:Shop.Modules.Billing.Domain|};

namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public IInvoice Create()
        {
            IInvoice invoice = new {|BND1001:Invoice|}();
            return invoice;
        }
    }
}");

        [Fact]
        public Task NotOffered_WhenTheCodeUsesMembersTheContractLacks() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public void Settle({|BND1001:Shop.Modules.Billing.Domain.Invoice|} invoice) => invoice.Pay();
    }
}", @"
namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public void Settle({|BND1001:Shop.Modules.Billing.Domain.Invoice|} invoice) => invoice.Pay();
    }
}");

        [Fact]
        public Task NotOffered_AtTypeofCastBaseListOrStaticAccess() => Run(@"
using System;

namespace Shop.Modules.Ordering.Application
{
    public class Special : {|BND1001:Shop.Modules.Billing.Domain.Invoice|}
    {
        public Type Type => typeof({|BND1001:Shop.Modules.Billing.Domain.Invoice|});
        public object Cast(object o) => ({|BND1001:Shop.Modules.Billing.Domain.Invoice|})o;
        public object Issue() => {|BND1001:Shop.Modules.Billing.Domain.Invoice|}.Issue(1m);
    }
}", @"
using System;

namespace Shop.Modules.Ordering.Application
{
    public class Special : {|BND1001:Shop.Modules.Billing.Domain.Invoice|}
    {
        public Type Type => typeof({|BND1001:Shop.Modules.Billing.Domain.Invoice|});
        public object Cast(object o) => ({|BND1001:Shop.Modules.Billing.Domain.Invoice|})o;
        public object Issue() => {|BND1001:Shop.Modules.Billing.Domain.Invoice|}.Issue(1m);
    }
}");

        [Fact]
        public Task NoContract_NoFix() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public decimal Amount({|BND1001:Shop.Modules.Billing.Domain.InvoiceLine|} line) => line.Amount;
    }
}", @"
namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public decimal Amount({|BND1001:Shop.Modules.Billing.Domain.InvoiceLine|} line) => line.Amount;
    }
}");

        [Fact]
        public Task BaseTypeInTheContractNamespace() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public string Describe({|BND1001:Shop.Modules.Billing.Domain.CardPayment|} payment) => payment.Reference;
    }
}", @"
using Shop.Modules.Billing.Contracts;

namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public string Describe(Payment payment) => payment.Reference;
    }
}", @"
namespace Shop.Modules.Billing.Contracts
{
    public abstract class Payment { public string Reference { get; set; } = """"; }
}

namespace Shop.Modules.Billing.Domain
{
    public sealed class CardPayment : Shop.Modules.Billing.Contracts.Payment { public string Card { get; set; } = """"; }
}");

        [Fact]
        public Task SharedKernelInterface() => new Verify.Test
        {
            TestCode = @"
namespace Shop.Kernel
{
    public interface IHasId { int Id { get; } }
}

namespace Shop.Modules.Billing.Domain
{
    public class Refund : Shop.Kernel.IHasId { public int Id { get; set; } }
}

namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public int Id({|BND1001:Shop.Modules.Billing.Domain.Refund|} refund) => refund.Id;
    }
}",
            FixedCode = @"
using Shop.Kernel;

namespace Shop.Kernel
{
    public interface IHasId { int Id { get; } }
}

namespace Shop.Modules.Billing.Domain
{
    public class Refund : Shop.Kernel.IHasId { public int Id { get; set; } }
}

namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public int Id(IHasId refund) => refund.Id;
    }
}",
            EditorConfig = "bounded.shared_namespaces = Shop.Kernel",
        }.RunAsync();

        [Fact]
        public Task AcrossProjects_ModuleReferencedAsAProject()
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
        public decimal Amount({|BND1001:Invoice|} invoice) => invoice.Amount;
    }
}",
                FixedCode = @"
using Shop.Modules.Billing.Contracts;

namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public decimal Amount(IInvoice invoice) => invoice.Amount;
    }
}",
            };
            test.TestState.Project("Billing").Add("Billing.cs", DomainSources.Billing);
            test.TestState.MainProject.ProjectReferences.Add("Billing");
            test.FixedState.Project("Billing").Add("Billing.cs", DomainSources.Billing);
            test.FixedState.MainProject.ProjectReferences.Add("Billing");
            return test.RunAsync();
        }

        [Fact]
        public Task FixAll_SeveralDocuments()
        {
            const string second = @"
using {|BND1001:Shop.Modules.Billing.Domain|};

namespace Shop.Modules.Ordering.Api
{
    public class Endpoint
    {
        public System.Guid Id({|BND1001:Invoice|} invoice) => invoice.Id;
    }
}";
            const string secondFixed = @"
using Shop.Modules.Billing.Contracts;

namespace Shop.Modules.Ordering.Api
{
    public class Endpoint
    {
        public System.Guid Id(IInvoice invoice) => invoice.Id;
    }
}";
            var test = new Verify.Test
            {
                TestCode = @"
namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public decimal Amount({|BND1001:Shop.Modules.Billing.Domain.Invoice|} invoice) => invoice.Amount;
    }
}",
                FixedCode = @"
using Shop.Modules.Billing.Contracts;

namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public decimal Amount(IInvoice invoice) => invoice.Amount;
    }
}",
            };
            test.TestState.MainProject.Add("Billing.cs", DomainSources.Billing);
            test.TestState.MainProject.Add("Endpoint.cs", second);
            test.FixedState.MainProject.Add("Billing.cs", DomainSources.Billing);
            test.FixedState.MainProject.Add("Endpoint.cs", secondFixed);
            return test.RunAsync();
        }
    

        [Fact]
        public Task ArrayAndNullable_OfADeclaredType() => Run(@"
using Shop.Modules.Billing.Contracts;

namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public decimal First({|BND1001:Shop.Modules.Billing.Domain.Invoice|}[] invoices, {|BND1001:Shop.Modules.Billing.Domain.Invoice|}? fallback) => invoices.Length > 0 ? invoices[0].Amount : fallback?.Amount ?? 0m;
    }
}", @"
using Shop.Modules.Billing.Contracts;

namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public decimal First(IInvoice[] invoices, IInvoice? fallback) => invoices.Length > 0 ? invoices[0].Amount : fallback?.Amount ?? 0m;
    }
}");

        [Fact]
        public Task UsingStillNeededByADocCommentCref_IsKept() => Run(@"
using Shop.Modules.Billing.Contracts;
using {|BND1001:Shop.Modules.Billing.Domain|};

namespace Shop.Modules.Ordering.Application
{
    /// <summary>Reads amounts, as <see cref=""InvoiceStatus""/> documents.</summary>
    public class OrderService
    {
        public decimal Amount({|BND1001:Invoice|} invoice) => invoice.Amount;
    }
}", @"
using Shop.Modules.Billing.Contracts;
using {|BND1001:Shop.Modules.Billing.Domain|};

namespace Shop.Modules.Ordering.Application
{
    /// <summary>Reads amounts, as <see cref=""InvoiceStatus""/> documents.</summary>
    public class OrderService
    {
        public decimal Amount(IInvoice invoice) => invoice.Amount;
    }
}");
    }
}
