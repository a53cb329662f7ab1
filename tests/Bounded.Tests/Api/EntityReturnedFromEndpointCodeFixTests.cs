using System.Threading.Tasks;
using Bounded.Analyzers.Api;
using Bounded.CodeFixes.Api;
using Bounded.Tests.Verification;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = Bounded.Tests.Verification.CSharpCodeFixVerifier<Bounded.Analyzers.Api.EntityReturnedFromEndpointAnalyzer, Bounded.CodeFixes.Api.EntityReturnedFromEndpointCodeFix>;

namespace Bounded.Tests.Api
{
    /// <summary>BND2001 fix "Map to '&lt;Entity&gt;Response'".</summary>
    public class EntityReturnedFromEndpointCodeFixTests
    {
        private static Task Run(string source, string fixedSource, params (string File, string Text)[] generated) =>
            Run(source, fixedSource, OutputKind.DynamicallyLinkedLibrary, generated);

        private static Task Run(string source, string fixedSource, OutputKind kind, params (string File, string Text)[] generated)
        {
            var test = new Verify.Test { TestCode = source, FixedCode = fixedSource };
            test.TestState.MainProject.Add("Domain.cs", ApiTestCode.Domain);
            test.TestState.MainProject.OutputKind = kind;
            foreach (var (file, text) in generated)
            {
                test.FixedState.MainProject.Add(file, text);
            }

            return test.RunAsync();
        }

        private const string OrderResponse = @"using Shop.Domain;

namespace Shop.Api.Contracts
{
    public sealed record OrderResponse(
        int Id,
        string Number,
        decimal Total,
        OrderStatus Status)
    {
        public static OrderResponse FromDomain(Order entity) => new(
            entity.Id,
            entity.Number,
            entity.Total,
            entity.Status);
    }
}
";

        [Fact]
        public Task Controller_SingleEntity_ReturnTypeAndEveryReturn() =>
            Run(@"using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;
using Shop.Domain;

namespace Shop.Api
{
    public class OrdersController : ControllerBase
    {
        private readonly IOrderRepository _orders;

        public OrdersController(IOrderRepository orders) => _orders = orders;

        [HttpGet(""{id}"")]
        public async [|Task<ActionResult<Order>>|] Get(int id)
        {
            var order = await _orders.FindAsync(id);
            if (order == null)
            {
                return NotFound();
            }

            if (id == 0)
            {
                return Ok(order);
            }

            return order;
        }
    }
}",
                @"using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;
using Shop.Api.Contracts;
using Shop.Domain;

namespace Shop.Api
{
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

            if (id == 0)
            {
                return Ok(OrderResponse.FromDomain(order));
            }

            return OrderResponse.FromDomain(order);
        }
    }
}",
                ("OrderResponse.cs", OrderResponse));
    }
}
