using System.Threading.Tasks;
using Bounded.Analyzers.Async;
using Xunit;
using Verify = Bounded.Tests.Verification.CSharpAnalyzerVerifier<Bounded.Analyzers.Async.DoNotBlockOnAsyncCodeAnalyzer>;

namespace Bounded.Tests.Async
{
    public class DoNotBlockOnAsyncCodeAnalyzerTests
    {
        private static string Wrap(string members, string usings = "") => @"using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
" + usings + @"
namespace Shop
{
    public class Service
    {
        private static Task<int> LoadAsync() => Task.Run(() => 42);
        private static Task SaveAsync() => Task.Delay(1);
        private static ValueTask<int> ReadAsync() => new ValueTask<int>(Task.Run(() => 1));
" + members + @"
    }
}
";

        // ---- positives ----

        [Fact]
        public Task Result_OnTask_InSyncMethod() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public int Get() => [|LoadAsync().Result|];"));

        [Fact]
        public Task Wait_OnTask() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public void Save() { [|SaveAsync().Wait()|]; }"));

        [Fact]
        public Task WaitWithTimeout_OnTask() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public bool Save() => [|SaveAsync().Wait(1000)|];"));

        [Fact]
        public Task GetAwaiterGetResult_OnTask() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public int Get() => [|LoadAsync().GetAwaiter().GetResult()|];"));

        [Fact]
        public Task GetAwaiterGetResult_OnValueTask() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public int Get() => [|ReadAsync().GetAwaiter().GetResult()|];"));

        [Fact]
        public Task Result_OnValueTask() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public int Get() => [|ReadAsync().Result|];"));

        [Fact]
        public Task ConfigureAwaitFalse_GetAwaiterGetResult() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public int Get() => [|LoadAsync().ConfigureAwait(false).GetAwaiter().GetResult()|];"));

        [Fact]
        public Task WaitAll_InSyncCode() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public void Save() { [|Task.WaitAll(SaveAsync(), SaveAsync())|]; }"));

        [Fact]
        public Task WaitAny_InSyncCode() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public int First() => [|Task.WaitAny(SaveAsync(), SaveAsync())|];"));

        [Fact]
        public Task AsTaskWait_Chain_ReportedOnceAtTheOutermost() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public void Read() { [|ReadAsync().AsTask().Wait()|]; }"));

        [Fact]
        public Task NestedResult_ReportedOnceAtTheOutermost() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public int First(Task<Task<int>> nested) => [|nested.Result.Result|];"));

        [Fact]
        public Task Result_InAsyncMethod() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public async Task<int> GetAsync() { await Task.Yield(); return [|LoadAsync().Result|]; }"));

        [Fact]
        public Task Result_OnAwaitedTaskOnOnlyOneBranch_IsReported() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public async Task<int> GetAsync(bool b)
        {
            var t = LoadAsync();
            if (b)
            {
                await t;
            }

            return [|t.Result|];
        }"));

        [Fact]
        public Task Result_AfterAwaitInsideTry_IsReported() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public async Task<int> GetAsync()
        {
            var t = LoadAsync();
            try { await t; } catch (InvalidOperationException) { }
            return [|t.Result|];
        }"));

        [Fact]
        public Task Result_AfterAwaitOfAnotherTask_IsReported() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public async Task<int> GetAsync()
        {
            var t = LoadAsync();
            var u = LoadAsync();
            await u;
            return [|t.Result|];
        }"));

        [Fact]
        public Task Result_AfterAwait_ButReassigned_IsReported() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public async Task<int> GetAsync()
        {
            var t = LoadAsync();
            await t;
            t = LoadAsync();
            return [|t.Result|];
        }"));

        [Fact]
        public Task Result_InElseOfIsCompleted_IsReported() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public int Get(Task<int> t) => t.IsCompleted ? 0 : [|t.Result|];"));

        [Fact]
        public Task Result_InsideIsCompletedOfAnotherTask_IsReported() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public int Get(Task<int> t, Task<int> u) => u.IsCompleted ? [|t.Result|] : 0;"));

