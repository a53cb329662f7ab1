using System.Threading.Tasks;
using Bounded.CodeFixes.Async;
using Bounded.Tests.Verification;
using Xunit;
using Verify = Bounded.Tests.Verification.CSharpCodeFixVerifier<Bounded.Analyzers.Async.DoNotBlockOnAsyncCodeAnalyzer, Bounded.CodeFixes.Async.DoNotBlockOnAsyncCodeFix>;

namespace Bounded.Tests.Async
{
    public class DoNotBlockOnAsyncCodeFixTests
    {
        private const string Head = @"using System;
using System.Threading.Tasks;

namespace Shop
{
    public class Service
    {
        private static Task<int> LoadAsync() => Task.Run(() => 42);
        private static Task SaveAsync() => Task.Delay(1);
";

        private const string Tail = @"
    }
}
";

        // ---- in async code: await ----

        [Fact]
        public Task Result_BecomesAwait_WithParenthesesOnlyWhereNeeded() => Verify.VerifyCodeFixAsync(Head + @"
        public async Task<int> GetAsync()
        {
            await Task.Yield();
            int a = [|LoadAsync().Result|];
            return a + [|LoadAsync().Result|].GetHashCode();
        }" + Tail, Head + @"
        public async Task<int> GetAsync()
        {
            await Task.Yield();
            int a = await LoadAsync();
            return a + (await LoadAsync()).GetHashCode();
        }" + Tail);

        [Fact]
        public Task Wait_BecomesAwaitStatement() => Verify.VerifyCodeFixAsync(Head + @"
        public async Task RunAsync()
        {
            await Task.Yield();
            [|SaveAsync().Wait()|];
        }" + Tail, Head + @"
        public async Task RunAsync()
        {
            await Task.Yield();
            await SaveAsync();
        }" + Tail);

        [Fact]
        public Task GetAwaiterGetResult_KeepsConfigureAwait() => Verify.VerifyCodeFixAsync(Head + @"
        public async Task<int> GetAsync()
        {
            await Task.Yield();
            return [|LoadAsync().ConfigureAwait(false).GetAwaiter().GetResult()|];
        }" + Tail, Head + @"
        public async Task<int> GetAsync()
        {
            await Task.Yield();
            return await LoadAsync().ConfigureAwait(false);
        }" + Tail);

        [Fact]
        public Task WaitAll_BecomesAwaitWhenAll() => Verify.VerifyCodeFixAsync(Head + @"
        public async Task RunAsync()
        {
            var a = SaveAsync();
            var b = SaveAsync();
            [|Task.WaitAll(a, b)|];
            await Task.Yield();
        }" + Tail, Head + @"
        public async Task RunAsync()
        {
            var a = SaveAsync();
            var b = SaveAsync();
            await Task.WhenAll(a, b);
            await Task.Yield();
        }" + Tail);

        [Fact]
        public Task WaitAny_WithIndexUsed_KeepsTheIndex() => Verify.VerifyCodeFixAsync(Head + @"
        public async Task<int> FirstAsync(Task<int>[] tasks, Task a, Task b)
        {
            await Task.Yield();
            int i = [|Task.WaitAny(tasks)|];
            int j = [|Task.WaitAny(a, b)|];
            [|Task.WaitAny(a, b)|];
            return i + j;
        }" + Tail, Head + @"
        public async Task<int> FirstAsync(Task<int>[] tasks, Task a, Task b)
        {
            await Task.Yield();
            int i = Array.IndexOf(tasks, await Task.WhenAny(tasks));
            int j = Array.IndexOf(new Task[] { a, b }, await Task.WhenAny(a, b));
            await Task.WhenAny(a, b);
            return i + j;
        }" + Tail);

        [Fact]
        public Task Result_InAsyncLambda_IsAwaited() => Verify.VerifyCodeFixAsync(Head + @"
        public Func<Task<int>> Get() => async () => [|LoadAsync().Result|] + 1;" + Tail, Head + @"
        public Func<Task<int>> Get() => async () => await LoadAsync() + 1;" + Tail);

        [Fact]
        public Task WaitWithTimeout_OffersNoAwaitFix()
        {
            var test = new Verify.Test
            {
                TestCode = Head + @"
        public async Task<bool> RunAsync()
        {
            await Task.Yield();
            return [|SaveAsync().Wait(100)|];
        }" + Tail,
            };
            test.FixedCode = test.TestState.MainProject.Sources[0].Source;
            return test.RunAsync();
        }

        // ---- in sync code: make the chain async ----

        [Fact]
        public Task MakeAsync_ChainOfThreeMethods_AcrossDocuments() => ChainOfThree(rename: false);

        [Fact]
        public Task MakeAsyncAndRename_ChainOfThreeMethods_AcrossDocuments() => ChainOfThree(rename: true);

        private static Task ChainOfThree(bool rename)
        {
            string S(string name) => rename ? name + "Async" : name;
            var test = new Verify.Test
            {
                CodeActionEquivalenceKey = rename ? DoNotBlockOnAsyncCodeFix.MakeAsyncRenameKey : DoNotBlockOnAsyncCodeFix.MakeAsyncKey,
                TestCode = @"using System.Threading.Tasks;

namespace Shop
{
    public class Repository
    {
        private static Task<int> QueryAsync() => Task.Run(() => 42);

        public int Load()
        {
            return [|QueryAsync().Result|];
        }
    }
}
",
                FixedCode = @"using System.Threading.Tasks;

namespace Shop
{
    public class Repository
    {
        private static Task<int> QueryAsync() => Task.Run(() => 42);

        public async Task<int> " + S("Load") + @"()
        {
            return await QueryAsync();
        }
    }
}
",
            };
            test.TestState.MainProject.Add("Service.cs", @"namespace Shop
{
    public class Service
    {
        private readonly Repository _repository = new Repository();

        public int Total() => _repository.Load() + 1;
    }
}
");
            test.TestState.MainProject.Add("Controller.cs", @"using System.Threading.Tasks;

namespace Shop
{
    public class Controller
    {
        private readonly Service _service = new Service();

        public string Show()
        {
            var total = _service.Total();
            return total.ToString();
        }

        public async Task<string> DisplayAsync()
        {
            await Task.Yield();
            return _service.Total().ToString();
        }
    }
}
");
            test.FixedState.MainProject.Add("Service.cs", @"using System.Threading.Tasks;

namespace Shop
{
    public class Service
    {
        private readonly Repository _repository = new Repository();

        public async Task<int> " + S("Total") + @"() => await _repository." + S("Load") + @"() + 1;
    }
}
");
            test.FixedState.MainProject.Add("Controller.cs", @"using System.Threading.Tasks;

namespace Shop
{
    public class Controller
    {
        private readonly Service _service = new Service();

        public async Task<string> " + S("Show") + @"()
        {
            var total = await _service." + S("Total") + @"();
            return total.ToString();
        }

        public async Task<string> DisplayAsync()
        {
            await Task.Yield();
            return (await _service." + S("Total") + @"()).ToString();
        }
    }
}
");
            return test.RunAsync();
        }

        [Fact]
        public Task MakeAsync_StopsAtAnInterfaceWeOwn_InAnotherProject()
        {
            var test = new Verify.Test
            {
                TestCode = @"using System.Threading.Tasks;
using Billing;

namespace Shop
{
    public class InvoiceStore : IInvoiceStore
    {
        private static Task SaveAsync() => Task.Delay(1);

        public void Save(int id)
        {
            [|SaveAsync().Wait()|];
        }
    }

    public class Checkout
    {
        public void Complete(IInvoiceStore store) => store.Save(1);
    }
}
",
                FixedCode = @"using System.Threading.Tasks;
using Billing;

namespace Shop
{
    public class InvoiceStore : IInvoiceStore
    {
        private static Task SaveAsync() => Task.Delay(1);

        public async Task Save(int id)
        {
            await SaveAsync();
        }
    }

    public class Checkout
    {
        public async Task Complete(IInvoiceStore store) => await store.Save(1);
    }
}
",
            };
            test.TestState.Project("Billing").Add("IInvoiceStore.cs", @"namespace Billing
{
    public interface IInvoiceStore
    {
        void Save(int id);
    }
}
");
            test.TestState.MainProject.ProjectReferences.Add("Billing");
            test.FixedState.Project("Billing").Add("IInvoiceStore.cs", @"using System.Threading.Tasks;

namespace Billing
{
    public interface IInvoiceStore
    {
        Task Save(int id);
    }
}
");
            return test.RunAsync();
        }

        [Fact]
        public Task MakeAsync_NotOffered_ForAnInterfaceWeDoNotOwn_PropertyOrMethodGroup()
        {
            var test = new Verify.Test
            {
                TestCode = @"using System;
using System.Threading.Tasks;

namespace Shop
{
    public sealed class Resource : IDisposable
    {
        private static Task CloseAsync() => Task.Delay(1);
        private static Task<int> QueryAsync() => Task.Run(() => 1);

        public void Dispose() => [|CloseAsync().Wait()|];

        public int Value => [|QueryAsync().Result|];

        public int Compute() => [|QueryAsync().Result|];

        public Func<int> Later() => Compute;

        public override string ToString() => [|QueryAsync().Result|].ToString();
    }
}
",
            };
            test.FixedCode = test.TestState.MainProject.Sources[0].Source;
            return test.RunAsync();
        }
    }
}
