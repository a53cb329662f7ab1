using System.Threading.Tasks;
using Bounded.Analyzers.Concurrency;
using Bounded.Analyzers.Configuration;
using Bounded.Tests.Verification;
using Xunit;
using Verify = Bounded.Tests.Verification.CSharpAnalyzerVerifier<Bounded.Analyzers.Concurrency.UnboundedFanOutAnalyzer>;

namespace Bounded.Tests.Concurrency
{
    /// <summary>BND5001 — Bound the concurrency of Task fan-out: the analyzer's positive and negative shapes.</summary>
    public class UnboundedFanOutAnalyzerTests
    {
        /// <summary>A realistic service class around <paramref name="members"/>.</summary>
        private static string Service(string members) => @"
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Shop.Catalog
{
    public sealed record Product(int Id, string Sku);

    public class PriceSync
    {
        private readonly HttpClient _http = new HttpClient();

        private Task<decimal> FetchPriceAsync(Product product, CancellationToken ct) => _http.GetStringAsync(""/prices/"" + product.Sku, ct).ContinueWith(t => decimal.Parse(t.Result), ct);

        private Task SendAsync(Product product) => _http.PostAsync(""/sync/"" + product.Id, null);

        private Task SendAsync(int id) => _http.PostAsync(""/sync/"" + id, null);

        private void Recalculate(Product product) { }
" + members + @"
    }
}";

        private static Task Analyze(string members, params DiagnosticResult[] expected) =>
            Verify.VerifyAnalyzerAsync(Service(members), expected);

        // ------------------------------------------------------------------ Select + WhenAll