        [Fact]
        public Task Result_AfterWhenAllOverOtherTasks_IsReported() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public async Task<int> GetAsync()
        {
            var a = LoadAsync();
            var b = LoadAsync();
            await Task.WhenAll(a);
            return [|b.Result|];
        }"));

        [Fact]
        public Task Result_OnNonAntecedentInsideContinueWith_IsReported() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public Task<int> Get(Task<int> other) => LoadAsync().ContinueWith(t => t.Result + [|other.Result|]);"));

        [Fact]
        public Task Result_WithAwaitInConditionalBranchOfSameStatement_IsReported() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public async Task<int> GetAsync(bool b)
        {
            var t = LoadAsync();
            var x = b ? await t : 0;
            return x + [|t.Result|];
        }"));

        [Fact]
        public Task Result_InsideLock_IsStillReported() => Verify.VerifyAnalyzerAsync(Wrap(@"
        private readonly object _gate = new object();
        public int Get() { lock (_gate) { return [|LoadAsync().Result|]; } }"));

        // ---- negatives: known complete ----

        [Fact]
        public Task Result_AfterAwaitOfSameLocal() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public async Task<int> GetAsync()
        {
            var t = LoadAsync();
            await t;
            return t.Result;
        }"));

        [Fact]
        public Task Result_AfterAwaitConfigureAwaitOfSameParameter() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public async Task<int> GetAsync(Task<int> t)
        {
            var first = await t.ConfigureAwait(false);
            return first + t.Result + t.GetAwaiter().GetResult();
        }"));

        [Fact]
        public Task Result_AfterWhenAllOverTheSameTasks() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public async Task<int> GetAsync()
        {
            var a = LoadAsync();
            var b = LoadAsync();
            await Task.WhenAll(a, b);
            return a.Result + b.Result;
        }"));

        [Fact]
        public Task Result_AfterWhenAllOverTheCollection_InForeach() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public async Task<int> SumAsync()
        {
            var tasks = new List<Task<int>> { LoadAsync(), LoadAsync() };
            await Task.WhenAll(tasks).ConfigureAwait(false);
            int sum = 0;
            foreach (var t in tasks)
            {
                sum += t.Result;
            }

            return sum;
        }"));

        [Fact]
        public Task Result_AfterWhenAllOverTheCollection_InLinqAndIndexer() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public async Task<int> SumAsync(Task<int>[] tasks)
        {
            await Task.WhenAll(tasks);
            return tasks.Select(t => t.Result).Sum() + tasks[0].Result;
        }"));

        [Fact]
        public Task Result_AfterAwaitOnBothBranchesOfIfElse() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public async Task<int> GetAsync(bool x)
        {
            var t = LoadAsync();
            if (x) await t; else await t.ConfigureAwait(false);
            return t.Result;
        }"));

        [Fact]
        public Task Result_AfterAwaitOnBothBranches_InBlocks() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public async Task<int> GetAsync(Task<int> t, bool x)
        {
            if (x)
            {
                Console.WriteLine(1);
                await t;
            }
            else
            {
                var value = await t.ConfigureAwait(false);
                Console.WriteLine(value);
            }

            return t.Result;
        }"));

        [Fact]
        public Task Result_AfterAwaitOnEveryBranchOfElseIfChain() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public async Task<int> GetAsync(Task<int> t, int mode)
        {
            if (mode == 0)
                await t;
            else if (mode == 1)
                await t.ConfigureAwait(false);
            else
                await Task.WhenAll(t);
            return t.Result;
        }"));

        [Fact]
        public Task Result_AfterAwaitOnOneBranch_OtherBranchThrows() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public async Task<int> GetAsync(Task<int> t, bool x)
        {
            if (x)
                await t;
            else
                throw new InvalidOperationException();
            return t.Result;
        }"));

        [Fact]
        public Task Result_AfterAwaitOnOneBranchOfElseIfChainOnly_IsReported() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public async Task<int> GetAsync(Task<int> t, int mode)
        {
            if (mode == 0)
                await t;
            else if (mode == 1)
                Console.WriteLine(mode);
            else
                await t;
            return [|t.Result|];
        }"));

        [Fact]
        public Task Result_AfterAwaitOnBothBranches_OfAnotherTask_IsReported() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public async Task<int> GetAsync(Task<int> t, Task<int> u, bool x)
        {
            if (x) await u; else await t;
            return [|t.Result|];
        }"));

        [Fact]
        public Task Result_AfterAwaitOnBothBranches_OneBranchBreaks_IsReported() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public async Task<int> GetAsync(Task<int> t, bool x)
        {
            int sum = 0;
            while (sum < 10)
            {
                if (x) { if (sum > 5) break; await t; } else await t;
                sum += 1;
            }

            return sum + [|t.Result|];
        }"));

        [Fact]
        public Task Result_InsideIfIsCompleted() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public int Get(Task<int> t)
        {
            if (t.IsCompleted)
            {
                return t.Result;
            }

            return -1;
        }"));

        [Fact]
        public Task Result_InsideIsCompletedSuccessfully_AndStatusChecks() => Verify.VerifyAnalyzerAsync(Wrap(@"
        private Task<int> _cached = LoadAsync();
        public int Get(Task<int> t, ValueTask<int> v)
        {
            int a = t.IsCompletedSuccessfully ? t.Result : 0;
            int b = t.Status == TaskStatus.RanToCompletion ? t.Result : 0;
            int c = v.IsCompletedSuccessfully && v.Result > 0 ? 1 : 0;
            int d = _cached.IsCompleted ? _cached.Result : 0;
            return a + b + c + d;
        }"));

        [Fact]
        public Task Result_AfterGuardClauseOnIsCompleted() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public int Get(Task<int> t)
        {
            if (!t.IsCompleted)
            {
                return -1;
            }

            return t.Result;
        }"));

        [Fact]
        public Task Result_OnContinueWithAntecedent() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public Task<int> Get() => LoadAsync().ContinueWith(previous => previous.Result + 1);
        public Task All(Task<int>[] tasks) => Task.Factory.ContinueWhenAll(tasks, done => done[0].Result);"));

        [Fact]
        public Task FromResult_CompletedTask_ValueTaskFromResult() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public int Get()
        {
            Task.CompletedTask.Wait();
            Task.CompletedTask.GetAwaiter().GetResult();
            Task.WaitAll(Task.CompletedTask, Task.FromResult(1));
            return Task.FromResult(1).Result + ValueTask.FromResult(2).Result + new ValueTask<int>(3).Result;
        }"));

        [Fact]
        public Task Result_OfAwaitedWhenAny() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public async Task<int> FirstAsync()
        {
            var done = await Task.WhenAny(LoadAsync(), LoadAsync());
            return done.Result + (await Task.WhenAny(LoadAsync())).Result;
        }"));

        [Fact]
        public Task NonTaskResultProperty() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public sealed class OperationResult<T> { public T Result { get; set; } = default!; public void Wait() { } }
        public int Get(OperationResult<int> r, Lazy<int> lazy)
        {
            r.Wait();
            return r.Result + lazy.Value;
        }"));

        [Fact]
        public Task WaitOnSynchronizationPrimitives() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public void Sync(SemaphoreSlim semaphore, ManualResetEventSlim evt, Barrier barrier, System.Diagnostics.Process process, CountdownEvent countdown)
        {
            semaphore.Wait();
            evt.Wait();
            barrier.SignalAndWait();
            process.WaitForExit();
            countdown.Wait();
            semaphore.Release();
        }"));

        [Fact]
        public Task ResultInExpressionTree() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public System.Linq.Expressions.Expression<Func<Task<int>, int>> Get() => t => t.Result;"));

        [Fact]
        public Task BrokenCode_DoesNotThrow() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public int Get() => {|CS0103:Missing|}.Result + LoadAsync().{|CS1061:Reslt|};"));
    }
}
