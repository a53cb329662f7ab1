using System.Threading.Tasks;
using Bounded.CodeFixes.Concurrency;
using Xunit;
using Verify = Bounded.Tests.Verification.CSharpCodeFixVerifier<Bounded.Analyzers.Concurrency.UnboundedFanOutAnalyzer, Bounded.CodeFixes.Concurrency.UnboundedFanOutCodeFix>;

namespace Bounded.Tests.Concurrency
{
    /// <summary>BND5001 fixes on LINQ query syntax, block-bodied non-async lambdas, blocking hosts and Parallel.ForEach/For with an async lambda.</summary>
    public class UnboundedFanOutShapeFixTests
    {
        private static Task Fix(string source, string fixedSource, string key)
        {
            var test = new Verify.Test { TestCode = source, FixedCode = fixedSource, CodeActionEquivalenceKey = key };
            return test.RunAsync();
        }

        private static Task Semaphore(string source, string fixedSource) => Fix(source, fixedSource, UnboundedFanOutCodeFix.SemaphoreKey);

        private static Task ForEachAsync(string source, string fixedSource) => Fix(source, fixedSource, UnboundedFanOutCodeFix.ForEachAsyncKey);

        [Fact]
        public Task Semaphore_LinqQuerySyntax_ExpressionBodiedMember_ForwardsToken() => Semaphore(@"
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

class Sync
{
    private Task PushAsync(int id, CancellationToken ct) => Task.Delay(id, ct);

    public Task PushAll(List<int> ids, CancellationToken ct) => Task.WhenAll([|from id in ids where id > 0 select PushAsync(id, ct)|]);
}", @"
using System;
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
        await Task.WhenAll(from id in ids where id > 0 select WithPermitAsync(throttle, () => PushAsync(id, ct), ct));

        static async Task WithPermitAsync(SemaphoreSlim semaphore, Func<Task> start, CancellationToken cancellationToken)
        {
            await semaphore.WaitAsync(cancellationToken);
            try
            {
                await start();
            }
            finally
            {
                semaphore.Release();
            }
        }
    }
}");

