using System.Threading.Tasks;
using Bounded.CodeFixes.Concurrency;
using Xunit;
using Verify = Bounded.Tests.Verification.CSharpCodeFixVerifier<Bounded.Analyzers.Concurrency.UnboundedFanOutAnalyzer, Bounded.CodeFixes.Concurrency.UnboundedFanOutCodeFix>;

namespace Bounded.Tests.Concurrency
{
    /// <summary>BND5001 fixes: "Limit concurrency with SemaphoreSlim" and "Use Parallel.ForEachAsync".</summary>
    public class UnboundedFanOutCodeFixTests
    {
        private static Task Fix(string source, string fixedSource, string key)
        {
            var test = new Verify.Test { TestCode = source, FixedCode = fixedSource, CodeActionEquivalenceKey = key };
            return test.RunAsync();
        }

        private static Task Semaphore(string source, string fixedSource) => Fix(source, fixedSource, UnboundedFanOutCodeFix.SemaphoreKey);

        private static Task ForEachAsync(string source, string fixedSource) => Fix(source, fixedSource, UnboundedFanOutCodeFix.ForEachAsyncKey);

        [Fact]
        public Task Semaphore_ReturnAwaitWhenAllWithResults_KeepsResultsAndForwardsToken() => Semaphore(@"
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

class Prices
{
    private readonly HttpClient _http = new HttpClient();

    public async Task<string[]> FetchAll(List<string> skus, CancellationToken cancellationToken)
    {
        return await Task.WhenAll([|skus.Select(sku => _http.GetStringAsync(sku, cancellationToken))|]);
    }
}", @"
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

class Prices
{
    private const int MaxConcurrency = 8;

    private readonly HttpClient _http = new HttpClient();

    public async Task<string[]> FetchAll(List<string> skus, CancellationToken cancellationToken)
    {
        using var throttle = new SemaphoreSlim(MaxConcurrency);
        return await Task.WhenAll(skus.Select(async sku =>
        {
            await throttle.WaitAsync(cancellationToken);
            try
            {
                return await _http.GetStringAsync(sku, cancellationToken);
            }
            finally
            {
                throttle.Release();
            }
        }));
    }
}");

        [Fact]
        public Task Semaphore_VarResults_AsyncBlockLambda_ExistingConstant_NoTokenInScope_AddsUsing() => Semaphore(@"
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

class Mailer
{
    private const int MaxConcurrency = 4;

    private Task<bool> SendAsync(string to) => Task.Run(() => to.Length > 0);

    public async Task<int> SendAll(IEnumerable<string> recipients)
    {
        var results = await Task.WhenAll([|recipients.Select(async to =>
        {
            var ok = await SendAsync(to);
            return ok;
        })|]);
        return results.Count(r => r);
    }
}", @"
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

class Mailer
{
    private const int MaxConcurrency = 4;

    private Task<bool> SendAsync(string to) => Task.Run(() => to.Length > 0);

    public async Task<int> SendAll(IEnumerable<string> recipients)
    {
        using var throttle = new SemaphoreSlim(MaxConcurrency);
        var results = await Task.WhenAll(recipients.Select(async to =>
        {
            await throttle.WaitAsync();
            try
            {
                var ok = await SendAsync(to);
                return ok;
            }
            finally
            {
                throttle.Release();
            }
        }));
        return results.Count(r => r);
    }
}");

        [Fact]
        public Task Semaphore_ExpressionBodiedMember_BecomesAsyncBlock() => Semaphore(@"
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

class Sync
{
    private Task PushAsync(int id, CancellationToken ct) => Task.Delay(id, ct);

    public Task PushAll(List<int> ids, CancellationToken ct) => Task.WhenAll([|ids.Select(id => PushAsync(id, ct))|]);
}", @"
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

class Sync
{
    private const int MaxConcurrency = 8;

    private Task PushAsync(int id, CancellationToken ct) => Task.Delay(id, ct);

    public async Task PushAll(List<int> ids, CancellationToken ct)
    {
        using var throttle = new SemaphoreSlim(MaxConcurrency);
        await Task.WhenAll(ids.Select(async id =>
        {
            await throttle.WaitAsync(ct);
            try
            {
                await PushAsync(id, ct);
            }
            finally
            {
                throttle.Release();
            }
        }));
    }
}");

        [Fact]
        public Task Semaphore_MethodGroup_InsideLambda() => Semaphore(@"
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

class Jobs
{
    private Task<int> RunAsync(string job) => Task.FromResult(job.Length);

    public Func<List<string>, CancellationToken, Task<int[]>> Runner() => async (jobs, token) => await Task.WhenAll([|jobs.Select(RunAsync)|]);
}", @"
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

class Jobs
{
    private const int MaxConcurrency = 8;

    private Task<int> RunAsync(string job) => Task.FromResult(job.Length);

    public Func<List<string>, CancellationToken, Task<int[]>> Runner() => async (jobs, token) =>
    {
        using var throttle = new SemaphoreSlim(MaxConcurrency);
        return await Task.WhenAll(jobs.Select(async item =>
        {
            await throttle.WaitAsync(token);
            try
            {
                return await RunAsync(item);
            }
            finally
            {
                throttle.Release();
            }
        }));
    };
}");

        [Fact]
        public Task Semaphore_FixAll_TwoFanOutsInOneMethod_UniqueNamesOneConstant() => Semaphore(@"
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

class Sync
{
    private Task PushAsync(int id) => Task.Delay(id);

    public async Task PushAll(List<int> ids, List<int> more)
    {
        await Task.WhenAll([|ids.Select(id => PushAsync(id))|]);
        await Task.WhenAll([|more.Select(id => PushAsync(id))|]);
    }
}", @"
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

class Sync
{
    private const int MaxConcurrency = 8;

    private Task PushAsync(int id) => Task.Delay(id);

    public async Task PushAll(List<int> ids, List<int> more)
    {
        using var throttle = new SemaphoreSlim(MaxConcurrency);
        await Task.WhenAll(ids.Select(async id =>
        {
            await throttle.WaitAsync();
            try
            {
                await PushAsync(id);
            }
            finally
            {
                throttle.Release();
            }
        }));
        using var throttle2 = new SemaphoreSlim(MaxConcurrency);
        await Task.WhenAll(more.Select(async id =>
        {
            await throttle2.WaitAsync();
            try
            {
                await PushAsync(id);
            }
            finally
            {
                throttle2.Release();
            }
        }));
    }
}");

        [Fact]
        public Task ForEachAsync_ResultsUnused_ForwardsLoopToken() => ForEachAsync(@"
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

class Sync
{
    private Task PushAsync(int id, CancellationToken ct) => Task.Delay(id, ct);

    public async Task PushAll(List<int> ids, CancellationToken cancellationToken)
    {
        await Task.WhenAll([|ids.Select(id => PushAsync(id, cancellationToken))|]);
    }
}", @"
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

class Sync
{
    private const int MaxConcurrency = 8;

    private Task PushAsync(int id, CancellationToken ct) => Task.Delay(id, ct);

    public async Task PushAll(List<int> ids, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrency, CancellationToken = cancellationToken }, async (id, ct) => await PushAsync(id, ct));
    }
}");

        [Fact]
        public Task ForEachAsync_ExpressionBodiedMember_ReturnsTheTask() => ForEachAsync(@"
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

class Sync
{
    private const int MaxConcurrency = 4;

    private Task PushAsync(int id) => Task.Delay(id);

    public Task PushAll(List<int> ids) => Task.WhenAll([|ids.Select(PushAsync)|]);
}", @"
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

class Sync
{
    private const int MaxConcurrency = 4;

    private Task PushAsync(int id) => Task.Delay(id);

    public Task PushAll(List<int> ids) => Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrency }, async (item, ct) => await PushAsync(item));
}");

        [Fact]
        public Task ForEachAsync_ParallelForEachWithAsyncLambda() => ForEachAsync(@"
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

class Sync
{
    private Task PushAsync(int id, CancellationToken ct) => Task.Delay(id, ct);

    public async Task PushAll(List<int> ids, CancellationToken token)
    {
        Parallel.ForEach(ids, [|async id =>
        {
            await PushAsync(id, token);
        }|]);
        await Task.Yield();
    }
}", @"
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

class Sync
{
    private const int MaxConcurrency = 8;

    private Task PushAsync(int id, CancellationToken ct) => Task.Delay(id, ct);

    public async Task PushAll(List<int> ids, CancellationToken token)
    {
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrency, CancellationToken = token }, async (id, ct) =>
        {
            await PushAsync(id, ct);
        });
        await Task.Yield();
    }
}");

        [Fact]
        public Task ForEachAsync_NotOffered_WhenResultsAreUsed() => ForEachAsync(@"
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

class Prices
{
    private Task<int> PriceAsync(int id) => Task.FromResult(id);

    public async Task<int> Total(List<int> ids)
    {
        var prices = await Task.WhenAll([|ids.Select(PriceAsync)|]);
        return prices.Sum();
    }
}", @"
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

class Prices
{
    private Task<int> PriceAsync(int id) => Task.FromResult(id);

    public async Task<int> Total(List<int> ids)
    {
        var prices = await Task.WhenAll([|ids.Select(PriceAsync)|]);
        return prices.Sum();
    }
}");

        [Fact]
        public Task Semaphore_NonAsyncBlockReturningTheTask_BecomesAsyncAndDisposes() => Semaphore(@"
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

class Stock
{
    private Task<int> CountAsync(int id) => Task.FromResult(id);

    public Task<int[]> CountAll(List<int> ids)
    {
        return Task.WhenAll([|ids.Select(id => CountAsync(id))|]);
    }
}", @"
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

class Stock
{
    private const int MaxConcurrency = 8;

    private Task<int> CountAsync(int id) => Task.FromResult(id);

    public async Task<int[]> CountAll(List<int> ids)
    {
        using var throttle = new SemaphoreSlim(MaxConcurrency);
        return await Task.WhenAll(ids.Select(async id =>
        {
            await throttle.WaitAsync();
            try
            {
                return await CountAsync(id);
            }
            finally
            {
                throttle.Release();
            }
        }));
    }
}");
    }
}
