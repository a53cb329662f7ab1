using System.Threading.Tasks;
using Bounded.Analyzers.Api;
using Bounded.Tests.Verification;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = Bounded.Tests.Verification.CSharpAnalyzerVerifier<Bounded.Analyzers.Api.EntityBoundFromRequestAnalyzer>;

namespace Bounded.Tests.Api
{
    /// <summary>BND2002 — Do not bind domain entities from requests.</summary>
    public class EntityBoundFromRequestAnalyzerTests
    {
        private const string Usings = @"using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Shop.Domain;
";

        private static Task Run(string source, params DiagnosticResult[] expected) =>
            ApiTestCode.Run<EntityBoundFromRequestAnalyzer>(Usings + source, expected);

        [Fact]
        public Task Action_FromBodyEntity() =>
            Run(@"
namespace Shop.Api
{
    [ApiController]
    public class OrdersController : ControllerBase
    {
        [HttpPost]
        public IActionResult Create([FromBody] {|#0:Order|} order) => NoContent();
    }
}",
                Verify.Diagnostic().WithLocation(0).WithArguments("Order", "order"));

        [Fact]
        public Task Action_ImplicitBodyBinding() =>
            Run(@"
namespace Shop.Api
{
    [ApiController]
    public class CustomersController : ControllerBase
    {
        [HttpPut(""{id}"")]
        public IActionResult Update(int id, [|Customer|] customer) => NoContent();
    }
}");

        [Fact]
        public Task Action_ListOfEntities() =>
            Run(@"
namespace Shop.Api
{
    public class OrdersController : ControllerBase
    {
        [HttpPost(""batch"")]
        public IActionResult Import([|List<Order>|] orders) => NoContent();
    }
}");

        [Fact]
        public Task Minimal_LambdaParameter() =>
            Run(@"
namespace Shop.Api
{
    public static class Endpoints
    {
        public static void Map(WebApplication app)
        {
            app.MapPost(""/orders"", ([|Order|] order) => Results.NoContent());
            app.MapGroup(""/v2"").MapPut(""/customers"", ([FromBody] [|Customer|] customer) => Results.NoContent());
        }
    }
}");

        [Fact]
        public Task Minimal_MethodGroupParameter_ReportedOnce() =>
            Run(@"
namespace Shop.Api
{
    public static class Endpoints
    {
        public static void Map(WebApplication app)
        {
            app.MapPost(""/orders"", Create);
            app.MapPost(""/v2/orders"", Create);
        }

        private static IResult Create([|Order|] order) => Results.NoContent();
    }
}");

        [Fact]
        public Task FromServices_AsParameters_Exempt() =>
            Run(@"
namespace Shop.Api
{
    public sealed class OrderQuery
    {
        public int Page { get; set; }
    }

    public static class Endpoints
    {
        public static void Map(WebApplication app)
        {
            app.MapGet(""/orders"", ([AsParameters] OrderQuery query, [FromServices] Order current) => Results.NoContent());
        }
    }

    public class OrdersController : ControllerBase
    {
        [HttpGet]
        public IActionResult Get([FromServices] Customer current, OrderStatus status, int id) => NoContent();
    }
}");

        [Fact]
        public Task ServiceParameters_SameDecisionAsBnd2003_NotReported() =>
            Run(@"using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Shop.Api
{
    public class ShopContext : DbContext
    {
        public DbSet<Order> Orders => Set<Order>();
    }

    public class OrderServices(ShopContext context, IOrderRepository orders)
    {
        public ShopContext Context { get; } = context;
        public IOrderRepository Orders { get; } = orders;
    }

    public static class Endpoints
    {
        public static void Map(WebApplication app)
        {
            app.MapGet(""/orders"", (ShopContext db, IOrderRepository orders, [AsParameters] OrderServices services, [FromKeyedServices(""main"")] Order current) => Results.NoContent());
            app.MapPost(""/orders"", ([|IEnumerable<Order>|] orders, ShopContext db) => Results.NoContent());
        }
    }
}");

        [Fact]
        public Task DomainServiceWithoutData_IsNotAnEntity() =>
            Run(@"
namespace Shop.Domain.Pricing
{
    public sealed class PricingPolicy
    {
        public decimal Apply(decimal total) => total * 0.9m;
    }
}

namespace Shop.Api
{
    using Shop.Domain.Pricing;

    public static class Endpoints
    {
        public static void Map(WebApplication app)
        {
            app.MapGet(""/price/{total}"", (decimal total, PricingPolicy policy) => Results.Ok(policy.Apply(total)));
        }
    }
}");

        [Fact]
        public Task NonEndpoints_NoDiagnostic() =>
            Run(@"
namespace Shop.Api
{
    public class OrdersController : ControllerBase
    {
        [NonAction]
        public void Apply(Order order) { }

        private void Helper(Order order) { }
    }

    public class OrderService
    {
        public void Save(Order order) { }
    }
}");

        [Fact]
        public Task WithoutAspNetCore_RegistersNothing()
        {
            var test = new Verify.Test
            {
                TestCode = "namespace Shop.Domain { public class Order { } public class Api { public void Create(Order order) { } } }",
                ReferenceSet = ReferenceSet.NetCore,
            };
            return test.RunAsync();
        }
    }
}
