using System.Threading.Tasks;
using Bounded.Tests.Verification;
using Xunit;
using Verify = Bounded.Tests.Verification.CSharpAnalyzerVerifier<Bounded.Analyzers.Domains.PublicContractLeakAnalyzer>;

namespace Bounded.Tests.Domains
{
    /// <summary>BND1004 — A public contract exposes an internal type.</summary>
    public class PublicContractLeakTests
    {
        /// <summary>Billing's internals, a shared kernel and another domain, for the contracts under test to name.</summary>
        private const string Internals = @"
namespace Shop.Modules.Billing.Domain
{
    public class Invoice { public decimal Total { get; set; } }
    public class InvoiceLine { }
    public interface IInvoiceRule { }
    public delegate void InvoiceHandler(Invoice invoice);
}

namespace Shop.Modules.Ordering.Domain
{
    public class Order { }
}

namespace Shop.Modules.Common.Money
{
    public readonly record struct Amount(decimal Value);
}

namespace Shop.Kernel
{
    public class Clock { }
}
";

        private static Task Run(string contract, string? editorConfig = null, params DiagnosticResult[] expected)
        {
            var test = new Verify.Test { TestCode = contract, EditorConfig = editorConfig };
            test.TestState.MainProject.Add("Internals.cs", Internals);
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        [Fact]
        public Task ReturnType() => Run(@"
namespace Shop.Modules.Billing.Contracts
{
    public interface IInvoiceLookup
    {
        {|#0:Shop.Modules.Billing.Domain.Invoice|} Find(int id);
    }
}", null, Verify.Diagnostic("BND1004").WithLocation(0)
            .WithMessage("Public contract member 'IInvoiceLookup.Find(int)' exposes 'Shop.Modules.Billing.Domain.Invoice', which is internal to domain 'Billing'; expose a type from 'Shop.Modules.Billing.Contracts' or a shared namespace instead"));

        [Fact]
        public Task ParameterType() => Run(@"
using Shop.Modules.Billing.Domain;

namespace Shop.Modules.Billing.Contracts
{
    public class InvoiceApi
    {
        public void Pay({|BND1004:Invoice|} invoice, int amount) { }
    }
}");

        [Fact]
        public Task PropertyAndFieldTypes() => Run(@"
using Shop.Modules.Billing.Domain;

namespace Shop.Modules.Billing.Contracts
{
    public class InvoiceView
    {
        public {|BND1004:Invoice|}? Invoice { get; set; }
        public {|BND1004:InvoiceLine|}[] Lines = new InvoiceLine[0];
    }
}");

        [Fact]
        public Task GenericArgument() => Run(@"
using System.Collections.Generic;
using System.Threading.Tasks;
using Shop.Modules.Billing.Domain;

namespace Shop.Modules.Billing.Contracts
{
    public interface IInvoiceQueries
    {
        Task<IReadOnlyList<{|BND1004:Invoice|}>> ListAsync();
        Dictionary<int, ({|BND1004:InvoiceLine|} Line, int Count)> Lines { get; }
    }
}");

        [Fact]
        public Task BaseTypeAndInterface() => Run(@"
namespace Shop.Modules.Billing.Contracts
{
    public class InvoiceDto : {|BND1004:Shop.Modules.Billing.Domain.Invoice|}, {|BND1004:Shop.Modules.Billing.Domain.IInvoiceRule|} { }
}");

        [Fact]
        public Task Constraint() => Run(@"
namespace Shop.Modules.Billing.Contracts
{
    public interface IRuleRunner<TRule> where TRule : {|BND1004:Shop.Modules.Billing.Domain.IInvoiceRule|}
    {
        void Run<T>(T rule) where T : {|BND1004:Shop.Modules.Billing.Domain.IInvoiceRule|};
    }
}");

        [Fact]
        public Task EventType() => Run(@"
namespace Shop.Modules.Billing.Contracts
{
    public class InvoiceNotifications
    {
        public event {|BND1004:Shop.Modules.Billing.Domain.InvoiceHandler|}? Issued;
        public void Raise() => Issued?.Invoke(new Shop.Modules.Billing.Domain.Invoice());
    }
}");

        [Fact]
        public Task RecordPositionalParameter_OneDiagnostic() => Run(@"
namespace Shop.Modules.Billing.Contracts
{
    public sealed record InvoiceIssued(int Id, {|BND1004:Shop.Modules.Billing.Domain.Invoice|} Invoice);
}");

        [Fact]
        public Task DelegateSignature() => Run(@"
namespace Shop.Modules.Billing.Contracts
{
    public delegate {|BND1004:Shop.Modules.Billing.Domain.Invoice|} InvoiceFactory(int id);
}");

        [Fact]
        public Task ProtectedMember() => Run(@"
namespace Shop.Modules.Billing.Contracts
{
    public abstract class InvoiceHandlerBase
    {
        protected abstract void Handle({|BND1004:Shop.Modules.Billing.Domain.Invoice|} invoice);
    }
}");

        [Fact]
        public Task NestedPublicType() => Run(@"
namespace Shop.Modules.Billing.Contracts
{
    public static class InvoiceMessages
    {
        public sealed class Issued { public {|BND1004:Shop.Modules.Billing.Domain.Invoice|}? Invoice { get; init; } }
    }
}");

        [Fact]
        public Task IntegrationEventsNamespace() => Run(@"
namespace Shop.Modules.Billing.IntegrationEvents
{
    public sealed class InvoicePaid { public {|BND1004:Shop.Modules.Billing.Domain.Invoice|}? Invoice { get; init; } }
}");

        [Fact]
        public Task PrivateAndInternalMembers_NotReported() => Run(@"
namespace Shop.Modules.Billing.Contracts
{
    public class InvoiceApi
    {
        private Shop.Modules.Billing.Domain.Invoice? _invoice;
        internal Shop.Modules.Billing.Domain.Invoice? Current => _invoice;
        private protected void Set(Shop.Modules.Billing.Domain.Invoice invoice) => _invoice = invoice;
        public decimal Total() { Shop.Modules.Billing.Domain.Invoice local = _invoice ?? new(); return local.Total; }
    }
}");

        [Fact]
        public Task ExplicitInterfaceImplementation_NotReported() => Run(@"
namespace Shop.Modules.Billing.Domain
{
    public interface IInvoiceSource { Invoice Get(); }
}

namespace Shop.Modules.Billing.Contracts
{
    public class InvoiceApi : {|BND1004:Shop.Modules.Billing.Domain.IInvoiceSource|}
    {
        Shop.Modules.Billing.Domain.Invoice Shop.Modules.Billing.Domain.IInvoiceSource.Get() => new();
    }
}");

        [Fact]
        public Task InternalContractType_NotReported() => Run(@"
namespace Shop.Modules.Billing.Contracts
{
    internal class InvoiceMapper
    {
        public Shop.Modules.Billing.Domain.Invoice Map(int id) => new();
    }

    public class Outer
    {
        private sealed class Hidden { public Shop.Modules.Billing.Domain.Invoice? Invoice { get; set; } }
    }
}");

        [Fact]
        public Task AnotherDomainsInternalType_NotReported_ThatIsBnd1001() => Run(@"
namespace Shop.Modules.Billing.Contracts
{
    public interface IOrderLink { Shop.Modules.Ordering.Domain.Order Order { get; } }
}");

        [Fact]
        public Task SharedKernelTypes_NotReported() => Run(@"
namespace Shop.Modules.Billing.Contracts
{
    public sealed record InvoiceTotal(Shop.Modules.Common.Money.Amount Amount, Shop.Kernel.Clock Clock);
}", "bounded.shared_namespaces = Shop.Kernel");

        [Fact]
        public Task OwnContractTypes_AndFrameworkTypes_NotReported() => Run(@"
using System;
using System.Collections.Generic;

namespace Shop.Modules.Billing.Contracts
{
    public sealed record InvoiceDto(Guid Id, decimal Amount);

    public interface IInvoiceLookup
    {
        InvoiceDto? Find(Guid id);
        IReadOnlyList<InvoiceDto> List();
    }
}");

        [Fact]
        public Task InternalNamespaceOfTheDomain_NotAContract_NotReported() => Run(@"
namespace Shop.Modules.Billing.Application
{
    public interface IInvoiceLookup { Shop.Modules.Billing.Domain.Invoice Find(int id); }
}");

        [Fact]
        public Task CodeOutsideDomains_NotReported() => Run(@"
namespace Shop.Api.Contracts
{
    public interface IInvoiceLookup { Shop.Modules.Billing.Domain.Invoice Find(int id); }
}");

        [Fact]
        public Task ErrorTypes_NotReported() => Run(@"
namespace Shop.Modules.Billing.Contracts
{
    public interface IInvoiceLookup { Shop.Modules.Billing.Domain.{|CS0234:Missing|} Find(int id); {|CS0246:Unknown|} Get(); }
}");
    }
}
