using System.Threading.Tasks;
using Bounded.Analyzers.Api;
using Bounded.Tests.Verification;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = Bounded.Tests.Verification.CSharpAnalyzerVerifier<Bounded.Analyzers.Api.EntityReturnedFromEndpointAnalyzer>;

namespace Bounded.Tests.Api
{
    /// <summary>BND2001 — Do not return domain entities from API endpoints.</summary>
    public class EntityReturnedFromEndpointAnalyzerTests
    {
        private const string Usings = @"using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Shop.Domain;
";

        private static Task Run(string source, params DiagnosticResult[] expected) =>
            ApiTestCode.Run<EntityReturnedFromEndpointAnalyzer>(Usings + source, expected);

        private static string Controller(string members) => @"
namespace Shop.Api
{
    [ApiController]
    [Route(""orders"")]
    public class OrdersController : ControllerBase
    {
        private readonly IOrderRepository _orders;

        public OrdersController(IOrderRepository orders) => _orders = orders;
" + members + @"
    }
}";

        private static string Minimal(string body) => @"
namespace Shop.Api
{
    public static class Endpoints
    {
        public static void Map(WebApplication app)
        {
" + body + @"
        }
    }
}";

        // ---- declared return types (MVC) ----

        [Fact]
        public Task Action_ReturningEntity() =>
            Run(Controller(@"
        [HttpGet(""{id}"")]
        public [|Order|] Get(int id) => new Order { Id = id };"));

        [Fact]
        public Task Action_TaskOfActionResultOfListOfEntity() =>
            Run(Controller(@"
        [HttpGet]
        public async [|Task<ActionResult<List<Order>>>|] List() => await _orders.ListAsync();"));

        [Fact]
        public Task Action_ReturningEntity_ReportedOnceAtTheType_NotAgainAtOk() =>
            Run(Controller(@"
        [HttpGet(""{id}"")]
        public async [|Task<ActionResult<Order>>|] Get(int id)
        {
            var order = await _orders.FindAsync(id);
            if (order == null)
            {
                return NotFound();
            }

            return Ok(order);
        }"));

        [Fact]
        public Task Action_AsyncEnumerableOfEntity() =>
            Run(Controller(@"
        [HttpGet(""stream"")]
        public [|IAsyncEnumerable<Order>|] Stream() => _orders.StreamAsync();"));

        [Fact]
        public Task Action_DictionaryOfEntities() =>
            Run(Controller(@"
        [HttpGet(""by-number"")]
        public async Task<[|Dictionary<string, Order>|]> ByNumber() => (await _orders.ListAsync()).ToDictionary(o => o.Number);").Replace("Task<[|Dictionary<string, Order>|]>", "[|Task<Dictionary<string, Order>>|]"));

        [Fact]
        public Task Action_ArrayOfEntities() =>
            Run(Controller(@"
        [HttpGet(""all"")]
        public async [|Task<Order[]>|] All() => (await _orders.ListAsync()).ToArray();"));

        [Fact]
        public Task Action_NullableStructEntity() =>
            ApiTestCode.Run<EntityReturnedFromEndpointAnalyzer>(Usings + @"
namespace Shop.Domain.Pricing
{
    public struct Money { public decimal Amount { get; set; } }
}

namespace Shop.Api
{
    public class PricesController : ControllerBase
    {
        [HttpGet]
        public [|Shop.Domain.Pricing.Money?|] Get() => null;
    }
}");

        [Fact]
        public Task Action_PageTypeGenericOverEntity() =>
            Run(@"
namespace Shop.Api
{
    public sealed class PaginatedItems<T>
    {
        public PaginatedItems(IReadOnlyList<T> data) => Data = data;
        public IReadOnlyList<T> Data { get; }
    }

    public class CatalogController : ControllerBase
    {
        [HttpGet]
        public [|Ok<PaginatedItems<Product>>|] Get() => TypedResults.Ok(new PaginatedItems<Product>(new List<Product>()));
    }
}");

        // ---- untyped results carrying an entity (MVC) ----

        [Fact]
        public Task Action_OkOfEntity_ReportedAtTheArgument() =>
            Run(Controller(@"
        [HttpGet(""{id}"")]
        public async Task<IActionResult> Get(int id)
        {
            var order = await _orders.FindAsync(id);
            return order == null ? NotFound() : Ok([|order|]);
        }"));

        [Fact]
        public Task Action_CreatedAtAction_ReportedAtTheValue() =>
            Run(Controller(@"
        [HttpPost]
        public IActionResult Create()
        {
            var order = new Order();
            return CreatedAtAction(nameof(Create), new { id = order.Id }, [|order|]);
        }"));

        [Fact]
        public Task Action_NewObjectResult_AndJsonResult() =>
            Run(Controller(@"
        [HttpGet(""a"")]
        public IActionResult A() => new ObjectResult([|new Order()|]);

        [HttpGet(""b"")]
        public IActionResult B() => new OkObjectResult([|new List<Order>()|]);

        [HttpGet(""c"")]
        public IActionResult C() => new JsonResult([|new Order()|]);"));

        [Fact]
        public Task Action_ResultsJson_ReportedAtTheValue() =>
            Run(Controller(@"
        [HttpGet]
        public IResult Get() => Results.Json([|new Order()|]);"));

        // ---- minimal APIs ----

        [Fact]
        public Task Minimal_Lambda_ReturningEntity_ReportedAtTheReturnedExpression() =>
            Run(Minimal(@"
            app.MapGet(""/orders/{id}"", async (int id, IOrderRepository orders) => [|await orders.FindAsync(id)|]);"));

        [Fact]
        public Task Minimal_Lambda_TypedResultsOk() =>
            Run(Minimal(@"
            app.MapGet(""/orders"", async (IOrderRepository orders) => TypedResults.Ok([|await orders.ListAsync()|]));"));

        [Fact]
        public Task Minimal_Lambda_BlockBody_EachReturn() =>
            Run(Minimal(@"
            app.MapGet(""/orders/{id}"", async (int id, IOrderRepository orders) =>
            {
                var order = await orders.FindAsync(id);
                if (order is null)
                {
                    return Results.NotFound();
                }

                return Results.Ok([|order|]);
            });"));

        [Fact]
        public Task Minimal_RouteGroup() =>
            Run(Minimal(@"
            var group = app.MapGroup(""/orders"");
            group.MapGet(""/"", (IOrderRepository orders) => [|orders.StreamAsync()|]);
            app.MapGroup(""/v2"").MapGet(""/orders"", (IOrderRepository orders) => Results.Ok([|orders.StreamAsync()|]));"));

        [Fact]
        public Task Minimal_MethodGroup_ReportedAtItsReturnType() =>
            Run(@"
namespace Shop.Api
{
    public static class OrderEndpoints
    {
        public static void Map(WebApplication app)
        {
            app.MapGet(""/orders/{id}"", GetOrder);
            app.MapGet(""/v2/orders/{id}"", GetOrder);
        }

        private static async [|Task<Results<Ok<Order>, NotFound>>|] GetOrder(int id, IOrderRepository orders)
        {
            var order = await orders.FindAsync(id);
            return order is null ? TypedResults.NotFound() : TypedResults.Ok(order);
        }
    }
}");

        [Fact]
        public Task Minimal_ResultsUnion_CustomerInsideOk() =>
            ApiTestCode.Run<EntityReturnedFromEndpointAnalyzer>(Usings + @"
namespace Shop.Api
{
    public static class CustomerEndpoints
    {
        public static void Map(WebApplication app) => app.MapGet(""/customers/{id}"", Get);

        private static [|Results<Ok<Customer>, NotFound>|] Get(int id) => id == 0 ? TypedResults.NotFound() : TypedResults.Ok(new Customer());
    }
}");

        [Fact]
        public Task Minimal_LocalFunction_ReturnTypeAndUntypedResultInIt() =>
            Run(Minimal(@"
            app.MapGet(""/orders"", List);
            app.MapGet(""/orders/first"", First);

            async [|Task<List<Order>>|] List(IOrderRepository orders) => await orders.ListAsync();

            async Task<IResult> First(IOrderRepository orders) => Results.Ok([|(await orders.ListAsync()).First()|]);"));

        [Fact]
        public Task Minimal_TopLevelStatements() =>
            ApiTestCode.Run<EntityReturnedFromEndpointAnalyzer>(
                Usings + @"
var app = WebApplication.Create(args);
app.MapGet(""/products"", () => [|new List<Product>()|]);
app.Run();
",
                OutputKind.ConsoleApplication);

        // ---- negatives ----

        [Fact]
        public Task DtoRecord_NoDiagnostic() =>
            Run(@"
namespace Shop.Api
{
    public sealed record OrderResponse(int Id, string Number, OrderStatus Status);

    public class OrdersController : ControllerBase
    {
        private readonly IOrderRepository _orders;

        public OrdersController(IOrderRepository orders) => _orders = orders;

        [HttpGet(""{id}"")]
        public async Task<ActionResult<OrderResponse>> Get(int id)
        {
            var order = await _orders.FindAsync(id);
            if (order == null)
            {
                return NotFound();
            }

            return Ok(new OrderResponse(order.Id, order.Number, order.Status));
        }

        [HttpGet(""status"")]
        public OrderStatus Status() => OrderStatus.Paid;

        [HttpGet(""all"")]
        public async Task<List<OrderResponse>> All() => (await _orders.ListAsync()).Select(o => new OrderResponse(o.Id, o.Number, o.Status)).ToList();
    }
}");

        [Fact]
        public Task Minimal_EntityLocalMappedToDto_NoDiagnostic() =>
            Run(Minimal(@"
            app.MapGet(""/orders/{id}"", async (int id, IOrderRepository orders) =>
            {
                Order? order = await orders.FindAsync(id);
                return order is null ? Results.NotFound() : Results.Ok(new { order.Id, order.Number });
            });
            app.MapDelete(""/orders/{id}"", (int id) => Results.NotFound());"));

        [Fact]
        public Task RepositoriesAndServices_NoDiagnostic() =>
            Run(@"
namespace Shop.Application
{
    public class OrderService
    {
        private readonly IOrderRepository _orders;

        public OrderService(IOrderRepository orders) => _orders = orders;

        public Task<Order?> Find(int id) => _orders.FindAsync(id);

        public IResult Wrap(Order order) => Results.Ok(order);
    }
}");

        [Fact]
        public Task NonPublicMethods_NonAction_AbstractController_NoDiagnostic() =>
            Run(@"
namespace Shop.Api
{
    public abstract class CrudController : ControllerBase
    {
        [HttpGet]
        public Order Get() => new Order();
    }

    public class OrdersController : ControllerBase
    {
        [NonAction]
        public Order Load() => new Order();

        private Order Build() => new Order();

        internal Order Internal() => Build();

        protected IActionResult Helper() => Ok(Build());
    }
}");

        [Fact]
        public Task PlainClassNamedController_NotAnEndpoint() =>
            Run(@"
namespace Shop.Api
{
    public class OrderController
    {
        public Order Get() => new Order();
    }
}");

        [Fact]
        public Task DtoNamespace_TypesAreNeverEntities() =>
            Run(@"
namespace Shop.Domain.Contracts
{
    public class OrderSummary { public int Id { get; set; } }
}

namespace Shop.Api
{
    public class OrdersController : ControllerBase
    {
        [HttpGet]
        public Shop.Domain.Contracts.OrderSummary Get() => new Shop.Domain.Contracts.OrderSummary();
    }
}");

        [Fact]
        public Task ConfiguredDtoNamespace_Respected()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + @"
namespace Shop.Domain.Views
{
    public class OrderView { public int Id { get; set; } }
}

namespace Shop.Api
{
    public class OrdersController : ControllerBase
    {
        [HttpGet]
        public Shop.Domain.Views.OrderView Get() => new Shop.Domain.Views.OrderView();

        [HttpGet(""x"")]
        public [|Order|] GetOrder() => new Order();
    }
}",
                EditorConfig = "bounded.dto_namespaces = Views",
            };
            test.TestState.MainProject.Add("Domain.cs", ApiTestCode.Domain);
            return test.RunAsync();
        }

        // ---- entity detection ----

        [Fact]
        public Task DbSetEntity_OutsideDomainNamespace() =>
            Run(@"
namespace Shop.Data
{
    public class Invoice { public int Id { get; set; } }

    public class ShopDb : Microsoft.EntityFrameworkCore.DbContext
    {
        public Microsoft.EntityFrameworkCore.DbSet<Invoice> Invoices => Set<Invoice>();
    }
}

namespace Shop.Api
{
    public class InvoicesController : ControllerBase
    {
        [HttpGet]
        public [|Shop.Data.Invoice|] Get() => new Shop.Data.Invoice();

        [HttpGet(""db"")]
        public Shop.Data.ShopDb Db() => null!;
    }
}");

        [Fact]
        public Task EntityBaseType_GenericArityIgnored() =>
            Run(@"
namespace Shop.Core
{
    public abstract class Entity<TId> { public TId Id { get; set; } = default!; }
    public class Shipment : Entity<int> { }
}

namespace Shop.Api
{
    public class ShipmentsController : ControllerBase
    {
        [HttpGet]
        public [|Shop.Core.Shipment|] Get() => new Shop.Core.Shipment();
    }
}");

        [Fact]
        public Task WithoutAspNetCore_RegistersNothing()
        {
            var test = new Verify.Test
            {
                TestCode = @"
namespace Shop.Domain { public class Order { } }
namespace Shop.Api { public class OrdersController { public Shop.Domain.Order Get() => new Shop.Domain.Order(); } }",
                ReferenceSet = ReferenceSet.EntityFrameworkCore,
            };
            return test.RunAsync();
        }

        [Fact]
        public Task WithoutAnyFramework_RegistersNothing()
        {
            var test = new Verify.Test
            {
                TestCode = "namespace Shop.Domain { public class Order { public Order Get() => this; } }",
                ReferenceSet = ReferenceSet.NetCore,
            };
            return test.RunAsync();
        }

        [Fact]
        public Task BrokenCode_NoException() =>
            Run(Controller(@"
        [HttpGet]
        public {|CS0246:Missing|} Get() => {|CS0103:Missing|}.Load();

        [HttpGet(""x"")]
        public IActionResult X() => Ok({|CS0103:unknown|});"));
    }
}
