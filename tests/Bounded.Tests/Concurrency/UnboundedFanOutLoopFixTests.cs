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
    }
}
