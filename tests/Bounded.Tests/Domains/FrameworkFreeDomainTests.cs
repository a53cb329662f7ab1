using System.Threading.Tasks;
using Bounded.Analyzers.Configuration;
using Bounded.Tests.Verification;
using Xunit;
using Verify = Bounded.Tests.Verification.CSharpAnalyzerVerifier<Bounded.Analyzers.Domains.DomainReferenceAnalyzer>;

namespace Bounded.Tests.Domains
{
    /// <summary>BND1003 — Keep the domain layer free of infrastructure frameworks.</summary>
    public class FrameworkFreeDomainTests
    {
        [Fact]
        public Task EfCoreAttribute_And_Using_InDomain() => Verify.VerifyAnalyzerAsync(@"
using System;
using {|#0:Microsoft.EntityFrameworkCore|};

namespace Shop.Modules.Ordering.Domain
{
    [{|#1:Index|}(nameof(Number), IsUnique = true)]
    public class Order
    {
        public Guid Id { get; set; }
        public string Number { get; set; } = """";
    }
}",
            Verify.Diagnostic("BND1003").WithLocation(0).WithMessage("The Domain layer references 'Microsoft.EntityFrameworkCore' from 'Microsoft.EntityFrameworkCore'; keep infrastructure frameworks out of the domain model"),
            Verify.Diagnostic("BND1003").WithLocation(1).WithArguments("Domain", "Microsoft.EntityFrameworkCore.IndexAttribute", "Microsoft.EntityFrameworkCore"));

        [Fact]
        public Task DbContextInDomain() => Verify.VerifyAnalyzerAsync(@"
using System.Threading.Tasks;

namespace Shop.Modules.Ordering.Domain
{
    public class Order
    {
        public Task SaveAsync({|BND1003:Microsoft.EntityFrameworkCore.DbContext|} db) => db.SaveChangesAsync();
    }
}");

        [Fact]
        public Task HttpClientInDomain_IncludingOutsideDomains() => Verify.VerifyAnalyzerAsync(@"
namespace Shop.Modules.Ordering.Domain
{
    public class PriceLookup
    {
        private readonly {|BND1003:System.Net.Http.HttpClient|} _http = new {|BND1003:System.Net.Http.HttpClient|}();
    }
}

namespace MyApp.Domain
{
    public class Rates { public {|BND1003:System.Net.Http.HttpClient|}? Http { get; set; } }
}");

        [Fact]
        public Task OtherLayers_MayUseFrameworks() => Verify.VerifyAnalyzerAsync(@"
using Microsoft.EntityFrameworkCore;

namespace Shop.Modules.Ordering.Infrastructure
{
    public class OrderingDbContext : DbContext
    {
        public OrderingDbContext(DbContextOptions<OrderingDbContext> options) : base(options) { }
    }
}

namespace Shop.Modules.Ordering.Application
{
    public class Client { public System.Net.Http.HttpClient? Http { get; set; } }
}");

        [Fact]
        public Task BclTypesInDomain_NotReported() => Verify.VerifyAnalyzerAsync(@"
using System;
using System.Collections.Generic;
using System.Linq;

namespace Shop.Modules.Ordering.Domain
{
    public class Order
    {
        private readonly List<decimal> _lines = new();
        public decimal Total => _lines.Sum();
        public DateTimeOffset PlacedAt { get; } = DateTimeOffset.UtcNow;
    }
}");

        [Fact]
        public Task ForbiddenNamespacesOption_ReplacesTheDefaults() => new Verify.Test
        {
            TestCode = @"
namespace Shop.Modules.Ordering.Domain
{
    public class Order
    {
        public System.Net.Http.HttpClient? Http { get; set; }
        public {|BND1003:System.Text.Json.JsonSerializerOptions|}? Json { get; set; }
    }
}",
            EditorConfig = "bounded.BND1003.forbidden_namespaces = System.Text.Json",
        }.RunAsync();

        [Fact]
        public Task CustomInnermostLayer_IsTheDomainLayer() => new Verify.Test
        {
            TestCode = @"
namespace Shop.Modules.Ordering.Core
{
    public class Order { public {|#0:System.Net.Http.HttpClient|}? Http { get; set; } }
}

namespace Shop.Modules.Ordering.Domain
{
    public class NotALayer { public System.Net.Http.HttpClient? Http { get; set; } }
}",
            EditorConfig = "bounded.layers = Core < Adapters",
            ExpectedDiagnostics = { Verify.Diagnostic("BND1003").WithLocation(0).WithArguments("Core", "System.Net.Http.HttpClient", "System.Net.Http") },
        }.RunAsync();

        [Fact]
        public Task MalformedForbiddenNamespaces_ReportsBnd0001_AndDefaultsKeepWorking()
        {
            var test = new Verify.Test
            {
                TestCode = @"
namespace Shop.Modules.Ordering.Domain
{
    public class Order { public {|BND1003:System.Net.Http.HttpClient|}? Http { get; set; } }
}",
                EditorConfig = "bounded.BND1003.forbidden_namespaces = System..Net",
            };
            test.Analyzers.Add(new InvalidOptionAnalyzer());
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("BND0001").WithNoLocation());
            return test.RunAsync();
        }
    }
}
