using System.Threading.Tasks;
using Bounded.Tests.Domains;
using Xunit;

namespace Bounded.Tests.Robustness
{
    /// <summary>
    /// The rules that skip generated code themselves (Common/GeneratedCode: the driver skips their analysis of
    /// generated files and [GeneratedCode] types and members, and does not re-check what they report) stay silent
    /// in a [GeneratedCode] member, a [GeneratedCode] type and a #line hidden region (where, as for the driver, the
    /// lines before a file's first #line directive count as hidden), and still report beside them. (Files marked
    /// auto-generated are checked for every positive test by the verifier.)
    /// </summary>
    public class GeneratedCodeTests
    {
        private const string Usings = @"using System;
using System.CodeDom.Compiler;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
";

        [Fact]
        public Task BND3001_SilentInGeneratedMembersTypesAndHiddenLines() =>
            Bounded.Tests.Verification.CSharpAnalyzerVerifier<Bounded.Analyzers.Cancellation.ForwardCancellationTokenAnalyzer>.VerifyAnalyzerAsync(Usings + @"
namespace Shop
{
    public class Service
    {
        public async Task BeforeFirstLineDirective(CancellationToken ct) { await Task.Delay(1); }

        public async Task Hidden(CancellationToken ct)
        {
#line hidden
            await Task.Delay(1);
#line default
        }

        public async Task Handwritten(CancellationToken ct) { await [|Task.Delay(1)|]; }

        public async Task HiddenInside(CancellationToken ct)
        {
#line hidden
            await Task.Delay(1);
#line default
        }

        [GeneratedCode(""tool"", ""1.0"")]
        public async Task GeneratedMember(CancellationToken ct) { await Task.Delay(1); }
    }

    [GeneratedCode(""tool"", ""1.0"")]
    public class GeneratedService
    {
        public async Task Run(CancellationToken ct) { await Task.Delay(1); }
    }
}");

        [Fact]
        public Task BND4001_SilentInGeneratedMembersTypesAndHiddenLines() =>
            Bounded.Tests.Verification.CSharpAnalyzerVerifier<Bounded.Analyzers.Async.DoNotBlockOnAsyncCodeAnalyzer>.VerifyAnalyzerAsync(Usings + @"
namespace Shop
{
    public class Service
    {
        private static Task<int> LoadAsync() => Task.FromResult(1);

        public int BeforeFirstLineDirective() => LoadAsync().Result;

        public int Hidden()
        {
#line hidden
            return LoadAsync().Result;
#line default
        }

        public int Handwritten() => [|LoadAsync().Result|];

        public int HiddenInside()
        {
#line hidden
            return LoadAsync().Result;
#line default
        }

        [GeneratedCode(""tool"", ""1.0"")]
        public int GeneratedMember() => LoadAsync().Result;
    }

    [GeneratedCode(""tool"", ""1.0"")]
    public class GeneratedService
    {
        public int Run() => Task.FromResult(1).Result;
    }
}");

        [Fact]
        public Task BND4002_SilentInGeneratedMembersTypesAndHiddenLines() =>
            Bounded.Tests.Verification.CSharpAnalyzerVerifier<Bounded.Analyzers.Async.UseAsyncCounterpartAnalyzer>.VerifyAnalyzerAsync(Usings + @"
namespace Shop
{
    public class Service
    {
        public async Task BeforeFirstLineDirective() { Thread.Sleep(1); await Task.Yield(); }

        public async Task Hidden()
        {
#line hidden
            Thread.Sleep(1);
#line default
            await Task.Yield();
        }

        public async Task Handwritten() { [|Thread.Sleep(1)|]; await Task.Yield(); }

        public async Task HiddenInside()
        {
#line hidden
            Thread.Sleep(1);
#line default
            await Task.Yield();
        }

        [GeneratedCode(""tool"", ""1.0"")]
        public async Task GeneratedMember() { Thread.Sleep(1); await Task.Yield(); }
    }

    [GeneratedCode(""tool"", ""1.0"")]
    public class GeneratedService
    {
        public async Task Run() { Thread.Sleep(1); await Task.Yield(); }
    }
}");

        [Fact]
        public Task BND5001_SilentInGeneratedMembersTypesAndHiddenLines() =>
            Bounded.Tests.Verification.CSharpAnalyzerVerifier<Bounded.Analyzers.Concurrency.UnboundedFanOutAnalyzer>.VerifyAnalyzerAsync(Usings + @"
namespace Shop
{
    public class Service
    {
        private static Task SendAsync(int id) => Task.Delay(id);

        public Task BeforeFirstLineDirective(List<int> ids) => Task.WhenAll(ids.Select(SendAsync));

        public Task Hidden(List<int> ids)
        {
#line hidden
            return Task.WhenAll(ids.Select(SendAsync));
#line default
        }

        public Task Handwritten(List<int> ids) => Task.WhenAll([|ids.Select(SendAsync)|]);

        public Task HiddenInside(List<int> ids)
        {
#line hidden
            return Task.WhenAll(ids.Select(SendAsync));
#line default
        }

        [GeneratedCode(""tool"", ""1.0"")]
        public Task GeneratedMember(List<int> ids) => Task.WhenAll(ids.Select(SendAsync));
    }

    [GeneratedCode(""tool"", ""1.0"")]
    public class GeneratedService
    {
        public Task Run(List<int> ids) => Task.WhenAll(ids.Select(id => Task.Delay(id)));
    }
}");

        [Fact]
        public Task Domains_SilentInGeneratedMembersTypesAndHiddenLines()
        {
            var test = new Bounded.Tests.Verification.CSharpAnalyzerVerifier<Bounded.Analyzers.Domains.DomainReferenceAnalyzer>.Test
            {
                TestCode = @"using System.CodeDom.Compiler;

namespace Shop.Modules.Ordering.Application
{
    // Declared before the file's first #line directive: the driver takes the whole type for generated code.
    public class HiddenOrderService
    {
        public object BeforeFirstLineDirective() => new Shop.Modules.Billing.Domain.Invoice();

        public object Hidden()
        {
#line hidden
            return new Shop.Modules.Billing.Domain.Invoice();
#line default
        }
    }

    public class OrderService
    {
        public object Handwritten() => new {|BND1001:Shop.Modules.Billing.Domain.Invoice|}();

        public object HiddenInside()
        {
#line hidden
            return new Shop.Modules.Billing.Domain.Invoice();
#line default
        }

        [GeneratedCode(""tool"", ""1.0"")]
        public object GeneratedMember() => new Shop.Modules.Billing.Domain.Invoice();
    }

    [GeneratedCode(""tool"", ""1.0"")]
    public class GeneratedOrderService
    {
        public object Run() => new Shop.Modules.Billing.Domain.Invoice();
    }
}",
            };
            test.TestState.MainProject.Add("Billing.cs", DomainSources.Billing);
            return test.RunAsync();
        }
    }
}