        [Fact]
        public Task WhenAll_SelectMethodGroup_Reported() => Analyze(@"
        public Task SyncAll(List<Product> products) => Task.WhenAll([|products.Select(SendAsync)|]);");

        [Fact]
        public Task WhenAll_SelectAsyncLambda_Reported() => Analyze(@"
        public async Task SyncAll(IEnumerable<Product> products, CancellationToken ct)
        {
            await Task.WhenAll([|products.Select(async p => { var price = await FetchPriceAsync(p, ct); Console.WriteLine(price); })|]);
        }");

        [Fact]
        public Task WhenAll_SelectTaskRunLambda_Reported() => Analyze(@"
        public Task RecalculateAll(IReadOnlyList<Product> products) => Task.WhenAll([|products.Select(p => Task.Run(() => Recalculate(p)))|]);");

        [Fact]
        public Task WhenAll_SelectWithResults_ReportedWithMessage() => Verify.VerifyAnalyzerAsync(
            Service(@"
        public async Task<decimal[]> PricesAsync(Product[] products, CancellationToken ct)
        {
            return await Task.WhenAll({|#0:products.Select(p => FetchPriceAsync(p, ct))|});
        }"),
            Verify.Diagnostic().WithLocation(0).WithMessage("Task.WhenAll starts one task per element of 'products' with no limit on how many run at once"));

        [Fact]
        public Task WhenAll_AfterToList_Reported() => Analyze(@"
        public Task SyncAll(List<Product> products) => Task.WhenAll([|products.Select(p => SendAsync(p))|].ToList());");

        [Fact]
        public Task WhenAll_AfterToArray_Reported() => Analyze(@"
        public Task SyncAll(List<Product> products) => Task.WhenAll([|products.Where(p => p.Id > 0).Select(p => SendAsync(p))|].ToArray());");

        [Fact]
        public Task WhenAll_ViaLocalHoldingTheSequence_Reported() => Analyze(@"
        public async Task SyncAll(List<Product> products)
        {
            var tasks = [|products.Select(p => SendAsync(p))|];
            Console.WriteLine(""syncing"");
            await Task.WhenAll(tasks);
        }");

        [Fact]
        public Task WhenAll_ViaLocalHoldingTheMaterializedList_Reported() => Analyze(@"
        public async Task<decimal[]> PricesAsync(List<Product> products, CancellationToken ct)
        {
            List<Task<decimal>> tasks = [|products.Select(p => FetchPriceAsync(p, ct))|].ToList();
            return await Task.WhenAll(tasks);
        }");

        [Fact]
        public Task WaitAll_OverSelect_Reported() => Analyze(@"
        public void SyncAllBlocking(List<Product> products) => Task.WaitAll([|products.Select(p => SendAsync(p))|].ToArray());");

        [Fact]
        public Task LinqQuerySyntax_Reported() => Analyze(@"
        public Task SyncAll(List<Product> products) => Task.WhenAll([|from p in products where p.Id > 0 select SendAsync(p)|]);");

        [Fact]
        public Task WhenAnyLoop_StartingEverythingUpFront_Reported() => Analyze(@"
        public async Task<decimal> FirstPriceAsync(List<Product> products, CancellationToken ct)
        {
            var pending = [|products.Select(p => FetchPriceAsync(p, ct))|].ToList();
            decimal total = 0;
            while (pending.Count > 0)
            {
                var done = await Task.WhenAny(pending);
                pending.Remove(done);
                total += await done;
            }

            return total;
        }");

        [Fact]
        public Task WhenAll_SelectOverLargerCollectionExpression_Reported() => Analyze(@"
        public Task SyncAll() => Task.WhenAll([|new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17 }.Select(id => SendAsync(id))|]);");

        [Fact]
        public Task WhenAll_SelectOverAllChunks_Reported() => Analyze(@"
        public Task SyncAll(List<Product> products) =>
            Task.WhenAll([|products.Chunk(10).Select(batch => Task.WhenAll(batch.Select(p => SendAsync(p))))|]);");

        [Fact]
        public Task WhenAll_SelectInvokingADelegate_Reported() => Analyze(@"
        public Task RunAll(List<Product> products, Func<Product, Task> handler) => Task.WhenAll([|products.Select(p => handler(p))|]);");

        [Fact]
        public Task WhenAll_EnumerableRangeOverCollectionCount_Reported() => Analyze(@"
        public Task SyncAll(List<Product> products) => Task.WhenAll([|Enumerable.Range(0, products.Count).Select(i => SendAsync(products[i]))|]);");

        // ------------------------------------------------------------------ loops

        [Fact]
        public Task ForEach_TasksAdd_ThenWhenAll_Reported() => Analyze(@"
        public async Task SyncAll(IEnumerable<Product> products)
        {
            var tasks = new List<Task>();
            foreach (var product in products)
            {
                tasks.Add([|SendAsync(product)|]);
            }

            await Task.WhenAll(tasks);
        }");

        [Fact]
        public Task ForEach_TaskKeptInLocal_ThenAdded_Reported() => Analyze(@"
        public async Task SyncAll(IEnumerable<Product> products)
        {
            var tasks = new List<Task>();
            foreach (var product in products)
            {
                var task = [|SendAsync(product)|];
                tasks.Add(task);
            }

            await Task.WhenAll(tasks);
        }");

        [Fact]
        public Task ForLoop_OverListCount_Reported() => Analyze(@"
        public async Task<decimal[]> PricesAsync(List<Product> products, CancellationToken ct)
        {
            var tasks = new Task<decimal>[products.Count];
            for (int i = 0; i < products.Count; i++)
            {
                tasks[i] = [|FetchPriceAsync(products[i], ct)|];
            }

            return await Task.WhenAll(tasks);
        }");

        [Fact]
        public Task TaskRun_DiscardedInLoop_Reported() => Analyze(@"
        public void RecalculateAll(List<Product> products)
        {
            foreach (var product in products)
            {
                _ = [|Task.Run(() => Recalculate(product))|];
            }
        }");

        [Fact]
        public Task TaskFactoryStartNew_AsBareStatementInLoop_Reported() => Analyze(@"
        public void RecalculateAll(List<Product> products)
        {
            foreach (var product in products)
            {
                [|Task.Factory.StartNew(() => Recalculate(product))|];
            }
        }");

        [Fact]
        public Task UnawaitedAsyncCall_InLoop_Reported() => Verify.VerifyAnalyzerAsync(Service(@"
        public void SyncAll(List<Product> products)
        {
            foreach (var product in products)
            {
                [|SendAsync(product)|];
            }
        }"));

        [Fact]
        public Task NestedLoop_BoundedInner_UnboundedOuter_Reported() => Analyze(@"
        private static readonly string[] Regions = { ""eu"", ""us"" };

        public async Task SyncAll(List<Product> products)
        {
            var tasks = new List<Task>();
            foreach (var product in products)
            {
                foreach (var region in Regions)
                {
                    tasks.Add([|SendAsync(product)|]);
                }
            }

            await Task.WhenAll(tasks);
        }");

        [Fact]
        public Task WhenAnyLoop_AfterStartingEverythingInForEach_Reported() => Analyze(@"
        public async Task SyncAll(List<Product> products)
        {
            var pending = new List<Task>();
            foreach (var product in products)
            {
                pending.Add([|SendAsync(product)|]);
            }

            while (pending.Count > 0)
            {
                pending.Remove(await Task.WhenAny(pending));
            }
        }");

        // ------------------------------------------------------------------ Parallel

        [Fact]
        public Task ParallelForEach_AsyncLambda_ReportedAtLambda() => Analyze(@"
        public void SyncAll(List<Product> products)
        {
            Parallel.ForEach(products, [|async product => await SendAsync(product)|]);
        }");

        [Fact]
        public Task ParallelFor_AsyncLambda_ReportedAtLambda() => Verify.VerifyAnalyzerAsync(
            Service(@"
        public void SyncAll(List<Product> products)
        {
            Parallel.For(0, products.Count, {|#0:async i => await SendAsync(products[i])|});
        }"),
            Verify.Diagnostic().WithLocation(0).WithArguments("Parallel.For with an async lambda (async void)", "0..products.Count"));

        [Fact]
        public Task ParallelForEach_SyncLambda_NotReported() => Analyze(@"
        public void RecalculateAll(List<Product> products) => Parallel.ForEach(products, p => Recalculate(p));");

        // ------------------------------------------------------------------ bounded sources

        [Fact]
        public Task ArraySource_AtMostTheLimit_NotReported() => Analyze(@"
        public Task SyncSome() => Task.WhenAll(new[] { 1, 2, 3 }.Select(id => SendAsync(id)));");

        [Fact]
        public Task CollectionExpressionSource_AtMostTheLimit_NotReported() => Analyze(@"
        public Task SyncSome()
        {
            int[] ids = [1, 2, 3, 4];
            return Task.WhenAll(ids.Select(id => SendAsync(id)));
        }");

        [Fact]
        public Task CollectionExpressionWithSpread_Reported() => Analyze(@"
        public Task SyncSome(List<int> more)
        {
            int[] ids = [1, 2, .. more];
            return Task.WhenAll([|ids.Select(id => SendAsync(id))|]);
        }");

        [Fact]
        public Task CollectionInitializerSource_AtMostTheLimit_NotReported() => Analyze(@"
        public Task SyncSome()
        {
            var ids = new List<int> { 1, 2, 3 };
            return Task.WhenAll(ids.Select(id => SendAsync(id)));
        }");

        [Fact]
        public Task CollectionInitializerLocal_GrownLater_Reported() => Analyze(@"
        public Task SyncSome(IEnumerable<int> more)
        {
            var ids = new List<int> { 1, 2, 3 };
            ids.AddRange(more);
            return Task.WhenAll([|ids.Select(id => SendAsync(id))|]);
        }");

        [Fact]
        public Task EnumerableRange_ConstantCount_NotReported() => Analyze(@"
        public Task SyncSome() => Task.WhenAll(Enumerable.Range(0, 4).Select(id => SendAsync(id)));");

        [Fact]
        public Task Take_ConstantCount_NotReported() => Analyze(@"
        public Task SyncFirst(List<Product> products) => Task.WhenAll(products.Take(10).Select(p => SendAsync(p)));");

        [Fact]
        public Task Chunk_FanOutInsideTheBatchLoop_NotReported() => Analyze(@"
        public async Task SyncAll(List<Product> products)
        {
            foreach (var batch in products.Chunk(10))
            {
                await Task.WhenAll(batch.Select(p => SendAsync(p)));
            }
        }");

        [Fact]
        public Task Chunk_LoopAddingPerBatch_AwaitedPerBatch_NotReported() => Analyze(@"
        public async Task SyncAll(List<Product> products)
        {
            foreach (var batch in products.Chunk(10))
            {
                var tasks = new List<Task>();
                foreach (var product in batch)
                {
                    tasks.Add(SendAsync(product));
                }

                await Task.WhenAll(tasks);
            }
        }");

        [Fact]
        public Task WhenAll_FixedListOfThreeNamedServices_NotReported() => Analyze(@"
        public interface IWarmable { Task WarmUpAsync(CancellationToken ct); }

        private readonly IWarmable _catalog = null!, _pricing = null!, _stock = null!;

        public Task WarmUpAsync(CancellationToken ct)
        {
            var services = new List<IWarmable> { _catalog, _pricing, _stock };
            return Task.WhenAll(services.Select(s => s.WarmUpAsync(ct)));
        }");

        [Fact]
        public Task StaticReadonlyArrayOfConstants_NotReported() => Analyze(@"
        private static readonly string[] Regions = { ""eu-west"", ""us-east"", ""ap-south"" };

        public Task WarmAllRegions() => Task.WhenAll(Regions.Select(r => _http.GetAsync(""/warm/"" + r)));");

        [Fact]
        public Task EnumValues_SmallEnum_NotReported() => Analyze(@"
        public enum Region { Eu, Us, Ap }

        public Task WarmAllRegions() => Task.WhenAll(Enum.GetValues<Region>().Select(r => _http.GetAsync(""/warm/"" + r)));");

        [Fact]
        public Task ForLoop_ConstantBound_NotReported() => Analyze(@"
        public async Task Ping()
        {
            var tasks = new List<Task>();
            for (int i = 0; i < 3; i++)
            {
                tasks.Add(SendAsync(i));
            }

            await Task.WhenAll(tasks);
        }");

        // ------------------------------------------------------------------ limits

        [Fact]
        public Task SemaphoreWaitAsyncFirstInTheLambda_NotReported() => Analyze(@"
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(8);

        public Task SyncAll(List<Product> products, CancellationToken ct) => Task.WhenAll(products.Select(async p =>
        {
            await _gate.WaitAsync(ct);
            try
            {
                await SendAsync(p);
            }
            finally
            {
                _gate.Release();
            }
        }));");

        [Fact]
        public Task SemaphoreAcquiredAfterTheFirstAwait_Reported() => Analyze(@"
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(8);

        public Task SyncAll(List<Product> products, CancellationToken ct) => Task.WhenAll([|products.Select(async p =>
        {
            // Every element fetches at once; the semaphore only bounds the send.
            var price = await FetchPriceAsync(p, ct);
            await _gate.WaitAsync(ct);
            try
            {
                await SendAsync(p);
            }
            finally
            {
                _gate.Release();
            }
        })|]);");

        [Fact]
        public Task SemaphoreAcquiredAfterTheFirstAwait_InTheCalledHelper_Reported() => Analyze(@"
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(8);

        private async Task SendThrottledAsync(Product p)
        {
            await SendAsync(p.Id);
            await _gate.WaitAsync();
            try { await SendAsync(p); } finally { _gate.Release(); }
        }

        public Task SyncAll(List<Product> products) => Task.WhenAll([|products.Select(SendThrottledAsync)|]);");

        [Fact]
        public Task SemaphoreAcquiredAfterTheFirstAwait_InsideTaskRun_Reported() => Analyze(@"
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(4);

        public Task SyncAll(List<Product> products) => Task.WhenAll([|products.Select(p => Task.Run(async () =>
        {
            await SendAsync(p.Id);
            await _gate.WaitAsync();
            try { await SendAsync(p); } finally { _gate.Release(); }
        }))|]);");

        [Fact]
        public Task SemaphoreAcquiredAfterSyncWorkOnly_NotReported() => Analyze(@"
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(8);

        public Task SyncAll(List<Product> products, CancellationToken ct) => Task.WhenAll(products.Select(async p =>
        {
            // Work before the first await is synchronous: it runs one element at a time.
            Recalculate(p);
            await _gate.WaitAsync(ct).ConfigureAwait(false);
            try { await SendAsync(p); } finally { _gate.Release(); }
        }));");

        [Fact]
        public Task SemaphoreAcquiredFirst_AwaitInNestedLambdaBefore_NotReported() => Analyze(@"
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(8);

        public Task SyncAll(List<Product> products, CancellationToken ct) => Task.WhenAll(products.Select(async p =>
        {
            Func<Task> later = async () => await SendAsync(p.Id);
            await _gate.WaitAsync(ct);
            try { await later(); } finally { _gate.Release(); }
        }));");

        [Fact]
        public Task SemaphoreInTheCalledHelper_NotReported() => Analyze(@"
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(8);

        private async Task SendThrottledAsync(Product p)
        {
            await _gate.WaitAsync();
            try { await SendAsync(p); } finally { _gate.Release(); }
        }

        public Task SyncAll(List<Product> products) => Task.WhenAll(products.Select(SendThrottledAsync));");

        [Fact]
        public Task SemaphoreInsideTaskRun_NotReported() => Analyze(@"
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(4);

        public Task RecalculateAll(List<Product> products) => Task.WhenAll(products.Select(p => Task.Run(async () =>
        {
            await _gate.WaitAsync();
            try { Recalculate(p); } finally { _gate.Release(); }
        })));");

        [Fact]
        public Task RateLimiterLease_NotReported() => Analyze(@"
        private readonly System.Threading.RateLimiting.ConcurrencyLimiter _limiter =
            new(new System.Threading.RateLimiting.ConcurrencyLimiterOptions { PermitLimit = 8, QueueLimit = int.MaxValue });

        public Task SyncAll(List<Product> products, CancellationToken ct) => Task.WhenAll(products.Select(async p =>
        {
            using var lease = await _limiter.AcquireAsync(1, ct);
            await SendAsync(p);
        }));");

        [Fact]
        public Task PollyBulkhead_NotReported() => Verify.VerifyAnalyzerAsync(Service(@"
        public Task SyncAll(List<Product> products, Polly.Bulkhead.AsyncBulkheadPolicy bulkhead) =>
            Task.WhenAll(products.Select(p => bulkhead.ExecuteAsync(() => SendAsync(p))));") + @"
namespace Polly.Bulkhead
{
    public class AsyncBulkheadPolicy
    {
        public System.Threading.Tasks.Task ExecuteAsync(System.Func<System.Threading.Tasks.Task> action) => action();
    }
}");

        [Fact]
        public Task ParallelForEachAsync_NotReported() => Analyze(@"
        public Task SyncAll(List<Product> products, CancellationToken ct) =>
            Parallel.ForEachAsync(products, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (p, token) => await SendAsync(p));");

        [Fact]
        public Task WhenAll_SeparatelyWrittenTasks_NotReported() => Analyze(@"
        public async Task<decimal> Totals(Product a, Product b, Product c, CancellationToken ct)
        {
            var first = FetchPriceAsync(a, ct);
            var second = FetchPriceAsync(b, ct);
            var third = FetchPriceAsync(c, ct);
            var prices = await Task.WhenAll(first, second, third);
            return prices.Sum();
        }");

        [Fact]
        public Task DataflowActionBlock_WithMaxDegreeOfParallelism_NotReported() => Analyze(@"
        public async Task SyncAll(List<Product> products)
        {
            var block = new System.Threading.Tasks.Dataflow.ActionBlock<Product>(
                p => SendAsync(p),
                new System.Threading.Tasks.Dataflow.ExecutionDataflowBlockOptions { MaxDegreeOfParallelism = 4 });
            var accepted = new List<Task<bool>>();
            foreach (var product in products)
            {
                accepted.Add(System.Threading.Tasks.Dataflow.DataflowBlock.SendAsync(block, product));
            }

            await Task.WhenAll(accepted);
            block.Complete();
            await block.Completion;
        }");

        [Fact]
        public Task DataflowActionBlock_PostInLoop_NotReported() => Analyze(@"
        public async Task SyncAll(List<Product> products)
        {
            var block = new System.Threading.Tasks.Dataflow.ActionBlock<Product>(
                p => SendAsync(p),
                new System.Threading.Tasks.Dataflow.ExecutionDataflowBlockOptions { MaxDegreeOfParallelism = 4 });
            foreach (var product in products)
            {
                block.Post(product);
            }

            block.Complete();
            await block.Completion;
        }");

        [Fact]
        public Task SelectNotStartingATask_NotReported() => Analyze(@"
        public Task<int[]> AllDone(List<TaskCompletionSource<int>> pending) => Task.WhenAll(pending.Select(p => p.Task));");

        [Fact]
        public Task ContinuationsOfExistingTasks_NotReported() => Analyze(@"
        public async Task LogWhenDone(List<Task> running)
        {
            var logged = new List<Task>();
            foreach (var task in running)
            {
                logged.Add(task.ContinueWith(t => Console.WriteLine(t.Status)));
            }

            await Task.WhenAll(running.Select(t => t.WaitAsync(TimeSpan.FromSeconds(5))));
            await Task.WhenAll(logged);
        }");

        [Fact]
        public Task SelectOfCompletedTasks_NotReported() => Analyze(@"
        public Task<int[]> Ids(List<Product> products) => Task.WhenAll(products.Select(p => Task.FromResult(p.Id)));");

        // ------------------------------------------------------------------ realistic code that is not unbounded fan-out

        [Fact]
        public Task SelectAwaitedOneByOne_NotReported() => Analyze(@"
        public async Task SyncAll(List<Product> products)
        {
            foreach (var task in products.Select(p => SendAsync(p)))
            {
                await task;
            }
        }");

        [Fact]
        public Task TasksStartedInLoop_AwaitedInTheSameIteration_NotReported() => Analyze(@"
        public async Task<List<decimal>> PricesAsync(List<Product> products, CancellationToken ct)
        {
            var prices = new List<decimal>();
            var tasks = new List<Task<decimal>>();
            foreach (var product in products)
            {
                var task = FetchPriceAsync(product, ct);
                tasks.Add(task);
                prices.Add(await task);
            }

            return prices;
        }");

        [Fact]
        public Task AwaitedCallInLoop_NotReported() => Analyze(@"
        public async Task SyncAll(List<Product> products)
        {
            foreach (var product in products)
            {
                await SendAsync(product);
            }
        }");

        [Fact]
        public Task ThrottledLoop_WhenAnyWhenFull_NotReported() => Analyze(@"
        public async Task SyncAll(List<Product> products)
        {
            var running = new List<Task>();
            foreach (var product in products)
            {
                if (running.Count >= 8)
                {
                    running.Remove(await Task.WhenAny(running));
                }

                running.Add(SendAsync(product));
            }

            await Task.WhenAll(running);
        }");

        [Fact]
        public Task SemaphoreWaitBeforeStartingInLoop_NotReported() => Analyze(@"
        public async Task SyncAll(List<Product> products, CancellationToken ct)
        {
            using var gate = new SemaphoreSlim(8);
            var tasks = new List<Task>();
            foreach (var product in products)
            {
                await gate.WaitAsync(ct);
                tasks.Add(Task.Run(async () => { try { await SendAsync(product); } finally { gate.Release(); } }));
            }

            await Task.WhenAll(tasks);
        }");

        [Fact]
        public Task WorkerPool_ForOverWorkerCount_NotReported() => Analyze(@"
        public async Task ConsumeAsync(System.Threading.Channels.Channel<Product> channel, int workerCount, CancellationToken ct)
        {
            var workers = new List<Task>();
            for (int i = 0; i < workerCount; i++)
            {
                workers.Add(Task.Run(async () =>
                {
                    await foreach (var product in channel.Reader.ReadAllAsync(ct))
                    {
                        await SendAsync(product);
                    }
                }));
            }

            await Task.WhenAll(workers);
        }");

        [Fact]
        public Task RangeWithParameterCount_Reported() => Analyze(@"
        public Task SyncMany(int count) => Task.WhenAll([|Enumerable.Range(1, count).Select(id => SendAsync(id))|]);");

        [Fact]
        public Task RangeWithFieldCount_InLoop_Reported() => Analyze(@"
        private int _pages = 100;

        public async Task SyncPages()
        {
            var tasks = new List<Task>();
            foreach (var page in Enumerable.Range(0, _pages))
            {
                tasks.Add([|SendAsync(page)|]);
            }

            await Task.WhenAll(tasks);
        }");

        [Fact]
        public Task RangeWithConstantCountAtTheLimit_NotReported() => Analyze(@"
        private const int Shards = 16;

        public Task SyncShards(int first) => Task.WhenAll(Enumerable.Range(first, Shards).Select(id => SendAsync(id)));");

        [Fact]
        public Task RangeWithMathMinOfAConstant_NotReported() => Analyze(@"
        public Task SyncSome(int count) => Task.WhenAll(Enumerable.Range(0, Math.Min(count, 8)).Select(id => SendAsync(id)));");

        [Fact]
        public Task RepeatWithParameterCount_Reported() => Analyze(@"
        public Task SendCopies(Product product, int copies) => Task.WhenAll([|Enumerable.Repeat(product, copies).Select(SendAsync)|]);");

        [Fact]
        public Task WorkerPool_RangeOverProcessorCount_NotReported() => Analyze(@"
        public Task ConsumeAsync(System.Threading.Channels.ChannelReader<Product> reader, CancellationToken ct) =>
            Task.WhenAll(Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(async () =>
            {
                while (await reader.WaitToReadAsync(ct))
                {
                    while (reader.TryRead(out var product))
                    {
                        await SendAsync(product);
                    }
                }
            })));");

        [Fact]
        public Task ChannelProducer_WriteAsyncInLoop_NotReported() => Analyze(@"
        public void Produce(System.Threading.Channels.ChannelWriter<Product> writer, List<Product> products)
        {
            foreach (var product in products)
            {
                _ = writer.WriteAsync(product);
            }
        }");

        [Fact]
        public Task ChannelConsumer_AwaitForEach_NotReported() => Analyze(@"
        public async Task ConsumeAsync(System.Threading.Channels.ChannelReader<Product> reader, CancellationToken ct)
        {
            await foreach (var product in reader.ReadAllAsync(ct))
            {
                await SendAsync(product);
            }
        }");

        [Fact]
        public Task SelectMaterializedButNotPassedToACombinator_NotReported() => Analyze(@"
        public IEnumerable<Task> Lazy(List<Product> products) => products.Select(p => SendAsync(p));");

        [Fact]
        public Task LoopWithoutKeepingTheTask_NotReported() => Analyze(@"
        public async Task<int> CountAll(List<Product> products)
        {
            int count = 0;
            foreach (var product in products)
            {
                var task = SendAsync(product);
                await task;
                count++;
            }

            return count;
        }");

        [Fact]
        public Task WhenAll_InsideLambda_Reported() => Analyze(@"
        public Func<List<Product>, Task> MakeSync() => products => Task.WhenAll([|products.Select(p => SendAsync(p))|]);");

        // ------------------------------------------------------------------ option

        [Fact]
        public async Task Option_LowerLimit_ReportsSmallArray()
        {
            var test = new Verify.Test
            {
                TestCode = Service(@"
        public Task SyncSome() => Task.WhenAll([|new[] { 1, 2, 3, 4, 5 }.Select(id => SendAsync(id))|]);"),
                EditorConfig = "bounded.BND5001.max_fixed_fan_out = 4",
            };
            await test.RunAsync();
        }

        [Fact]
        public async Task Option_HigherLimit_AcceptsLargerArray()
        {
            var test = new Verify.Test
            {
                TestCode = Service(@"
        public Task SyncSome() => Task.WhenAll(new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 }.Select(id => SendAsync(id)));"),
                EditorConfig = "bounded.BND5001.max_fixed_fan_out = 32",
            };
            await test.RunAsync();
        }

        [Fact]
        public async Task Option_Malformed_ReportsBND0001_AndFallsBackTo16()
        {
            var test = new Verify.Test
            {
                TestCode = Service(@"
        public Task SyncSixteen() => Task.WhenAll(Enumerable.Range(0, 16).Select(id => SendAsync(id)));

        public Task SyncSeventeen() => Task.WhenAll([|Enumerable.Range(0, 17).Select(id => SendAsync(id))|]);"),
                EditorConfig = "bounded.BND5001.max_fixed_fan_out = many",
            };
            test.Analyzers.Add(new InvalidOptionAnalyzer());
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("BND0001").WithNoLocation());
            await test.RunAsync();
        }

        // ------------------------------------------------------------------ robustness

        [Fact]
        public Task BrokenCode_NoDiagnosticNoException() => Verify.VerifyAnalyzerAsync(Service(@"
        public Task SyncAll(List<Product> products) => Task.WhenAll(products.Select(p => {|CS0103:Missing|}(p)));
        public void Loop({|CS0246:Unknown|} items) { foreach (var x in items) { _ = Task.Run(() => x.Go()); } }"));
    }
}
