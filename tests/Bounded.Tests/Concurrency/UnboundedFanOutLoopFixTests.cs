using System.Threading.Tasks;
using Bounded.CodeFixes.Concurrency;
using Xunit;
using Verify = Bounded.Tests.Verification.CSharpCodeFixVerifier<Bounded.Analyzers.Concurrency.UnboundedFanOutAnalyzer, Bounded.CodeFixes.Concurrency.UnboundedFanOutCodeFix>;

namespace Bounded.Tests.Concurrency
{
    /// <summary>BND5001 "Limit concurrency with SemaphoreSlim" on the loop shapes: a task started per iteration, kept or discarded.</summary>
    public class UnboundedFanOutLoopFixTests
    {
        private static Task Semaphore(string source, string fixedSource)
        {
            var test = new Verify.Test { TestCode = source, FixedCode = fixedSource, CodeActionEquivalenceKey = UnboundedFanOutCodeFix.SemaphoreKey };
            return test.RunAsync();
        }

        [Fact]
        public Task ForEach_TasksAdd_ThenWhenAll_WaitsInTheLoopAndForwardsToken() => Semaphore(@"
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

class Sync
{
    private readonly HttpClient _http = new HttpClient();

    public async Task SyncAll(IEnumerable<int> ids, CancellationToken cancellationToken)
    {
        var tasks = new List<Task>();
        foreach (var id in ids)
        {
            tasks.Add([|_http.PostAsync(""/sync/"" + id, null, cancellationToken)|]);
        }

        await Task.WhenAll(tasks);
    }
}", @"
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

class Sync
{
    private const int MaxConcurrency = 8;

    private readonly HttpClient _http = new HttpClient();

    public async Task SyncAll(IEnumerable<int> ids, CancellationToken cancellationToken)
    {
        var tasks = new List<Task>();
        using var throttle = new SemaphoreSlim(MaxConcurrency);
        foreach (var id in ids)
        {
            await throttle.WaitAsync(cancellationToken);
            tasks.Add(ReleaseWhenDoneAsync(throttle, _http.PostAsync(""/sync/"" + id, null, cancellationToken)));
        }

        await Task.WhenAll(tasks);

        static async Task<TResult> ReleaseWhenDoneAsync<TResult>(SemaphoreSlim semaphore, Task<TResult> task)
        {
            try
            {
                return await task.ConfigureAwait(false);
            }
            finally
            {
                semaphore.Release();
            }
        }
    }
}");
        [Fact]
        public Task InsideAGenericMethodWithTResult_TheHelperTakesAnotherTypeParameterName()
        {
            // A local function reusing the outer method's type parameter name is warning CS8387: an error here.
            var test = new Verify.Test
            {
                CodeActionEquivalenceKey = UnboundedFanOutCodeFix.SemaphoreKey,
                EditorConfig = "dotnet_diagnostic.CS8387.severity = error",
                TestCode = @"
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

class Runner
{
    public async Task<TResult[]> RunAll<TResult>(IEnumerable<int> ids, Func<int, Task<TResult>> start)
    {
        var tasks = new List<Task<TResult>>();
        foreach (var id in ids)
        {
            tasks.Add([|start(id)|]);
        }

        return await Task.WhenAll(tasks);
    }
}",
                FixedCode = @"
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

class Runner
{
    private const int MaxConcurrency = 8;

    public async Task<TResult[]> RunAll<TResult>(IEnumerable<int> ids, Func<int, Task<TResult>> start)
    {
        var tasks = new List<Task<TResult>>();
        using var throttle = new SemaphoreSlim(MaxConcurrency);
        foreach (var id in ids)
        {
            await throttle.WaitAsync();
            tasks.Add(ReleaseWhenDoneAsync(throttle, start(id)));
        }

        return await Task.WhenAll(tasks);

        static async Task<TResult2> ReleaseWhenDoneAsync<TResult2>(SemaphoreSlim semaphore, Task<TResult2> task)
        {
            try
            {
                return await task.ConfigureAwait(false);
            }
            finally
            {
                semaphore.Release();
            }
        }
    }
}",
            };
            return test.RunAsync();
        }

        [Fact]
        public Task ForLoop_OverListCount_ArrayElement_ReturnAwaitWithResults() => Semaphore(@"
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

class Prices
{
    private Task<decimal> PriceAsync(string sku, CancellationToken ct) => Task.FromResult(sku.Length * 1m);

    public async Task<decimal[]> PricesAsync(List<string> skus, CancellationToken ct)
    {
        var tasks = new Task<decimal>[skus.Count];
        for (int i = 0; i < skus.Count; i++)
        {
            tasks[i] = [|PriceAsync(skus[i], ct)|];
        }

        return await Task.WhenAll(tasks);
    }
}", @"
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

class Prices
{
    private const int MaxConcurrency = 8;

    private Task<decimal> PriceAsync(string sku, CancellationToken ct) => Task.FromResult(sku.Length * 1m);

    public async Task<decimal[]> PricesAsync(List<string> skus, CancellationToken ct)
    {
        var tasks = new Task<decimal>[skus.Count];
        using var throttle = new SemaphoreSlim(MaxConcurrency);
        for (int i = 0; i < skus.Count; i++)
        {
            await throttle.WaitAsync(ct);
            tasks[i] = ReleaseWhenDoneAsync(throttle, PriceAsync(skus[i], ct));
        }

        return await Task.WhenAll(tasks);

        static async Task<TResult> ReleaseWhenDoneAsync<TResult>(SemaphoreSlim semaphore, Task<TResult> task)
        {
            try
            {
                return await task.ConfigureAwait(false);
            }
            finally
            {
                semaphore.Release();
            }
        }
    }
}");

        [Fact]
        public Task ForEach_TaskKeptInLocal_ThenAdded_VarResults() => Semaphore(@"
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

class Stock
{
    private Task<int> CountAsync(int id) => Task.FromResult(id);

    public async Task<int> TotalAsync(IEnumerable<int> ids)
    {
        var tasks = new List<Task<int>>();
        foreach (var id in ids)
        {
            var task = [|CountAsync(id)|];
            tasks.Add(task);
        }

        var results = await Task.WhenAll(tasks);
        return results.Sum();
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

    public async Task<int> TotalAsync(IEnumerable<int> ids)
    {
        var tasks = new List<Task<int>>();
        using var throttle = new SemaphoreSlim(MaxConcurrency);
        foreach (var id in ids)
        {
            await throttle.WaitAsync();
            var task = ReleaseWhenDoneAsync(throttle, CountAsync(id));
            tasks.Add(task);
        }

        var results = await Task.WhenAll(tasks);
        return results.Sum();

        static async Task<TResult> ReleaseWhenDoneAsync<TResult>(SemaphoreSlim semaphore, Task<TResult> task)
        {
            try
            {
                return await task.ConfigureAwait(false);
            }
            finally
            {
                semaphore.Release();
            }
        }
    }
}");

        [Fact]
        public Task TaskRun_DiscardedInLoop_SynchronousMethod_WaitsForTheWork() => Semaphore(@"
using System.Collections.Generic;
using System.Threading.Tasks;

class Pricing
{
    private void Recalculate(int id) { }

    public void RecalculateAll(List<int> ids)
    {
        foreach (var id in ids)
        {
            _ = [|Task.Run(() => Recalculate(id))|];
        }
    }
}", @"
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

class Pricing
{
    private const int MaxConcurrency = 8;

    private void Recalculate(int id) { }

    public void RecalculateAll(List<int> ids)
    {
        using var throttle = new SemaphoreSlim(MaxConcurrency);
        var tasks = new List<Task>();
        foreach (var id in ids)
        {
            throttle.Wait();
            tasks.Add(ReleaseWhenDoneAsync(throttle, Task.Run(() => Recalculate(id))));
        }

        Task.WaitAll(tasks.ToArray());

        static async Task ReleaseWhenDoneAsync(SemaphoreSlim semaphore, Task task)
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            finally
            {
                semaphore.Release();
            }
        }
    }
}");

        [Fact]
        public Task TaskRun_DiscardedInLoop_AsyncMethod_AwaitsTheWorkAndForwardsToken() => Semaphore(@"
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

class Pricing
{
    private void Recalculate(int id) { }

    public async Task RecalculateAllAsync(List<int> ids, CancellationToken token)
    {
        foreach (var id in ids)
        {
            _ = [|Task.Run(() => Recalculate(id), token)|];
        }

        await Task.Yield();
    }
}", @"
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

class Pricing
{
    private const int MaxConcurrency = 8;

    private void Recalculate(int id) { }

    public async Task RecalculateAllAsync(List<int> ids, CancellationToken token)
    {
        using var throttle = new SemaphoreSlim(MaxConcurrency);
        var tasks = new List<Task>();
        foreach (var id in ids)
        {
            await throttle.WaitAsync(token);
            tasks.Add(ReleaseWhenDoneAsync(throttle, Task.Run(() => Recalculate(id), token)));
        }

        await Task.WhenAll(tasks);

        await Task.Yield();

        static async Task ReleaseWhenDoneAsync(SemaphoreSlim semaphore, Task task)
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            finally
            {
                semaphore.Release();
            }
        }
    }
}");

        [Fact]
        public Task UnawaitedCall_BareStatementInLoopWithoutBraces_NonAsyncTaskMethod_BecomesAsync() => Semaphore(@"
using System.Collections.Generic;
using System.Threading.Tasks;

class Sync
{
    private Task PushAsync(int id) => Task.Delay(id);

    public Task PushAll(List<int> ids)
    {
        foreach (var id in ids)
            [|PushAsync(id)|];
        return Task.CompletedTask;
    }
}", @"
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

class Sync
{
    private const int MaxConcurrency = 8;

    private Task PushAsync(int id) => Task.Delay(id);

    public async Task PushAll(List<int> ids)
    {
        using var throttle = new SemaphoreSlim(MaxConcurrency);
        var tasks = new List<Task>();
        foreach (var id in ids)
        {
            await throttle.WaitAsync();
            tasks.Add(ReleaseWhenDoneAsync(throttle, PushAsync(id)));
        }

        await Task.WhenAll(tasks);

        static async Task ReleaseWhenDoneAsync(SemaphoreSlim semaphore, Task task)
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            finally
            {
                semaphore.Release();
            }
        }
    }
}");

        [Fact]
        public Task ForEach_TasksAdd_ReturnWhenAllFromNonAsyncMethod_BecomesAsync() => Semaphore(@"
using System.Collections.Generic;
using System.Threading.Tasks;

class Stock
{
    private Task<int> CountAsync(int id) => Task.FromResult(id);

    public Task<int[]> CountAll(List<int> ids)
    {
        var tasks = new List<Task<int>>();
        foreach (var id in ids)
        {
            tasks.Add([|CountAsync(id)|]);
        }

        return Task.WhenAll(tasks);
    }
}", @"
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

class Stock
{
    private const int MaxConcurrency = 8;

    private Task<int> CountAsync(int id) => Task.FromResult(id);

    public async Task<int[]> CountAll(List<int> ids)
    {
        var tasks = new List<Task<int>>();
        using var throttle = new SemaphoreSlim(MaxConcurrency);
        foreach (var id in ids)
        {
            await throttle.WaitAsync();
            tasks.Add(ReleaseWhenDoneAsync(throttle, CountAsync(id)));
        }

        return await Task.WhenAll(tasks);

        static async Task<TResult> ReleaseWhenDoneAsync<TResult>(SemaphoreSlim semaphore, Task<TResult> task)
        {
            try
            {
                return await task.ConfigureAwait(false);
            }
            finally
            {
                semaphore.Release();
            }
        }
    }
}");

        [Fact]
        public Task FixAll_TwoLoopsInOneMethod_SecondSemaphoreReusesTheHelper() => Semaphore(@"
using System.Collections.Generic;
using System.Threading.Tasks;

class Sync
{
    private Task PushAsync(int id) => Task.Delay(id);

    public async Task PushAll(List<int> ids, List<int> more)
    {
        var tasks = new List<Task>();
        foreach (var id in ids)
        {
            tasks.Add([|PushAsync(id)|]);
        }

        foreach (var id in more)
        {
            tasks.Add([|PushAsync(id)|]);
        }

        await Task.WhenAll(tasks);
    }
}", @"
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

class Sync
{
    private const int MaxConcurrency = 8;

    private Task PushAsync(int id) => Task.Delay(id);

    public async Task PushAll(List<int> ids, List<int> more)
    {
        var tasks = new List<Task>();
        using var throttle = new SemaphoreSlim(MaxConcurrency);
        foreach (var id in ids)
        {
            await throttle.WaitAsync();
            tasks.Add(ReleaseWhenDoneAsync(throttle, PushAsync(id)));
        }

        using var throttle2 = new SemaphoreSlim(MaxConcurrency);
        foreach (var id in more)
        {
            await throttle2.WaitAsync();
            tasks.Add(ReleaseWhenDoneAsync(throttle2, PushAsync(id)));
        }

        await Task.WhenAll(tasks);

        static async Task ReleaseWhenDoneAsync(SemaphoreSlim semaphore, Task task)
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            finally
            {
                semaphore.Release();
            }
        }
    }
}");

        [Fact]
        public Task ForEach_InsideLambda_TokenOfTheLambdaForwarded() => Semaphore(@"
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

class Sync
{
    private Task PushAsync(int id, CancellationToken ct) => Task.Delay(id, ct);

    public Func<List<int>, CancellationToken, Task> Pusher() => async (ids, ct) =>
    {
        var tasks = new List<Task>();
        foreach (var id in ids)
        {
            tasks.Add([|PushAsync(id, ct)|]);
        }

        await Task.WhenAll(tasks);
    };
}", @"
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

class Sync
{
    private const int MaxConcurrency = 8;

    private Task PushAsync(int id, CancellationToken ct) => Task.Delay(id, ct);

    public Func<List<int>, CancellationToken, Task> Pusher() => async (ids, ct) =>
    {
        var tasks = new List<Task>();
        using var throttle = new SemaphoreSlim(MaxConcurrency);
        foreach (var id in ids)
        {
            await throttle.WaitAsync(ct);
            tasks.Add(ReleaseWhenDoneAsync(throttle, PushAsync(id, ct)));
        }

        await Task.WhenAll(tasks);

        static async Task ReleaseWhenDoneAsync(SemaphoreSlim semaphore, Task task)
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            finally
            {
                semaphore.Release();
            }
        }
    };
}");

        [Fact]
        public Task WhenAnyLoop_AfterStartingEverythingInForEach() => Semaphore(@"
using System.Collections.Generic;
using System.Threading.Tasks;

class Sync
{
    private Task PushAsync(int id) => Task.Delay(id);

    public async Task PushAll(List<int> ids)
    {
        var pending = new List<Task>();
        foreach (var id in ids)
        {
            pending.Add([|PushAsync(id)|]);
        }

        while (pending.Count > 0)
        {
            pending.Remove(await Task.WhenAny(pending));
        }
    }
}", @"
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

class Sync
{
    private const int MaxConcurrency = 8;

    private Task PushAsync(int id) => Task.Delay(id);

    public async Task PushAll(List<int> ids)
    {
        var pending = new List<Task>();
        using var throttle = new SemaphoreSlim(MaxConcurrency);
        foreach (var id in ids)
        {
            await throttle.WaitAsync();
            pending.Add(ReleaseWhenDoneAsync(throttle, PushAsync(id)));
        }

        while (pending.Count > 0)
        {
            pending.Remove(await Task.WhenAny(pending));
        }

        static async Task ReleaseWhenDoneAsync(SemaphoreSlim semaphore, Task task)
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            finally
            {
                semaphore.Release();
            }
        }
    }
}");

        [Fact]
        public Task TasksKeptInAField_NotOffered() => Semaphore(@"
using System.Collections.Generic;
using System.Threading.Tasks;

class Sync
{
    private readonly List<Task> _running = new List<Task>();

    private Task PushAsync(int id) => Task.Delay(id);

    public void StartAll(List<int> ids)
    {
        foreach (var id in ids)
        {
            _running.Add([|PushAsync(id)|]);
        }
    }
}", @"
using System.Collections.Generic;
using System.Threading.Tasks;

class Sync
{
    private readonly List<Task> _running = new List<Task>();

    private Task PushAsync(int id) => Task.Delay(id);

    public void StartAll(List<int> ids)
    {
        foreach (var id in ids)
        {
            _running.Add([|PushAsync(id)|]);
        }
    }
}");
        [Fact]
        public Task ForEach_TokenSourceLocalInScope_ForwardedToWaitAsync() => Semaphore(@"
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

class Sync
{
    private Task PushAsync(int id, CancellationToken ct) => Task.Delay(id, ct);

    public async Task PushAll(List<int> ids)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var tasks = new List<Task>();
        foreach (var id in ids)
        {
            tasks.Add([|PushAsync(id, cts.Token)|]);
        }

        await Task.WhenAll(tasks);
    }
}", @"
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

class Sync
{
    private const int MaxConcurrency = 8;

    private Task PushAsync(int id, CancellationToken ct) => Task.Delay(id, ct);

    public async Task PushAll(List<int> ids)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var tasks = new List<Task>();
        using var throttle = new SemaphoreSlim(MaxConcurrency);
        foreach (var id in ids)
        {
            await throttle.WaitAsync(cts.Token);
            tasks.Add(ReleaseWhenDoneAsync(throttle, PushAsync(id, cts.Token)));
        }

        await Task.WhenAll(tasks);

        static async Task ReleaseWhenDoneAsync(SemaphoreSlim semaphore, Task task)
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            finally
            {
                semaphore.Release();
            }
        }
    }
}");

        [Fact]
        public Task TasksKeptInALocalNeverAwaited_NotOffered() => Semaphore(@"
using System.Collections.Generic;
using System.Threading.Tasks;

class Sync
{
    private Task PushAsync(int id) => Task.Delay(id);

    public int StartAll(List<int> ids)
    {
        var started = new List<Task>();
        foreach (var id in ids)
        {
            started.Add([|PushAsync(id)|]);
        }

        return started.Count;
    }
}", @"
using System.Collections.Generic;
using System.Threading.Tasks;

class Sync
{
    private Task PushAsync(int id) => Task.Delay(id);

    public int StartAll(List<int> ids)
    {
        var started = new List<Task>();
        foreach (var id in ids)
        {
            started.Add([|PushAsync(id)|]);
        }

        return started.Count;
    }
}");
    }
}
