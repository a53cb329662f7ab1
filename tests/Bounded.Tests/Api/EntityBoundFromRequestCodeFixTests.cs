using System.Threading.Tasks;
using Bounded.Tests.Verification;
using Xunit;
using Verify = Bounded.Tests.Verification.CSharpCodeFixVerifier<Bounded.Analyzers.Api.EntityBoundFromRequestAnalyzer, Bounded.CodeFixes.Api.EntityBoundFromRequestCodeFix>;

namespace Bounded.Tests.Api
{
    /// <summary>BND2002 fix "Bind '&lt;Entity&gt;Request'".</summary>
    public class EntityBoundFromRequestCodeFixTests
    {
        private static Task Run(string source, string fixedSource, params (string File, string Text)[] generated)
        {
            var test = new Verify.Test { TestCode = source, FixedCode = fixedSource };
            test.TestState.MainProject.Add("Domain.cs", ApiTestCode.Domain);
            foreach (var (file, text) in generated)
            {
                test.FixedState.MainProject.Add(file, text);
            }

            return test.RunAsync();
        }

        private const string OrderRequest = @"using Shop.Domain;

namespace Shop.Api.Contracts
{
    public sealed record OrderRequest(string Number, decimal Total, OrderStatus Status)
    {
        public Order ToDomain() => new Order
        {
            Number = Number,
            Total = Total,
            Status = Status,
        };
    }
}
";

        [Fact]
        public Task Controller_FromBody_SettableProperties_NoIdNoSecrets() =>
            Run(@"using Microsoft.AspNetCore.Mvc;
using Shop.Domain;

namespace Shop.Api
{
    public class OrdersController : ControllerBase
    {
        [HttpPost]
        public IActionResult Create([FromBody] [|Order|] order)
        {
            return Ok(order.Number);
        }
    }
}",
                @"using Microsoft.AspNetCore.Mvc;
using Shop.Api.Contracts;
using Shop.Domain;

namespace Shop.Api
{
    public class OrdersController : ControllerBase
    {
        [HttpPost]
        public IActionResult Create([FromBody] OrderRequest request)
        {
            var order = request.ToDomain();
            return Ok(order.Number);
        }
    }
}",
                ("OrderRequest.cs", OrderRequest));

        [Fact]
        public Task EndpointFileWithoutUsings_GeneratedRequestImportsWhatItUses()
        {
            var test = new Verify.Test
            {
                TestCode = @"using Microsoft.AspNetCore.Mvc;
using Shop.Billing.Domain;

namespace Shop.Billing.Api
{
    public class InvoicesController : ControllerBase
    {
        [HttpPost]
        public IActionResult Create([FromBody] [|InvoiceLine|] line) => Ok(line.Sku);
    }
}",
                FixedCode = @"using Microsoft.AspNetCore.Mvc;
using Shop.Billing.Api.Contracts;
using Shop.Billing.Domain;

namespace Shop.Billing.Api
{
    public class InvoicesController : ControllerBase
    {
        [HttpPost]
        public IActionResult Create([FromBody] InvoiceLineRequest request)
        {
            var line = request.ToDomain();
            return Ok(line.Sku);
        }
    }
}",
            };
            test.TestState.MainProject.Add("Billing.cs", ApiTestCode.Billing);
            test.FixedState.MainProject.Add("InvoiceLineRequest.cs", @"using System;
using Shop.Billing.Domain;

namespace Shop.Billing.Api.Contracts
{
    public sealed record InvoiceLineRequest(string Sku, DateTime ShippedAt)
    {
        public InvoiceLine ToDomain() => new InvoiceLine
        {
            Sku = Sku,
            ShippedAt = ShippedAt,
        };
    }
}
");
            return test.RunAsync();
        }

        [Fact]
        public Task Minimal_ExpressionLambda_BecomesABlock_NameNotTaken() =>
            Run(@"using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Shop.Domain;

namespace Shop.Api
{
    public static class Endpoints
    {
        public static void Map(WebApplication app)
        {
            app.MapPost(""/orders"", (string request, [|Order|] order) => Results.Ok(request + order.Number));
        }
    }
}",
                @"using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Shop.Api.Contracts;
using Shop.Domain;

namespace Shop.Api
{
    public static class Endpoints
    {
        public static void Map(WebApplication app)
        {
            app.MapPost(""/orders"", (string request, OrderRequest orderRequest) =>
            {
                var order = orderRequest.ToDomain();
                return Results.Ok(request + order.Number);
            });
        }
    }
}",
                ("OrderRequest.cs", OrderRequest));

        [Fact]
        public Task ConstructorMatchingProperties_SecretParameterBlocksNothingElse() =>
            Run(@"using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Shop.Catalog.Domain
{
    public class Item
    {
        public Item(string name, decimal price)
        {
            Name = name;
            Price = price;
        }

        public int Id { get; private set; }
        public string Name { get; }
        public decimal Price { get; }
    }
}

namespace Shop.Catalog.Api
{
    public static class Endpoints
    {
        public static void Map(WebApplication app) => app.MapPost(""/items"", Create);

        private static IResult Create([|Shop.Catalog.Domain.Item|] item) => Results.Ok(item.Name);
    }
}",
                @"using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Shop.Catalog.Api.Contracts;

namespace Shop.Catalog.Domain
{
    public class Item
    {
        public Item(string name, decimal price)
        {
            Name = name;
            Price = price;
        }

        public int Id { get; private set; }
        public string Name { get; }
        public decimal Price { get; }
    }
}

namespace Shop.Catalog.Api
{
    public static class Endpoints
    {
        public static void Map(WebApplication app) => app.MapPost(""/items"", Create);

        private static IResult Create(ItemRequest request)
        {
            var item = request.ToDomain();
            return Results.Ok(item.Name);
        }
    }
}",
                ("ItemRequest.cs", @"using Shop.Catalog.Domain;

namespace Shop.Catalog.Api.Contracts
{
    public sealed record ItemRequest(string Name, decimal Price)
    {
        public Item ToDomain() => new Item(Name, Price);
    }
}
"));

        [Fact]
        public Task EntityWithoutUsableConstructor_NoFixOffered()
        {
            // The fixed state equals the source and keeps the diagnostics: an offered fix would change the text and fail.
            const string Code = @"using Microsoft.AspNetCore.Mvc;

namespace Shop.Accounts.Domain
{
    public class Account
    {
        private Account() { }

        public Account(string email, string passwordHash)
        {
            Email = email;
            PasswordHash = passwordHash;
        }

        public string Email { get; } = """";
        public string PasswordHash { get; } = """";
    }
}

namespace Shop.Accounts.Api
{
    public class AccountsController : ControllerBase
    {
        [HttpPost]
        public IActionResult Register([|Shop.Accounts.Domain.Account|] account) => NoContent();

        [HttpPost(""many"")]
        public IActionResult Import([|System.Collections.Generic.List<Shop.Domain.Order>|] orders) => NoContent();
    }
}";
            var test = new Verify.Test { TestCode = Code, FixedCode = Code };
            test.TestState.MainProject.Add("Domain.cs", ApiTestCode.Domain);
            return test.RunAsync();
        }
    }
}
