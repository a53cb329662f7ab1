using System.Threading.Tasks;
using Xunit;
using Verify = Bounded.Tests.Verification.CSharpAnalyzerVerifier<Bounded.Analyzers.Domains.DomainReferenceAnalyzer>;

namespace Bounded.Tests.Domains
{
    /// <summary>
    /// BND1001 at every kind of site the analyzer's cheap screens (declared symbols, operation trees)
    /// must flag for the precise walk: each test names one place a type can be spelled.
    /// </summary>
    public class CrossDomainSiteCoverageTests
    {
        private static Task Run(string ordering)
        {
            var test = new Verify.Test { TestCode = ordering };
            test.TestState.MainProject.Add("Billing.cs", DomainSources.Billing);
            return test.RunAsync();
        }

        [Fact]
        public Task ParameterAttribute_And_ReturnAttribute() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    [System.AttributeUsage(System.AttributeTargets.All)]
    public sealed class TagAttribute : System.Attribute { public TagAttribute(object value) { } }

    public class OrderService
    {
        [return: Tag({|BND1001:Shop.Modules.Billing.Domain.InvoiceStatus|}.Paid)]
        public int Handle([Tag(typeof({|BND1001:Shop.Modules.Billing.Domain.Invoice|}))] int id) => id;
    }
}");

