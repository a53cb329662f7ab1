using System.Threading.Tasks;
using Bounded.Tests.Verification;
using Xunit;
using Verify = Bounded.Tests.Verification.CSharpCodeFixVerifier<
    Bounded.Analyzers.Cancellation.ForwardCancellationTokenAnalyzer,
    Bounded.CodeFixes.Cancellation.ForwardCancellationTokenCodeFix>;

namespace Bounded.Tests.Cancellation
{
    public class ForwardCancellationTokenAnalyzerTests
    {
        private const string Header = @"using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Linq.Expressions;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Shop
{
    public class Store
    {
        public Task SaveAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
        public Task LoadAsync(int id) => Task.CompletedTask;
        public Task LoadAsync(int id, CancellationToken ct) => Task.CompletedTask;
        public Task SendAsync(string to, CancellationToken ct, int retries) => Task.CompletedTask;
        public Task SendAsync(string to, int retries) => Task.CompletedTask;
        public Task LogAsync(string format, params object[] args) => Task.CompletedTask;
        public Task LogAsync(string format, CancellationToken ct, params object[] args) => Task.CompletedTask;
        public Task<T> GetAsync<T>(string key) => Task.FromResult(default(T)!);
        public Task<T> GetAsync<T>(string key, CancellationToken ct) => Task.FromResult(default(T)!);
        public Task PlainAsync(int id) => Task.CompletedTask;
        public async IAsyncEnumerable<int> StreamAsync([EnumeratorCancellation] CancellationToken ct = default) { await Task.Yield(); yield return 1; }
        public IAsyncEnumerable<int> Items() => StreamAsync();
    }

    public static class StoreExtensions
    {
        public static Task PurgeAsync(this Store store) => Task.CompletedTask;
        public static Task PurgeAsync(this Store store, CancellationToken ct) => Task.CompletedTask;
    }
";

        private static string Code(string members) => Header + @"
    public class Service
    {
        private readonly Store _store = new Store();
" + members + @"
    }
}
";

        // ---- positives: calls ----

        [Fact]
        public Task OptionalTokenLeftAtDefault() => Verify.VerifyCodeFixAsync(
            Code(@"        public async Task RunAsync(CancellationToken cancellationToken) { await {|#0:_store.SaveAsync()|}; }"),
            Verify.Diagnostic().WithLocation(0).WithArguments("cancellationToken", "'SaveAsync'"),
            Code(@"        public async Task RunAsync(CancellationToken cancellationToken) { await _store.SaveAsync(cancellationToken); }"));

        [Fact]
        public Task OverloadWithTokenLast() => Verify.VerifyCodeFixAsync(
            Code(@"        public async Task RunAsync(CancellationToken ct) { await [|_store.LoadAsync(1)|]; }"),
            Code(@"        public async Task RunAsync(CancellationToken ct) { await _store.LoadAsync(1, ct); }"));

        [Fact]
        public Task OverloadWithTokenInNonLastPosition_NamedArgument() => Verify.VerifyCodeFixAsync(
            Code(@"        public async Task RunAsync(CancellationToken ct) { await [|_store.SendAsync(""a"", 3)|]; }"),
            Code(@"        public async Task RunAsync(CancellationToken ct) { await _store.SendAsync(""a"", ct: ct, 3); }"));

        [Fact]
        public Task ParamsOverload() => Verify.VerifyCodeFixAsync(
            Code(@"        public async Task RunAsync(CancellationToken ct) { await [|_store.LogAsync(""{0} {1}"", 1, 2)|]; }"),
            Code(@"        public async Task RunAsync(CancellationToken ct) { await _store.LogAsync(""{0} {1}"", ct: ct, 1, 2); }"));

        [Fact]
        public Task GenericMethod() => Verify.VerifyCodeFixAsync(
            Code(@"        public async Task<int> RunAsync(CancellationToken ct) => await [|_store.GetAsync<int>(""k"")|];"),
            Code(@"        public async Task<int> RunAsync(CancellationToken ct) => await _store.GetAsync<int>(""k"", ct);"));