        [Fact]
        public Task Semaphore_LinqQuerySyntax_VarResults() => Semaphore(@"
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

class Stock
{
    private Task<int> CountAsync(int id) => Task.FromResult(id);

    public async Task<int> TotalAsync(List<int> ids)
    {
        var results = await Task.WhenAll([|from id in ids let key = id * 2 select CountAsync(key)|]);
        return results.Sum();
    }
}", @"
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

class Stock
{
    private const int MaxConcurrency = 8;

    private Task<int> CountAsync(int id) => Task.FromResult(id);

    public async Task<int> TotalAsync(List<int> ids)
    {
        using var throttle = new SemaphoreSlim(MaxConcurrency);
        var results = await Task.WhenAll(from id in ids let key = id * 2 select WithPermitAsync(throttle, () => CountAsync(key)));
        return results.Sum();

        static async Task<TResult> WithPermitAsync<TResult>(SemaphoreSlim semaphore, Func<Task<TResult>> start)
        {
            await semaphore.WaitAsync();
            try
            {
                return await start();
            }
            finally
            {
                semaphore.Release();
            }
        }
    }
}");

        [Fact]
        public Task Semaphore_BlockBodiedNonAsyncLambda_ReturnAwaitWithResults() => Semaphore(@"
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

class Stock
{
    private Task<int> CountAsync(int id, CancellationToken ct) => Task.FromResult(id);

    public async Task<int[]> CountAll(List<int> ids, CancellationToken ct)
    {
        return await Task.WhenAll([|ids.Select(id =>
        {
            var key = id * 2;
            return CountAsync(key, ct);
        })|]);
    }
}", @"
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

class Stock
{
    private const int MaxConcurrency = 8;

    private Task<int> CountAsync(int id, CancellationToken ct) => Task.FromResult(id);

    public async Task<int[]> CountAll(List<int> ids, CancellationToken ct)
    {
        using var throttle = new SemaphoreSlim(MaxConcurrency);
        return await Task.WhenAll(ids.Select(async id =>
        {
            await throttle.WaitAsync(ct);
            try
            {
                var key = id * 2;
                return await CountAsync(key, ct);
            }
            finally
            {
                throttle.Release();
            }
        }));
    }
}");

        [Fact]
        public Task Semaphore_BlockBodiedNonAsyncLambda_WithoutResult_EarlyReturn() => Semaphore(@"
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

class Sync
{
    private Task PushAsync(int id) => Task.Delay(id);

    public async Task PushAll(List<int> ids)
    {
        await Task.WhenAll([|ids.Select(id =>
        {
            if (id < 0)
                return Task.CompletedTask;
            return PushAsync(id);
        })|]);
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

    public async Task PushAll(List<int> ids)
    {
        using var throttle = new SemaphoreSlim(MaxConcurrency);
        await Task.WhenAll(ids.Select(async id =>
        {
            await throttle.WaitAsync();
            try
            {
                if (id < 0)
                    return;
                await PushAsync(id);
            }
            finally
            {
                throttle.Release();
            }
        }));
    }
}");

        [Fact]
        public Task Semaphore_WaitAllInSynchronousExpressionBodiedMember_Disposes() => Semaphore(@"
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

class Sync
{
    private Task PushAsync(int id) => Task.Delay(id);

    public void PushAllBlocking(List<int> ids) => Task.WaitAll([|ids.Select(id => PushAsync(id))|].ToArray());
}", @"
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

class Sync
{
    private const int MaxConcurrency = 8;

    private Task PushAsync(int id) => Task.Delay(id);

    public void PushAllBlocking(List<int> ids)
    {
        using var throttle = new SemaphoreSlim(MaxConcurrency);
        Task.WaitAll(ids.Select(async id =>
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
        }).ToArray());
    }
}");

        [Fact]
        public Task Semaphore_ParallelForEachAsyncLambda_SynchronousMethod_AddsLinqAndWaits() => Semaphore(@"
using System.Collections.Generic;
using System.Threading.Tasks;

class Sync
{
    private Task PushAsync(int id) => Task.Delay(id);

    public void PushAll(List<int> ids)
    {
        Parallel.ForEach(ids, [|async id => await PushAsync(id)|]);
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

    public void PushAll(List<int> ids)
    {
        using var throttle = new SemaphoreSlim(MaxConcurrency);
        Task.WhenAll(ids.Select(async id =>
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
        })).GetAwaiter().GetResult();
    }
}");

        [Fact]
        public Task Semaphore_ParallelForAsyncLambda_AsyncMethod_ForwardsToken() => Semaphore(@"
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

class Sync
{
    private Task PushAsync(int id, CancellationToken ct) => Task.Delay(id, ct);

    public async Task PushAll(List<int> ids, CancellationToken token)
    {
        Parallel.For(0, ids.Count, [|async i =>
        {
            await PushAsync(ids[i], token);
        }|]);
        await Task.Yield();
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

    public async Task PushAll(List<int> ids, CancellationToken token)
    {
        using var throttle = new SemaphoreSlim(MaxConcurrency);
        await Task.WhenAll(Enumerable.Range(0, ids.Count).Select(async i =>
        {
            await throttle.WaitAsync(token);
            try
            {
                await PushAsync(ids[i], token);
            }
            finally
            {
                throttle.Release();
            }
        }));
        await Task.Yield();
    }
}");

        [Fact]
        public Task ForEachAsync_ParallelForAsyncLambda_BecomesForAsync() => ForEachAsync(@"
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

class Sync
{
    private Task PushAsync(int id, CancellationToken ct) => Task.Delay(id, ct);

    public async Task PushAll(List<int> ids, CancellationToken token)
    {
        Parallel.For(0, ids.Count, [|async i => await PushAsync(ids[i], token)|]);
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
        await Parallel.ForAsync(0, ids.Count, new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrency, CancellationToken = token }, async (i, ct) => await PushAsync(ids[i], ct));
        await Task.Yield();
    }
}");

        [Fact]
        public Task ForEachAsync_ParallelForEachAsyncLambda_SynchronousMethod_WaitsForTheLoop() => ForEachAsync(@"
using System.Collections.Generic;
using System.Threading.Tasks;

class Sync
{
    private Task PushAsync(int id) => Task.Delay(id);

    public void PushAll(List<int> ids)
    {
        Parallel.ForEach(ids, [|async id => await PushAsync(id)|]);
    }
}", @"
using System.Collections.Generic;
using System.Threading.Tasks;

class Sync
{
    private const int MaxConcurrency = 8;

    private Task PushAsync(int id) => Task.Delay(id);

    public void PushAll(List<int> ids)
    {
        Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrency }, async (id, ct) => await PushAsync(id)).GetAwaiter().GetResult();
    }
}");

        [Fact]
        public Task ForEachAsync_ParallelForEachAsyncLambda_NonAsyncTaskMethod_BecomesAsync() => ForEachAsync(@"
using System.Collections.Generic;
using System.Threading.Tasks;

class Sync
{
    private Task PushAsync(int id) => Task.Delay(id);

    public Task PushAll(List<int> ids)
    {
        Parallel.ForEach(ids, [|async id => await PushAsync(id)|]);
        return Task.CompletedTask;
    }
}", @"
using System.Collections.Generic;
using System.Threading.Tasks;

class Sync
{
    private const int MaxConcurrency = 8;

    private Task PushAsync(int id) => Task.Delay(id);

    public async Task PushAll(List<int> ids)
    {
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrency }, async (id, ct) => await PushAsync(id));
    }
}");
        [Fact]
        public Task Semaphore_ParallelForEachAsyncLambda_ExpressionBodiedVoidMember() => Semaphore(@"
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

class Sync
{
    private Task PushAsync(int id, CancellationToken ct) => Task.Delay(id, ct);

    public void PushAll(List<int> ids, CancellationToken ct) => Parallel.ForEach(ids, [|async id => await PushAsync(id, ct)|]);
}", @"
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

class Sync
{
    private const int MaxConcurrency = 8;

    private Task PushAsync(int id, CancellationToken ct) => Task.Delay(id, ct);

    public void PushAll(List<int> ids, CancellationToken ct)
    {
        using var throttle = new SemaphoreSlim(MaxConcurrency);
        Task.WhenAll(ids.Select(async id =>
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
        })).GetAwaiter().GetResult();
    }
}");

        [Fact]
        public Task Semaphore_FixAll_TwoQueriesInOneMethod_ReuseTheHelper() => Semaphore(@"
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

class Sync
{
    private Task PushAsync(int id) => Task.Delay(id);

    public async Task PushAll(List<int> ids, List<int> more)
    {
        await Task.WhenAll([|from id in ids select PushAsync(id)|]);
        await Task.WhenAll([|from id in more select PushAsync(id)|]);
    }
}", @"
using System;
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
        await Task.WhenAll(from id in ids select WithPermitAsync(throttle, () => PushAsync(id)));
        using var throttle2 = new SemaphoreSlim(MaxConcurrency);
        await Task.WhenAll(from id in more select WithPermitAsync(throttle2, () => PushAsync(id)));

        static async Task WithPermitAsync(SemaphoreSlim semaphore, Func<Task> start)
        {
            await semaphore.WaitAsync();
            try
            {
                await start();
            }
            finally
            {
                semaphore.Release();
            }
        }
    }
}");
        [Fact]
        public Task Semaphore_NotOffered_SynchronousHostThatDoesNotWaitForTheWork() => Semaphore(@"
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

class Sync
{
    private Task _pending = Task.CompletedTask;

    private Task PushAsync(int id) => Task.Delay(id);

    public void StartAll(List<int> ids)
    {
        _pending = Task.WhenAll([|ids.Select(id => PushAsync(id))|]);
    }
}", @"
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

class Sync
{
    private Task _pending = Task.CompletedTask;

    private Task PushAsync(int id) => Task.Delay(id);

    public void StartAll(List<int> ids)
    {
        _pending = Task.WhenAll([|ids.Select(id => PushAsync(id))|]);
    }
}");
    }
}
