using System.Threading.Tasks;
using Bounded.Tests.Verification;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bounded.Tests.Api
{
    /// <summary>The domain every Api test compiles against (a separate document, expected unchanged by fixes).</summary>
    internal static class ApiTestCode
    {
        public const string Domain = @"using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Shop.Domain
{
    public class Order
    {
        public int Id { get; set; }
        public string Number { get; set; } = """";
        public decimal Total { get; set; }
        public OrderStatus Status { get; set; }
    }

    public class Customer
    {
        public int Id { get; set; }
        public string Name { get; set; } = """";
        public string PasswordHash { get; set; } = """";
    }

    public class Product
    {
        public int Id { get; set; }
        public string Name { get; set; } = """";
        public decimal Price { get; set; }
    }

    public enum OrderStatus { New, Paid }

    public interface IOrderRepository
    {
        Task<Order?> FindAsync(int id);
        Task<List<Order>> ListAsync();
        IAsyncEnumerable<Order> StreamAsync();
    }
}
";

        /// <summary>Entities written with special types (DateTime, IReadOnlyList&lt;T&gt;) whose namespaces a file without usings lacks.</summary>
        public const string Billing = @"using System;
using System.Collections.Generic;

namespace Shop.Billing.Domain
{
    public class Invoice
    {
        public int Number { get; set; }
        public DateTime IssuedAt { get; set; }
        public DateTime? PaidAt { get; set; }
        public IReadOnlyList<string> Tags { get; set; } = new List<string>();
    }

    public class InvoiceLine
    {
        public string Sku { get; set; } = """";
        public DateTime ShippedAt { get; set; }
    }
}
";

        public static Task Run<TAnalyzer>(string source, params DiagnosticResult[] expected)
            where TAnalyzer : DiagnosticAnalyzer, new() => Run<TAnalyzer>(source, OutputKind.DynamicallyLinkedLibrary, expected);

        public static Task Run<TAnalyzer>(string source, OutputKind kind, params DiagnosticResult[] expected)
            where TAnalyzer : DiagnosticAnalyzer, new()
        {
            var test = new CSharpAnalyzerVerifier<TAnalyzer>.Test { TestCode = source };
            test.TestState.MainProject.Add("Domain.cs", Domain);
            test.TestState.MainProject.OutputKind = kind;
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }
    }
}