        [Fact]
        public Task ExtensionMethod() => Verify.VerifyCodeFixAsync(
            Code(@"        public Task RunAsync(CancellationToken ct) => [|_store.PurgeAsync()|];"),
            Code(@"        public Task RunAsync(CancellationToken ct) => _store.PurgeAsync(ct);"));

        [Fact]
        public Task RecursiveCall_IsReported() => Verify.VerifyCodeFixAsync(
            Code(@"        public async Task WalkAsync(int depth, CancellationToken ct = default) { if (depth > 0) await [|WalkAsync(depth - 1)|]; }"),
            Code(@"        public async Task WalkAsync(int depth, CancellationToken ct = default) { if (depth > 0) await WalkAsync(depth - 1, ct); }"));

        [Fact]
        public Task FrameworkCalls() => Verify.VerifyCodeFixAsync(
            Code(@"        public async Task RunAsync(HttpClient client, Stream a, Stream b, CancellationToken ct)
        {
            await [|Task.Delay(100)|];
            var text = await [|client.GetStringAsync(""https://example.org"")|];
            await [|a.CopyToAsync(b)|];
            await [|File.WriteAllTextAsync(""x.txt"", text)|];
        }"),
            Code(@"        public async Task RunAsync(HttpClient client, Stream a, Stream b, CancellationToken ct)
        {
            await Task.Delay(100, ct);
            var text = await client.GetStringAsync(""https://example.org"", ct);
            await a.CopyToAsync(b, ct);
            await File.WriteAllTextAsync(""x.txt"", text, ct);
        }"));

        [Fact]
        public Task NestedCalls_FixedTogether() => Verify.VerifyCodeFixAsync(
            Code(@"        public Task<int> Twice(int x, CancellationToken ct = default) => Task.FromResult(x);
        public async Task RunAsync(CancellationToken ct) { await [|Twice(await [|Twice(1)|])|]; }"),
            Code(@"        public Task<int> Twice(int x, CancellationToken ct = default) => Task.FromResult(x);
        public async Task RunAsync(CancellationToken ct) { await Twice(await Twice(1, ct), ct); }"));

        // ---- positives: explicit None / default ----

        [Theory]
        [InlineData("CancellationToken.None")]
        [InlineData("default")]
        [InlineData("default(CancellationToken)")]
        [InlineData("new CancellationToken()")]
        public Task ExplicitUncancellableToken_IsReplaced(string none) => Verify.VerifyCodeFixAsync(
            Code(@"        public async Task RunAsync(CancellationToken ct) { await _store.LoadAsync(1, {|#0:" + none + @"|}); }"),
            Verify.Diagnostic().WithLocation(0).WithArguments("ct", "'LoadAsync'"),
            Code(@"        public async Task RunAsync(CancellationToken ct) { await _store.LoadAsync(1, ct); }"));

        [Fact]
        public Task ExplicitNamedNone_KeepsTheName() => Verify.VerifyCodeFixAsync(
            Code(@"        public Task RunAsync(CancellationToken ct) => _store.SaveAsync([|cancellationToken: CancellationToken.None|]);"),
            Code(@"        public Task RunAsync(CancellationToken ct) => _store.SaveAsync(cancellationToken: ct);"));

        // ---- positives: await foreach ----

        [Fact]
        public Task AwaitForeach_WithoutWithCancellation() => Verify.VerifyCodeFixAsync(
            Code(@"        public async Task RunAsync(IAsyncEnumerable<int> source, CancellationToken ct) { await foreach (var x in {|#0:source|}) { } }"),
            Verify.Diagnostic().WithLocation(0).WithArguments("ct", "this 'await foreach'"),
            Code(@"        public async Task RunAsync(IAsyncEnumerable<int> source, CancellationToken ct) { await foreach (var x in source.WithCancellation(ct)) { } }"));

        [Fact]
        public Task AwaitForeach_WithConfigureAwait_KeepsConfigureAwaitOutside() => Verify.VerifyCodeFixAsync(
            Code(@"        public async Task RunAsync(IAsyncEnumerable<int> source, CancellationToken ct) { await foreach (var x in [|source.ConfigureAwait(false)|]) { } }"),
            Code(@"        public async Task RunAsync(IAsyncEnumerable<int> source, CancellationToken ct) { await foreach (var x in source.WithCancellation(ct).ConfigureAwait(false)) { } }"));

        [Fact]
        public Task AwaitForeach_OverCallWithoutTokenForm() => Verify.VerifyCodeFixAsync(
            Code(@"        public async Task RunAsync(CancellationToken ct) { await foreach (var x in [|_store.Items()|]) { } }"),
            Code(@"        public async Task RunAsync(CancellationToken ct) { await foreach (var x in _store.Items().WithCancellation(ct)) { } }"));

        [Fact]
        public Task AwaitForeach_OverIteratorWithOptionalToken_ReportsTheCallOnly() => Verify.VerifyCodeFixAsync(
            Code(@"        public async Task RunAsync(CancellationToken ct) { await foreach (var x in [|_store.StreamAsync()|]) { } }"),
            Code(@"        public async Task RunAsync(CancellationToken ct) { await foreach (var x in _store.StreamAsync(ct)) { } }"));

        [Fact]
        public Task AwaitForeach_WithCancellationOrTokenPassed_NotReported() => Verify.VerifyAnalyzerAsync(Code(@"        public async Task RunAsync(IAsyncEnumerable<int> source, CancellationToken ct)
        {
            await foreach (var x in source.WithCancellation(ct)) { }
            await foreach (var x in source.WithCancellation(ct).ConfigureAwait(false)) { }
            await foreach (var x in source.ConfigureAwait(false).WithCancellation(ct)) { }
            await foreach (var x in _store.StreamAsync(ct)) { }
            foreach (var y in new[] { 1 }) { }
        }"));

        [Fact]
        public Task AsyncIterator_EnumeratorCancellationToken_IsForwarded() => Verify.VerifyCodeFixAsync(
            Code(@"        public async IAsyncEnumerable<int> ReadAsync([EnumeratorCancellation] CancellationToken ct = default)
        {
            await [|_store.LoadAsync(1)|];
            await foreach (var x in {|#0:_store.Items()|}) { yield return x; }
        }"),
            Verify.Diagnostic().WithLocation(0).WithArguments("ct", "this 'await foreach'"),
            Code(@"        public async IAsyncEnumerable<int> ReadAsync([EnumeratorCancellation] CancellationToken ct = default)
        {
            await _store.LoadAsync(1, ct);
            await foreach (var x in _store.Items().WithCancellation(ct)) { yield return x; }
        }"));

        // ---- where the token comes from ----

        [Fact]
        public Task NestedLambdaAndLocalFunction_InnermostTokenWins() => Verify.VerifyCodeFixAsync(
            Code(@"        public void Run(CancellationToken outer)
        {
            Func<CancellationToken, Task> f = inner => [|_store.LoadAsync(1)|];
            Func<Task> g = () => [|_store.LoadAsync(2)|];
            Task Local(CancellationToken own) => [|_store.LoadAsync(3)|];
        }"),
            Code(@"        public void Run(CancellationToken outer)
        {
            Func<CancellationToken, Task> f = inner => _store.LoadAsync(1, inner);
            Func<Task> g = () => _store.LoadAsync(2, outer);
            Task Local(CancellationToken own) => _store.LoadAsync(3, own);
        }"));

        [Fact]
        public Task TokenSourceAndLocals() => Verify.VerifyCodeFixAsync(
            Code(@"        public async Task RunAsync()
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await [|_store.LoadAsync(1)|];
            var token = cts.Token;
            await [|_store.LoadAsync(2)|];
        }"),
            Code(@"        public async Task RunAsync()
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _store.LoadAsync(1, cts.Token);
            var token = cts.Token;
            await _store.LoadAsync(2, token);
        }"));

        [Fact]
        public Task ControllerAction_HttpContextRequestAborted() => Verify.VerifyCodeFixAsync(@"using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;

namespace Shop.Controllers
{
    public class OrdersController : ControllerBase
    {
        public async Task<IActionResult> Get(int id)
        {
            await [|Task.Delay(10)|];
            return Ok();
        }
    }
}", @"using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;

namespace Shop.Controllers
{
    public class OrdersController : ControllerBase
    {
        public async Task<IActionResult> Get(int id)
        {
            await Task.Delay(10, HttpContext.RequestAborted);
            return Ok();
        }
    }
}");

        [Fact]
        public Task StreamReaderReadLineAsync_ValueTaskOverload() => Verify.VerifyCodeFixAsync(
            Code(@"        public async Task<int> CountAsync(StreamReader reader, CancellationToken ct)
        {
            int n = 0;
            while (await [|reader.ReadLineAsync()|] is not null) { n++; }
            var last = await [|reader.ReadLineAsync()|].ConfigureAwait(false);
            return n;
        }"),
            Code(@"        public async Task<int> CountAsync(StreamReader reader, CancellationToken ct)
        {
            int n = 0;
            while (await reader.ReadLineAsync(ct) is not null) { n++; }
            var last = await reader.ReadLineAsync(ct).ConfigureAwait(false);
            return n;
        }"));

        [Fact]
        public Task StreamReaderReadLineAsync_TaskKeptAsTask_NotReported() => Verify.VerifyAnalyzerAsync(
            Code(@"        public async Task<string?> FirstAsync(StreamReader reader, CancellationToken ct)
        {
            Task<string?> pending = reader.ReadLineAsync();
            return await pending;
        }

        public Task<string?> NextAsync(StreamReader reader, CancellationToken ct) => reader.ReadLineAsync();"));

        private const string EfStore = CancellationTestCode.EfCoreShop;

        [Fact]
        public Task EfCoreFindAsync_KeysWrappedInArray() => Verify.VerifyCodeFixAsync(EfStore + @"
    public class Catalog
    {
        public async Task<string?> NameAsync(ShopContext db, int id, int tenant, CancellationToken ct)
        {
            var product = await [|db.Products.FindAsync(id)|];
            var other = await [|db.FindAsync<Product>(id)|];
            var composite = await [|db.Products.FindAsync(tenant, id)|];
            var keys = new object[] { id };
            var byKeys = await [|db.Products.FindAsync(keys)|];
            return product?.Name ?? other?.Name ?? composite?.Name ?? byKeys?.Name;
        }
    }
}", EfStore + @"
    public class Catalog
    {
        public async Task<string?> NameAsync(ShopContext db, int id, int tenant, CancellationToken ct)
        {
            var product = await db.Products.FindAsync(new object[] { id }, ct);
            var other = await db.FindAsync<Product>(new object[] { id }, ct);
            var composite = await db.Products.FindAsync(new object[] { tenant, id }, ct);
            var keys = new object[] { id };
            var byKeys = await db.Products.FindAsync(keys, ct);
            return product?.Name ?? other?.Name ?? composite?.Name ?? byKeys?.Name;
        }
    }
}");

        [Fact]
        public Task ControllerAction_EfCoreFindAsync_GetsRequestAborted() => Verify.VerifyCodeFixAsync(EfStore + @"
    public class ProductsController : ControllerBase
    {
        private readonly ShopContext _db;

        public ProductsController(ShopContext db) => _db = db;

        public async Task<IActionResult> Get(int id)
        {
            var product = await [|_db.Products.FindAsync(id)|];
            return product == null ? NotFound() : Ok(product.Name);
        }
    }
}", EfStore + @"
    public class ProductsController : ControllerBase
    {
        private readonly ShopContext _db;

        public ProductsController(ShopContext db) => _db = db;

        public async Task<IActionResult> Get(int id)
        {
            var product = await _db.Products.FindAsync(new object[] { id }, HttpContext.RequestAborted);
            return product == null ? NotFound() : Ok(product.Name);
        }
    }
}");

        // ---- negatives ----

        [Fact]
        public Task NoTokenInScope_NotReported() => Verify.VerifyAnalyzerAsync(Code(@"        public async Task RunAsync(IAsyncEnumerable<int> source)
        {
            await _store.SaveAsync();
            await _store.LoadAsync(1, CancellationToken.None);
            await foreach (var x in source) { }
        }"));

        [Fact]
        public Task TokenAlreadyPassed_OrNoTokenForm_NotReported() => Verify.VerifyAnalyzerAsync(Code(@"        public async Task RunAsync(CancellationToken ct, CancellationTokenSource other)
        {
            await _store.SaveAsync(ct);
            await _store.LoadAsync(1, other.Token);
            await _store.PlainAsync(1);
            await _store.LogAsync(""{0}"", ct, 1);
            var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
        }"));

        [Fact]
        public Task ExpressionTree_AndNameof_NotReported() => Verify.VerifyAnalyzerAsync(Code(@"        public void Run(CancellationToken ct)
        {
            Expression<Func<Task>> e = () => _store.LoadAsync(1);
            Expression<Func<Task>> n = () => _store.LoadAsync(1, CancellationToken.None);
            var name = nameof(_store.LoadAsync);
            var q = new[] { 1 }.AsQueryable().Select(i => _store.SaveAsync(default));
        }"));

        [Fact]
        public Task StaticLambdaAndStaticLocalFunction_CannotCapture() => Verify.VerifyAnalyzerAsync(Code(@"        public void Run(CancellationToken ct)
        {
            Func<Store, Task> f = static s => s.LoadAsync(1);
            static Task Local(Store s) => s.LoadAsync(2);
        }"));

        [Fact]
        public Task LocalHoldingNone_IsNotATokenInScope() => Verify.VerifyAnalyzerAsync(Code(@"        public async Task RunAsync()
        {
            var none = CancellationToken.None;
            await _store.LoadAsync(1);
        }"));

        [Fact]
        public Task CleanupContexts_NotReported() => Verify.VerifyAnalyzerAsync(Code(@"        public async Task RunAsync(CancellationToken ct)
        {
            try { await _store.LoadAsync(1, ct); }
            catch (OperationCanceledException) { await _store.SaveAsync(); }
            finally { await _store.SaveAsync(CancellationToken.None); }
            ct.Register(() => _store.SaveAsync());
        }"));

        [Fact]
        public Task UncancellableByDesign_NotReported() => Verify.VerifyAnalyzerAsync(Code(@"        public async Task RunAsync(CancellationToken ct, System.Data.Common.DbTransaction tx)
        {
            var tcs = new TaskCompletionSource<int>();
            tcs.TrySetCanceled();
            tcs.TrySetCanceled(CancellationToken.None);
            await Task.CompletedTask.ContinueWith(_ => { });
            await tx.RollbackAsync();
        }"));

        [Fact]
        public Task ObsoleteOrLessAccessibleOverload_NotReported() => Verify.VerifyAnalyzerAsync(@"using System;
using System.Threading;
using System.Threading.Tasks;

namespace Shop
{
    public class Api
    {
        public Task OldAsync() => Task.CompletedTask;
        [Obsolete(""no"")] public Task OldAsync(CancellationToken ct) => Task.CompletedTask;
        public Task InnerAsync() => Task.CompletedTask;
        private Task InnerAsync(CancellationToken ct) => Task.CompletedTask;
        public async Task RunAsync(CancellationToken ct) { await OldAsync(); await InnerAsync(); }
    }
}");

        [Fact]
        public Task GeneratedCodeAndBrokenCode_DoNotThrow() => Verify.VerifyAnalyzerAsync(Code(@"        public async Task RunAsync(CancellationToken ct) { await {|CS0103:Missing|}(); await _store.{|CS1061:Nope|}(1); }"));
    }
}