        [Fact]
        public Task AttributeOnALambdaParameter_And_ALocalFunction() => Run(@"
using System;

namespace Shop.Modules.Ordering.Application
{
    [AttributeUsage(AttributeTargets.All)]
    public sealed class TagAttribute : Attribute { public TagAttribute(object value) { } }

    public class OrderEndpoints
    {
        public Func<int, int> Map()
        {
            [Tag({|BND1001:Shop.Modules.Billing.Domain.InvoiceStatus|}.Open)]
            static int Local(int x) => x;

            return ([Tag({|BND1001:Shop.Modules.Billing.Domain.InvoiceStatus|}.Paid)] int id) => Local(id);
        }
    }
}");

        [Fact]
        public Task Nameof_TypeAndMethodGroup() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public string A() => nameof({|BND1001:Shop.Modules.Billing.Domain.Invoice|});
        public string B() => nameof({|BND1001:Shop.Modules.Billing.Domain.Invoice|}.Pay);
    }
}");

        [Fact]
        public Task PrimaryConstructorParameter_And_BaseArguments() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    public record OrderBase(decimal Amount);

    public record OrderPlaced({|BND1001:Shop.Modules.Billing.Domain.Invoice|} Invoice)
        : OrderBase({|BND1001:Shop.Modules.Billing.Domain.Invoice|}.MaxAmount);

    public class Handler({|BND1001:Shop.Modules.Billing.Domain.InvoiceLine|} line)
    {
        public decimal Amount => line.Amount;
    }
}");

        [Fact]
        public Task FieldWithSeveralDeclarators_IsOneSite() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        private {|BND1001:Shop.Modules.Billing.Domain.Invoice|}? _first, _second;
        public bool Both => _first != null && _second != null;
    }
}");

        [Fact]
        public Task PartialClass_EachPartsBaseList() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    public partial class OrderInvoice : {|BND1001:Shop.Modules.Billing.Domain.Invoice|} { }

    public partial class OrderInvoice : System.IDisposable
    {
        public void Dispose() { }
    }
}");

        [Fact]
        public Task ExplicitInterfaceImplementation_And_Constraint_And_Delegate() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    public interface IHasInvoice { {|BND1001:Shop.Modules.Billing.Domain.Invoice|}? Invoice { get; } }

    public delegate void InvoiceHandler({|BND1001:Shop.Modules.Billing.Domain.Invoice|} invoice);

    public class Holder<T> where T : {|BND1001:Shop.Modules.Billing.Domain.Invoice|}
    {
    }
}");

        // Each site in a body of its own: one site alone must make the screen flag its block.
        [Fact]
        public Task CatchClause_ForeachVariable_QuerySyntax_DefaultOf() => Run(@"
using System.Collections;
using System.Linq;

namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public decimal Foreach(IEnumerable items)
        {
            decimal total = 0;
            foreach ({|BND1001:Shop.Modules.Billing.Domain.InvoiceLine|} line in items)
            {
                total += 1;
            }

            return total;
        }

        public int Query(IEnumerable items) => (from {|BND1001:Shop.Modules.Billing.Domain.InvoiceLine|} line in items select 1).Count();

        public int Catch()
        {
            try
            {
                return 1;
            }
            catch ({|BND1001:Shop.Modules.Billing.Domain.InvoiceException|})
            {
                return 0;
            }
        }

        public bool Default() => default({|BND1001:Shop.Modules.Billing.Domain.InvoiceStatus|}) == 0;
    }
}");

        [Fact]
        public Task GenericMethodArgument_And_PropertyPatternConstant() => Run(@"
using System.Collections.Generic;
using System.Linq;

namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public int Count(IEnumerable<object> items) => items.OfType<{|BND1001:Shop.Modules.Billing.Domain.InvoiceLine|}>().Count();

        public bool IsPaid(Shop.Modules.Billing.Contracts.IInvoice invoice) =>
            invoice is {|BND1001:Shop.Modules.Billing.Domain.Invoice|} { Status: {|BND1001:Shop.Modules.Billing.Domain.InvoiceStatus|}.Paid };
    }
}");

        [Fact]
        public Task LambdaWithExplicitParameterType() => Run(@"
using System;

namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public Func<{|BND1001:Shop.Modules.Billing.Domain.Invoice|}, decimal> Amount() => ({|BND1001:Shop.Modules.Billing.Domain.Invoice|} invoice) => invoice.Amount;
    }
}");

        [Fact]
        public Task InitializersAndDefaultValues() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    public enum Limit { Max = (int){|BND1001:Shop.Modules.Billing.Domain.Invoice|}.MaxAmount }

    public class OrderService
    {
        private readonly decimal _max = {|BND1001:Shop.Modules.Billing.Domain.Invoice|}.MaxAmount;
        public decimal Cap { get; } = {|BND1001:Shop.Modules.Billing.Domain.Invoice|}.MaxAmount;
        public decimal Clamp(decimal value = {|BND1001:Shop.Modules.Billing.Domain.Invoice|}.MaxAmount) => value > _max ? _max : value;
    }
}");

        [Fact]
        public Task LocalWithoutInitializer_And_OutVariable()
        {
            return Run(@"
namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public int Local()
        {
            {|BND1001:Shop.Modules.Billing.Domain.InvoiceLine|}? line;
            line = null;
            return 1;
        }

        public bool Out() => Find(out {|BND1001:Shop.Modules.Billing.Domain.InvoiceStatus|} status);

        private static bool Find<T>(out T value)
        {
            value = default!;
            return true;
        }
    }
}");
        }

        [Fact]
        public Task BrokenCode_TypeBeforeAMissingMember() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        public object Broken() => {|BND1001:Shop.Modules.Billing.Domain.Invoice|}.{|CS0117:Missing|}();
    }
}");

        [Fact]
        public Task UsingDirective_RelativeToTheEnclosingNamespace() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    using {|BND1001:Billing.Domain|};
    using {|BND1001:global::Shop.Modules.Billing.Application|};
    using Contracts = Billing.Contracts;

    public class OrderService
    {
        public Contracts.IInvoice? Invoice { get; set; }
    }
}");

        [Fact]
        public Task NestedTypes_EachSiteOnce() => Run(@"
namespace Shop.Modules.Ordering.Application
{
    public class Outer
    {
        private {|BND1001:Shop.Modules.Billing.Domain.Invoice|}? _invoice;

        public bool HasInvoice => _invoice != null;

        public class Inner : {|BND1001:Shop.Modules.Billing.Domain.InvoiceLine|}
        {
            public {|BND1001:Shop.Modules.Billing.Domain.InvoiceStatus|} Status { get; set; }

            public object Make() => new {|BND1001:Shop.Modules.Billing.Domain.InvoiceLine|}();

            public class Innermost
            {
                public int Clean() => 1;
            }
        }
    }
}");

        [Fact]
        public Task CleanCodeInsideADomain_NotReported() => Run(@"
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Shop.Modules.Billing.Contracts;

namespace Shop.Modules.Ordering.Application
{
    public class OrderService
    {
        private readonly List<IInvoice> _invoices = new();

        public async Task<decimal> TotalAsync(Func<Guid, Task<IInvoice>> load, IEnumerable<Guid> ids)
        {
            foreach (var id in ids)
            {
                _invoices.Add(await load(id));
            }

            var issued = _invoices.Select(i => new InvoiceIssued(i.Id, i.Amount)).ToList();
            return issued.Sum(e => e.Amount) + nameof(TotalAsync).Length;
        }
    }
}");
    }
}
