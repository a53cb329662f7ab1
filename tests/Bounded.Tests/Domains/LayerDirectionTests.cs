using System.Threading.Tasks;
using Bounded.Analyzers.Configuration;
using Bounded.Tests.Verification;
using Xunit;
using Verify = Bounded.Tests.Verification.CSharpAnalyzerVerifier<Bounded.Analyzers.Domains.DomainReferenceAnalyzer>;

namespace Bounded.Tests.Domains
{
    /// <summary>BND1002 — Respect layer direction.</summary>
    public class LayerDirectionTests
    {
        private const string Ordering = @"
namespace Shop.Modules.Ordering.Domain
{
    public class Order { public int Id { get; set; } }
}

namespace Shop.Modules.Ordering.Application
{
    public class OrderService { public Shop.Modules.Ordering.Domain.Order Get() => new Shop.Modules.Ordering.Domain.Order(); }
}

namespace Shop.Modules.Ordering.Infrastructure
{
    public class OrderRepository { public static OrderRepository Instance { get; } = new(); public void Save(object order) { } }
}

namespace Shop.Modules.Ordering.Api
{
    public class OrdersEndpoint { }
}
";

        private static Task Run(string source, string? editorConfig = null, params DiagnosticResult[] expected)
        {
            var test = new Verify.Test { TestCode = source, EditorConfig = editorConfig };
            test.TestState.MainProject.Add("Ordering.cs", Ordering);
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        [Fact]
        public Task DomainToInfrastructure_InOneDomain() => Run(@"
namespace Shop.Modules.Ordering.Domain
{
    public class OrderPolicy
    {
        public void Apply({|#0:Shop.Modules.Ordering.Infrastructure.OrderRepository|} repository) { }
    }
}", null, Verify.Diagnostic("BND1002").WithLocation(0).WithMessage(
            "The Domain layer must not reference 'Shop.Modules.Ordering.Infrastructure.OrderRepository' of the Infrastructure layer; a layer may only reference layers to its left in 'Domain < Application < Infrastructure < Api|Web|Presentation|Endpoints|Controllers'"));

        [Fact]
        public Task ApplicationToApi_UsingDirective() => Run(@"
using {|BND1002:Shop.Modules.Ordering.Api|};

namespace Shop.Modules.Ordering.Application
{
    public class Mapper { }
}");

        [Fact]
        public Task DomainToApplication_StaticAccessAndCreation() => Run(@"
namespace Shop.Modules.Ordering.Domain
{
    public class OrderPolicy
    {
        public void Apply()
        {
            {|BND1002:Shop.Modules.Ordering.Infrastructure.OrderRepository|}.Instance.Save(this);
            var repository = {|BND1002:Shop.Modules.Ordering.Infrastructure.OrderRepository|}.Instance;
            repository.Save(this);
            var service = new {|BND1002:Shop.Modules.Ordering.Application.OrderService|}();
            service.Get();
        }
    }
}");

        [Fact]
        public Task LeftwardReferences_NotReported() => Run(@"
using Shop.Modules.Ordering.Application;
using Shop.Modules.Ordering.Domain;
using Shop.Modules.Ordering.Infrastructure;

namespace Shop.Modules.Ordering.Api
{
    public class OrdersController
    {
        public Order Get(OrderService service, OrderRepository repository) => service.Get();
    }
}");

        [Fact]
        public Task SameLayer_NotReported() => Run(@"
namespace Shop.Modules.Ordering.Domain.Pricing
{
    public class PriceRule { public Shop.Modules.Ordering.Domain.Order? Order { get; set; } }
}");

        [Fact]
        public Task OutsideDomains_LayersOfOneCodeBase() => Verify.VerifyAnalyzerAsync(@"
namespace MyApp.Infrastructure.Persistence
{
    public class SqlStore { }
}

namespace MyApp.Domain.Orders
{
    public class Order
    {
        public {|BND1002:MyApp.Infrastructure.Persistence.SqlStore|}? Store { get; set; }
    }
}

namespace MyApp.Web.Controllers
{
    public class OrdersController
    {
        public MyApp.Domain.Orders.Order? Order { get; set; }
        public MyApp.Infrastructure.Persistence.SqlStore? Store { get; set; }
    }
}");

        [Fact]
        public Task OutsideDomains_OtherCodeBasesLayerNames_NotReported() => Verify.VerifyAnalyzerAsync(@"
namespace Vendor.Web.Helpers
{
    public static class Html { public static string Encode(string s) => s; }
}

namespace MyApp.Domain.Orders
{
    public class Order
    {
        public string Name => Vendor.Web.Helpers.Html.Encode(System.Web.HttpUtility.HtmlEncode(""x""));
    }
}");

        [Fact]
        public Task CrossDomainLayers_AreBnd1001sBusiness_NotBnd1002() => Run(@"
namespace Shop.Modules.Billing.Domain
{
    public class Invoice
    {
        public Shop.Modules.Ordering.IntegrationEvents.OrderPlaced? Source { get; set; }
    }
}

namespace Shop.Modules.Ordering.IntegrationEvents
{
    public record OrderPlaced(int Id);
}");

        [Fact]
        public Task DomainCodeUsingALayeredSharedKernelOutsideDomains_NotReported() => Run(@"
namespace Shop.BuildingBlocks.Infrastructure
{
    public abstract class Repository { }
}

namespace Shop.Modules.Ordering.Domain
{
    public class Order2 : Shop.BuildingBlocks.Infrastructure.Repository { }
}");

        [Fact]
        public Task PublicContractsHaveNoLayer_NotReported() => Run(@"
namespace Shop.Modules.Ordering.Contracts
{
    public record OrderDto(int Id);
}

namespace Shop.Modules.Ordering.Domain
{
    public class OrderFactory { public Order From(Shop.Modules.Ordering.Contracts.OrderDto dto) => new Order { Id = dto.Id }; }
}");

        [Fact]
        public Task LayersOption_CustomNamesAndAliases() => Run(@"
namespace Shop.Modules.Ordering.Core
{
    public class Rules
    {
        public {|BND1002:Shop.Modules.Ordering.Adapters.Db|}? Db { get; set; }
        public Shop.Modules.Ordering.Infrastructure.OrderRepository? NotALayerNow { get; set; }
    }
}

namespace Shop.Modules.Ordering.Adapters
{
    public class Db { public Shop.Modules.Ordering.Core.Rules? Rules { get; set; } }
}", "bounded.layers = Core < Adapters|Infra");

        [Fact]
        public Task MalformedLayers_ReportsBnd0001_AndDefaultsKeepWorking()
        {
            var test = new Verify.Test
            {
                TestCode = @"
namespace Shop.Modules.Ordering.Domain
{
    public class OrderPolicy { public {|BND1002:Shop.Modules.Ordering.Infrastructure.OrderRepository|}? Repository { get; set; } }
}",
                EditorConfig = "bounded.layers = Domain < < Api",
            };
            test.TestState.MainProject.Add("Ordering.cs", Ordering);
            test.Analyzers.Add(new InvalidOptionAnalyzer());
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("BND0001").WithNoLocation());
            return test.RunAsync();
        }

        [Fact]
        public Task SharedNamespace_Exempt() => Run(@"
namespace Shop.Modules.Ordering.Domain
{
    public class OrderPolicy { public Shop.Modules.Ordering.Infrastructure.OrderRepository? Repository { get; set; } }
}", "bounded.shared_namespaces = Shop.Modules.Ordering.Infrastructure");

        [Fact]
        public Task LayerInAProjectOfItsOwn()
        {
            var test = new Verify.Test
            {
                TestCode = @"
using {|BND1002:Shop.Modules.Ordering.Infrastructure|};

namespace Shop.Modules.Ordering.Domain
{
    public class OrderPolicy { public {|BND1002:OrderRepository|}? Repository { get; set; } }
}",
            };
            test.TestState.Project("Ordering.Infrastructure").Add("Ordering.cs", Ordering);
            test.TestState.MainProject.ProjectReferences.Add("Ordering.Infrastructure");
            return test.RunAsync();
        }
    }
}
