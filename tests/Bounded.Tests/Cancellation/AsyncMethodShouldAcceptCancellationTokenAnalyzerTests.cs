using System.Threading.Tasks;
using Bounded.Tests.Verification;
using Xunit;
using Verify = Bounded.Tests.Verification.CSharpCodeFixVerifier<
    Bounded.Analyzers.Cancellation.AsyncMethodShouldAcceptCancellationTokenAnalyzer,
    Bounded.CodeFixes.Cancellation.AddCancellationTokenParameterCodeFix>;

namespace Bounded.Tests.Cancellation
{
    public class AsyncMethodShouldAcceptCancellationTokenAnalyzerTests
    {
        private const string Usings = @"using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
";

        private static string Code(string members) => Usings + @"
namespace Shop
{
    public class Service
    {
        private readonly HttpClient _client = new HttpClient();
" + members + @"
    }
}
";

        [Fact]
        public Task PublicAsyncMethod_AddsParameterAndForwardsToEveryCall() => Verify.VerifyCodeFixAsync(
            Code(@"        public async Task<string> {|#0:LoadAsync|}(string url)
        {
            await Task.Delay(10);
            var text = await _client.GetStringAsync(url);
            await Task.Delay(10, CancellationToken.None);
            return text;
        }"),
            Verify.Diagnostic().WithLocation(0).WithArguments("LoadAsync"),
            Code(@"        public async Task<string> LoadAsync(string url, CancellationToken cancellationToken = default)
        {
            await Task.Delay(10, cancellationToken);
            var text = await _client.GetStringAsync(url, cancellationToken);
            await Task.Delay(10, cancellationToken);
            return text;
        }"));

        [Fact]
        public Task MethodsCallingEachOther_OneByOneAndFixAllAgree_CallersForwardTheNewToken() => Verify.VerifyCodeFixAsync(
            Code(@"        public async Task [|OuterAsync|]() { await InnerAsync(); await Task.Delay(1); }
        public async Task [|InnerAsync|]() { await Task.Delay(2); }
        public async Task CallerAsync(CancellationToken ct) { await InnerAsync(); }"),
            Code(@"        public async Task OuterAsync(CancellationToken cancellationToken = default) { await InnerAsync(cancellationToken); await Task.Delay(1, cancellationToken); }
        public async Task InnerAsync(CancellationToken cancellationToken = default) { await Task.Delay(2, cancellationToken); }
        public async Task CallerAsync(CancellationToken ct) { await InnerAsync(ct); }"));

        [Fact]
        public Task ParamsParameter_TokenGoesBeforeIt() => Verify.VerifyCodeFixAsync(
            Code(@"        public Task [|RunAsync|](params string[] urls) => _client.GetStringAsync(urls[0]);"),
            Code(@"        public Task RunAsync(CancellationToken cancellationToken = default, params string[] urls) => _client.GetStringAsync(urls[0], cancellationToken);"));

        [Fact]
        public Task AsyncIterator_GetsEnumeratorCancellation() => Verify.VerifyCodeFixAsync(
            Code(@"        public async IAsyncEnumerable<int> [|ReadAsync|](IAsyncEnumerable<int> source)
        {
            await foreach (var x in source) { yield return x; }
        }"),
            Code(@"        public async IAsyncEnumerable<int> ReadAsync(IAsyncEnumerable<int> source, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var x in source.WithCancellation(cancellationToken)) { yield return x; }
        }"));

        [Fact]
        public Task AsyncIterator_WithoutCompilerServicesUsing_AddsIt() => Verify.VerifyCodeFixAsync(@"using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;

namespace Shop
{
    public class LineReader
    {
        public async IAsyncEnumerable<string> {|#0:ReadLinesAsync|}(StreamReader reader)
        {
            string? line;
            while ((line = await reader.ReadLineAsync()) != null)
            {
                yield return line;
            }
        }
    }
}",
            Verify.Diagnostic().WithLocation(0).WithArguments("ReadLinesAsync"),
            @"using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Shop
{
    public class LineReader
    {
        public async IAsyncEnumerable<string> ReadLinesAsync(StreamReader reader, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            string? line;
            while ((line = await reader.ReadLineAsync(cancellationToken)) != null)
            {
                yield return line;
            }
        }
    }
}");

        [Fact]
        public Task AsyncEnumerableReturnedNotIterated_NoEnumeratorCancellation() => Verify.VerifyCodeFixAsync(
            Code(@"        public async IAsyncEnumerable<int> StreamAsync([EnumeratorCancellation] CancellationToken ct = default) { await Task.Yield(); yield return 1; }
        public IAsyncEnumerable<int> [|Items|]() => StreamAsync();"),
            Code(@"        public async IAsyncEnumerable<int> StreamAsync([EnumeratorCancellation] CancellationToken ct = default) { await Task.Yield(); yield return 1; }
        public IAsyncEnumerable<int> Items(CancellationToken cancellationToken = default) => StreamAsync(cancellationToken);"));

        [Fact]
        public Task AsyncIterator_NearMisses_NotReported() => Verify.VerifyAnalyzerAsync(
            Code(@"        public async IAsyncEnumerable<int> WithTokenAsync([EnumeratorCancellation] CancellationToken ct = default)
        {
            await Task.Delay(1, ct);
            yield return 1;
        }

        public async IAsyncEnumerable<int> NothingToCancelAsync(int[] values)
        {
            await Task.Yield();
            foreach (var v in values) { yield return v; }
        }

        private async IAsyncEnumerable<int> PrivateAsync()
        {
            await Task.Delay(1);
            yield return 1;
        }"));

        private const string Controller = CancellationTestCode.EfCoreShop + @"
    public class ProductsController : ControllerBase
    {
        private readonly ShopContext _db;

        public ProductsController(ShopContext db) => _db = db;
";

        private const string ControllerFixed = @"
        public async Task<IActionResult> Get(int id, CancellationToken cancellationToken = default)
        {
            var product = await _db.Products.FindAsync(new object[] { id }, cancellationToken);
            await _db.SaveChangesAsync(cancellationToken);
            return product == null ? NotFound() : Ok(product.Name);
        }
    }
}";

        [Fact]
        public Task ControllerAction_RequestAbortedInScope_StillReported_FixAddsTheParameter() => Verify.VerifyCodeFixAsync(Controller + @"
        public async Task<IActionResult> {|#0:Get|}(int id)
        {
            var product = await _db.Products.FindAsync(id);
            await _db.SaveChangesAsync();
            return product == null ? NotFound() : Ok(product.Name);
        }
    }
}",
            Verify.Diagnostic().WithLocation(0).WithArguments("Get"),
            Controller + ControllerFixed);

        [Fact]
        public Task ControllerAction_OnlyEfCoreFindAsync_Reported() => Verify.VerifyAnalyzerAsync(Controller + @"
        public async Task<IActionResult> [|Get|](int id)
        {
            var product = await _db.Products.FindAsync(id);
            return product == null ? NotFound() : Ok(product.Name);
        }
    }
}");

        [Fact]
        public Task ControllerAction_AfterTheFix_Bnd3001HasNothingLeft() =>
            CSharpAnalyzerVerifier<Bounded.Analyzers.Cancellation.ForwardCancellationTokenAnalyzer>.VerifyAnalyzerAsync(Controller + ControllerFixed);

        [Fact]
        public Task ControllerAction_PartlyForwardingRequestAborted_FixUsesTheParameterEverywhere() => Verify.VerifyCodeFixAsync(Controller + @"
        public async Task<IActionResult> [|Get|](int id)
        {
            var product = await _db.Products.FindAsync(new object[] { id }, HttpContext.RequestAborted);
            await _db.SaveChangesAsync();
            return product == null ? NotFound() : Ok(product.Name);
        }
    }
}",
            Controller + ControllerFixed);

        [Fact]
        public Task ControllerAction_EveryCallForwardsRequestAborted_NotReported() => Verify.VerifyAnalyzerAsync(Controller + @"
        public async Task<IActionResult> Get(int id)
        {
            var product = await _db.Products.FindAsync(new object[] { id }, HttpContext.RequestAborted);
            return product == null ? NotFound() : Ok(product.Name);
        }

        public async Task<IActionResult> List(CancellationToken cancellationToken)
        {
            return Ok(await _db.Products.CountAsync(cancellationToken));
        }
    }
}");

        [Fact]
        public Task UnresolvedInterfaceOrBase_MayBeAnImplementation_NotReported() => Verify.VerifyAnalyzerAsync(Usings + @"
namespace Shop
{
    public class MeetingRepository : {|CS0246:IMeetingRepository|}
    {
        public async Task AddAsync(int meeting) { await Task.Delay(meeting); }
    }

    public class LegacyExporter : {|CS0246:ExporterBase|}
    {
        public async Task ExportAsync() { await Task.Delay(1); }
    }

    public class ResolvedRepository : IDisposable
    {
        public void Dispose() { }
        public async Task [|AddAsync|](int meeting) { await Task.Delay(meeting); }
    }
}");

        [Fact]
        public Task NameClash_PicksAnotherName() => Verify.VerifyCodeFixAsync(
            Code(@"        public async Task [|RunAsync|](int cancellationToken) { await Task.Delay(cancellationToken); }"),
            Code(@"        public async Task RunAsync(int cancellationToken, CancellationToken cancellationToken1 = default) { await Task.Delay(cancellationToken, cancellationToken1); }"));

        [Fact]
        public Task MissingUsing_IsAdded() => Verify.VerifyCodeFixAsync(@"using System.Threading.Tasks;

namespace Shop
{
    public class Service
    {
        public async Task [|RunAsync|]() { await Task.Delay(1); }
    }
}", @"using System.Threading;
using System.Threading.Tasks;

namespace Shop
{
    public class Service
    {
        public async Task RunAsync(CancellationToken cancellationToken = default) { await Task.Delay(1, cancellationToken); }
    }
}");

        [Fact]
        public Task ValueTaskAndCallsInLambdas_Reported() => Verify.VerifyCodeFixAsync(
            Code(@"        public async ValueTask [|RunAsync|]() { Func<Task> f = () => Task.Delay(1); await f(); }"),
            Code(@"        public async ValueTask RunAsync(CancellationToken cancellationToken = default) { Func<Task> f = () => Task.Delay(1, cancellationToken); await f(); }"));

        [Fact]
        public Task Negatives_NoCallThatAcceptsAToken_OrAlreadyHasToken() => Verify.VerifyAnalyzerAsync(Code(@"        public Task NothingAsync() => Task.CompletedTask;
        public async Task<int> ComputeAsync(int x) { await Task.Yield(); return x; }
        public async Task WithTokenAsync(CancellationToken ct) { await Task.Delay(1, ct); }
        public async Task StaticLambdaOnlyAsync() { Func<Task> f = static () => Task.Delay(1); await f(); }
        public async Task LambdaWithOwnTokenAsync() { Func<CancellationToken, Task> f = t => Task.Delay(1, t); await Task.Yield(); }
        public void NotAsync() { Task.Delay(1).Wait(); }
        private async Task PrivateAsync() { await Task.Delay(1); }
        public async Task CleanupOnlyAsync() { try { } finally { await Task.Delay(1); } }"));

        [Fact]
        public Task Exemptions_MainEventHandlerParameterObjectTests() => Verify.VerifyAnalyzerAsync(Usings + @"
namespace Shop
{
    public sealed class Request { public CancellationToken CancellationToken { get; init; } }

    public sealed class FactAttribute : Attribute { }

    public class Handlers
    {
        public static async Task Main(string[] args) { await Task.Delay(1); }
        public async Task OnClickAsync(object sender, EventArgs e) { await Task.Delay(1); }
        public async Task HandleAsync(Request request) { await Task.Delay(1); }
        public async Task ServeAsync(Microsoft.AspNetCore.Http.HttpContext context) { await Task.Delay(1); }
        [Fact] public async Task Test() { await Task.Delay(1); }
    }
}");

        [Fact]
        public Task Accessibility_Option() => new Verify.Test
        {
            TestCode = Code(@"        public async Task PublicAsync() { await Task.Delay(1); }
        private async Task [|PrivateAsync|]() { await Task.Delay(1); }"),
            FixedCode = Code(@"        public async Task PublicAsync() { await Task.Delay(1); }
        private async Task PrivateAsync(CancellationToken cancellationToken = default) { await Task.Delay(1, cancellationToken); }"),
            EditorConfig = "bounded.BND3002.accessibility = private",
        }.RunAsync();

        [Fact]
        public Task MalformedAccessibility_FallsBackToDefault() => new CSharpAnalyzerVerifier<Bounded.Analyzers.Cancellation.AsyncMethodShouldAcceptCancellationTokenAnalyzer>.Test
        {
            TestCode = Code(@"        public async Task {|BND3002:RunAsync|}() { await Task.Delay(1); }"),
            EditorConfig = "bounded.BND3002.accessibility = everyone",
            Analyzers = { new Bounded.Analyzers.Configuration.InvalidOptionAnalyzer() },
            ExpectedDiagnostics = { Verify.Diagnostic("BND0001").WithNoLocation() },
        }.RunAsync();

        [Fact]
        public Task OverrideAndImplementation_ReportTheRootOnce() => Verify.VerifyAnalyzerAsync(Usings + @"
namespace Shop
{
    public interface IJob { Task {|#0:RunAsync|}(); }

    public abstract class Worker { public abstract Task {|#1:WorkAsync|}(); }

    public class Job : IJob { public async Task RunAsync() { await Task.Delay(1); } }

    public class OtherJob : IJob { public async Task RunAsync() { await Task.Delay(2); } }

    public class Busy : Worker { public override async Task WorkAsync() { await Task.Delay(1); } }

    public class Disposer : IAsyncDisposable { public async ValueTask DisposeAsync() { await Task.Delay(1); } }
}",
            Verify.Diagnostic().WithLocation(0).WithArguments("RunAsync"),
            Verify.Diagnostic().WithLocation(1).WithArguments("WorkAsync"));

        [Fact]
        public Task InterfaceFix_UpdatesEveryImplementation_AndCallersWithAToken_AcrossDocumentsAndProjects()
        {
            var test = new Verify.Test
            {
                TestCode = @"using System.Threading.Tasks;

namespace Shop.Contracts
{
    public interface IPaymentGateway
    {
        Task {|BND3002:ChargeAsync|}(decimal amount);
    }
}",
                FixedCode = @"using System.Threading;
using System.Threading.Tasks;

namespace Shop.Contracts
{
    public interface IPaymentGateway
    {
        Task ChargeAsync(decimal amount, CancellationToken cancellationToken = default);
    }
}",
            };
            test.TestState.MainProject.Add("Stripe.cs", @"using System.Threading.Tasks;

namespace Shop.Contracts
{
    public class StripeGateway : IPaymentGateway
    {
        public async Task ChargeAsync(decimal amount) { await Task.Delay(10); }
    }
}");
            test.FixedState.MainProject.Add("Stripe.cs", @"using System.Threading;
using System.Threading.Tasks;

namespace Shop.Contracts
{
    public class StripeGateway : IPaymentGateway
    {
        public async Task ChargeAsync(decimal amount, CancellationToken cancellationToken = default) { await Task.Delay(10, cancellationToken); }
    }
}");
            test.TestState.Project("Billing").Add("Fake.cs", @"using System.Threading.Tasks;
using Shop.Contracts;

namespace Billing
{
    public class FakeGateway : IPaymentGateway
    {
        Task IPaymentGateway.ChargeAsync(decimal amount) => Task.Delay(1);
    }

    public class Caller
    {
        public Task PayAsync(IPaymentGateway gateway, System.Threading.CancellationToken ct) => gateway.ChargeAsync(1m);
    }
}");
            test.TestState.Project("Billing").ProjectReferences.Add("TestProject");
            test.FixedState.Project("Billing").Add("Fake.cs", @"using System.Threading;
using System.Threading.Tasks;
using Shop.Contracts;

namespace Billing
{
    public class FakeGateway : IPaymentGateway
    {
        Task IPaymentGateway.ChargeAsync(decimal amount, CancellationToken cancellationToken) => Task.Delay(1, cancellationToken);
    }

    public class Caller
    {
        public Task PayAsync(IPaymentGateway gateway, System.Threading.CancellationToken ct) => gateway.ChargeAsync(1m, ct);
    }
}");
            test.Analyzers.Add(new Bounded.Analyzers.Cancellation.ForwardCancellationTokenAnalyzer());
            return test.RunAsync();
        }

        [Fact]
        public Task VirtualFix_UpdatesOverrides_AndForwardsToBaseCall()
        {
            var test = new Verify.Test
            {
                TestCode = Usings + @"
namespace Shop
{
    public class Exporter
    {
        public virtual async Task [|ExportAsync|](Stream target) { await target.FlushAsync(); }
    }
}",
                FixedCode = Usings + @"
namespace Shop
{
    public class Exporter
    {
        public virtual async Task ExportAsync(Stream target, CancellationToken cancellationToken = default) { await target.FlushAsync(cancellationToken); }
    }
}",
            };
            test.TestState.MainProject.Add("Csv.cs", Usings + @"
namespace Shop
{
    public class CsvExporter : Exporter
    {
        public override async Task ExportAsync(Stream target) { await base.ExportAsync(target); await target.WriteAsync(new byte[1], 0, 1); }
    }
}");
            test.FixedState.MainProject.Add("Csv.cs", Usings + @"
namespace Shop
{
    public class CsvExporter : Exporter
    {
        public override async Task ExportAsync(Stream target, CancellationToken cancellationToken = default) { await base.ExportAsync(target, cancellationToken); await target.WriteAsync(new byte[1], 0, 1, cancellationToken); }
    }
}");
            return test.RunAsync();
        }
    }
}
