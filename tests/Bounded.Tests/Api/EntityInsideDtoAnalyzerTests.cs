using System.Threading.Tasks;
using Bounded.Analyzers.Api;
using Bounded.Tests.Verification;
using Xunit;
using Verify = Bounded.Tests.Verification.CSharpAnalyzerVerifier<Bounded.Analyzers.Api.EntityInsideDtoAnalyzer>;

namespace Bounded.Tests.Api
{
    /// <summary>BND2003 — Keep domain entities out of DTOs.</summary>
    public class EntityInsideDtoAnalyzerTests
    {
        private const string Usings = @"using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Shop.Domain;
";

        private static Task Run(string source, params DiagnosticResult[] expected) =>
            ApiTestCode.Run<EntityInsideDtoAnalyzer>(Usings + source, expected);

        [Fact]
        public Task NamedDto_PropertyOfEntityType() =>
            Run(@"
namespace Shop.Api
{
    public sealed class OrderDto
    {
        public int Id { get; set; }
        public {|#0:Customer|} Customer { get; set; } = new();
    }
}",
                Verify.Diagnostic().WithLocation(0).WithArguments("OrderDto", "Customer", "Customer"));

        [Fact]
        public Task PositionalRecordResponse_ListOfEntities() =>
            Run(@"
namespace Shop.Api
{
    public sealed record CustomerResponse(int Id, [|IReadOnlyList<Order>|] Orders);
    public sealed record CreateOrderRequest(string Number, [|Dictionary<string, Product>|] Lines);
}");

        [Fact]
        public Task DtoNamespace_PublicField() =>
            Run(@"
namespace Shop.Api.Contracts
{
    public class OrderSummary
    {
        public Order [|Order|];
        private Order? _hidden;
        public static Order? Shared;
        public Order? Hidden => _hidden;
    }
}".Replace("public Order? Hidden => _hidden;", "internal Order? Hidden => _hidden;"));

        [Fact]
        public Task TypeReturnedByEndpoint_IsADto() =>
            Run(@"
namespace Shop.Api
{
    public sealed class OrderView
    {
        public int Id { get; set; }
        public [|Product|] Product { get; set; } = new();
    }

    public class OrdersController : ControllerBase
    {
        [HttpGet]
        public ActionResult<List<OrderView>> Get() => new List<OrderView>();
    }
}");

        [Fact]
        public Task TypeBoundByMinimalEndpoint_IsADto() =>
            Run(@"
namespace Shop.Api
{
    public sealed class PlaceOrder
    {
        public [|Customer|] Buyer { get; set; } = new();
    }

    public static class Endpoints
    {
        public static void Map(WebApplication app) => app.MapPost(""/orders"", (PlaceOrder command) => Results.NoContent());
    }
}");

        [Fact]
        public Task GenericPage_DataOfTypeParameter_NoDiagnostic() =>
            Run(@"
namespace Shop.Api
{
    public sealed record ProductResponse(int Id, string Name);

    public sealed class PaginatedItems<T>
    {
        public IReadOnlyList<T> Data { get; set; } = new List<T>();
    }

    public class CatalogController : ControllerBase
    {
        [HttpGet]
        public PaginatedItems<ProductResponse> Get() => new PaginatedItems<ProductResponse>();
    }
}");

        [Fact]
        public Task CleanDtos_EnumsAndEntitiesNotDtos_NoDiagnostic() =>
            Run(@"
namespace Shop.Api
{
    public sealed record OrderResponse(int Id, OrderStatus Status, IReadOnlyList<LineResponse> Lines);
    public sealed record LineResponse(int ProductId, decimal Price);

    public class OrderHandler
    {
        public Order Order { get; set; } = new();
    }
}

namespace Shop.Domain
{
    public class ShippingRequest
    {
        public Order Order { get; set; } = new();
    }
}");

        private const string Services = @"using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Shop.Api
{
    public class ShopContext : DbContext
    {
        public DbSet<Order> Orders => Set<Order>();
        public DbSet<Customer> Customers { get; set; } = null!;
    }

    public sealed class PlaceOrder
    {
        public {|#0:Customer|} Buyer { get; set; } = new();
    }

    public sealed class OrderSettings
    {
        public Order Template { get; set; } = new();
    }
";

        [Fact]
        public Task MinimalHandler_DbContextParameter_NotADto() =>
            Run(Services + @"
    public static class Endpoints
    {
        public static void Map(WebApplication app)
        {
            app.MapGet(""/orders"", async (ShopContext db) => await db.Orders.CountAsync());
            app.MapGet(""/customers"", Count);
        }

        private static async Task<int> Count(ShopContext db, int page) => await db.Customers.CountAsync();
    }
}");

        [Fact]
        public Task MvcAction_DbContextParameter_NotADto() =>
            Run(Services + @"
    public class OrdersController : ControllerBase
    {
        [HttpGet]
        public async Task<int> Count([FromServices] ShopContext db) => await db.Orders.CountAsync();

        [HttpGet(""all"")]
        public Task<int> CountAll(ShopContext db) => db.Orders.CountAsync();
    }
}");

        [Fact]
        public Task InterfaceServiceParameters_TypeArgumentsNotDtos() =>
            Run(Services + @"
    public static class Endpoints
    {
        public static void Map(WebApplication app) =>
            app.MapGet(""/settings"", (IOptions<OrderSettings> options, ILogger<OrderSettings> logger, IOrderRepository orders) => Results.Ok(options.Value.Template.Id));
    }
}");

        [Fact]
        public Task FromServicesParameter_NotADto() =>
            Run(Services + @"
    public static class Endpoints
    {
        public static void Map(WebApplication app) =>
            app.MapGet(""/settings"", ([FromServices] OrderSettings settings) => Results.Ok(settings.Template.Id));
    }
}");

        [Fact]
        public Task AsParametersAggregateOfServices_NotADto() =>
            Run(Services + @"
    public class OrderServices(ShopContext context, [FromServices] OrderSettings settings, IOptions<OrderSettings> options, ILogger<OrderServices> logger)
    {
        public ShopContext Context { get; } = context;
        public OrderSettings Settings { get; } = settings;
        public IOptions<OrderSettings> Options { get; } = options;
        public ILogger<OrderServices> Logger { get; } = logger;
    }

    public static class Endpoints
    {
        public static void Map(WebApplication app) =>
            app.MapGet(""/orders/{id}"", async (int id, [AsParameters] OrderServices services) => await services.Context.Orders.CountAsync(o => o.Id == id));
    }
}");

        [Fact]
        public Task AsParametersAggregate_BoundMemberIsADto() =>
            Run(Services + @"
    public record struct PlaceOrderParameters([FromBody] PlaceOrder Command, ShopContext Db);

    public static class Endpoints
    {
        public static void Map(WebApplication app) =>
            app.MapPost(""/orders"", ([AsParameters] PlaceOrderParameters parameters) => Results.NoContent());
    }
}",
                Verify.Diagnostic().WithLocation(0).WithArguments("PlaceOrder", "Customer", "Buyer"));

        [Fact]
        public Task RequestDtoNextToDbContext_StillReported() =>
            Run(Services + @"
    public static class Endpoints
    {
        public static void Map(WebApplication app) =>
            app.MapPost(""/orders"", async (PlaceOrder command, ShopContext db) => await db.SaveChangesAsync());
    }
}",
                Verify.Diagnostic().WithLocation(0).WithArguments("PlaceOrder", "Customer", "Buyer"));

        [Fact]
        public Task CollectionInterfaceParameter_IsBound() =>
            Run(Services + @"
    public class OrdersController : ControllerBase
    {
        [HttpPost]
        public IActionResult Post(IEnumerable<PlaceOrder> commands) => NoContent();
    }
}",
                Verify.Diagnostic().WithLocation(0).WithArguments("PlaceOrder", "Customer", "Buyer"));

        [Fact]
        public Task WithoutAspNetCore_RegistersNothing()
        {
            var test = new Verify.Test
            {
                TestCode = "namespace Shop.Domain { public class Order { } } namespace Shop.Api { public class OrderDto { public Shop.Domain.Order? Order { get; set; } } }",
                ReferenceSet = ReferenceSet.NetCore,
            };
            return test.RunAsync();
        }
    }
}
