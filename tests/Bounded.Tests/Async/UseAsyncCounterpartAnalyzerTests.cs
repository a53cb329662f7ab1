using System.Threading.Tasks;
using Bounded.Analyzers.Async;
using Bounded.Tests.Verification;
using Xunit;
using Verify = Bounded.Tests.Verification.CSharpAnalyzerVerifier<Bounded.Analyzers.Async.UseAsyncCounterpartAnalyzer>;

namespace Bounded.Tests.Async
{
    public class UseAsyncCounterpartAnalyzerTests
    {
        private const string Usings = @"using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
";

        private const string Model = @"
namespace Shop.Data
{
    public class Order { public int Id { get; set; } public decimal Total { get; set; } }
    public class ShopDb : DbContext
    {
        public DbSet<Order> Orders => Set<Order>();
    }
}
";

        private static string Wrap(string members) => Usings + @"using Shop.Data;

namespace Shop
{
    public class Service
    {
" + members + @"
    }
}
" + Model;

        // ---- positives ----

        [Fact]
        public Task FileReadAllText_InAsyncMethod() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public async Task<string> ReadAsync(string path)
        {
            await Task.Yield();
            return [|File.ReadAllText(path)|];
        }"));

        [Fact]
        public Task FileReadAllText_InAsyncLambda() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public Func<string, Task<int>> Reader() => async path => { await Task.Yield(); return [|File.ReadAllText(path)|].Length; };"));

        [Fact]
        public Task ThreadSleep_InAsyncLocalFunction() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public Task RunAsync()
        {
            return Local();

            async Task Local()
            {
                await Task.Yield();
                [|Thread.Sleep(100)|];
            }
        }"));

        [Fact]
        public Task ThreadSleep_InAsyncLambda() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public Task RunAsync() => Task.Run(async () => { [|Thread.Sleep(TimeSpan.FromSeconds(1))|]; await Task.Yield(); });"));

        [Fact]
        public Task DbContextSaveChanges_InAsyncMethod() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public async Task<int> SaveAsync(ShopDb db)
        {
            await Task.Yield();
            return [|db.SaveChanges()|];
        }"));

        [Fact]
        public Task EfQueryMaterialisation_InAsyncMethod() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public async Task<int> CountAsync(ShopDb db)
        {
            await Task.Yield();
            var list = [|db.Orders.Where(o => o.Total > 10).ToList()|];
            var first = [|db.Orders.AsNoTracking().First()|];
            bool any = [|db.Orders.Any(o => o.Id == 1)|];
            return list.Count + first.Id + (any ? 1 : 0) + [|db.Orders.Count()|];
        }"));

        [Fact]
        public Task EfQueryInLocal_BuiltUpConditionally() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public async Task<List<Order>> FindAsync(ShopDb db, decimal? min)
        {
            await Task.Yield();
            var query = db.Orders.AsQueryable();
            if (min != null)
            {
                query = query.Where(o => o.Total >= min);
            }

            return [|query.ToList()|];
        }"));

        [Fact]
        public Task StreamRead_OnFileStream() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public async Task<int> ReadAsync(Stream stream, byte[] buffer)
        {
            await Task.Yield();
            [|stream.Write(buffer, 0, buffer.Length)|];
            return [|stream.Read(buffer, 0, buffer.Length)|];
        }"));

        [Fact]
        public Task SemaphoreWait_InAsyncMethod() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public async Task RunAsync(SemaphoreSlim gate)
        {
            [|gate.Wait()|];
            try { await Task.Yield(); } finally { gate.Release(); }
        }"));

        // ---- negatives ----

        [Fact]
        public Task SyncMethod_IsNotReported() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public string Read(string path) { Thread.Sleep(1); return File.ReadAllText(path); }
        public Task<string> ReadOnPool(string path) => Task.Run(() => File.ReadAllText(path));"));

        [Fact]
        public Task CounterpartWithDifferentParametersOrResult_IsNotReported() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public static class Assert
        {
            public static void That(bool condition) { }
            public static Task ThatAsync(Func<Task<bool>> condition) => Task.CompletedTask;
            public static int Check(string value) => 0;
            public static Task<string> CheckAsync(string value) => Task.FromResult(value);
            public static void Report(int value) { }
            public static Task<int> ReportAsync(int value) => Task.FromResult(value);
        }

        public async Task TestAsync()
        {
            await Task.Yield();
            Assert.That(true);
            Assert.Check(""x"");
            Assert.Report(1);
        }"));

        [Fact]
        public Task DbContextAddAttachUpdate_AreNotReported() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public async Task AddAsync(ShopDb db, Order order)
        {
            await Task.Yield();
            db.Add(order);
            db.AddRange(order);
            db.Orders.Add(order);
            db.Orders.AddRange(new[] { order });
            db.Attach(order);
            db.Update(order);
        }"));

        [Fact]
        public Task SynchronouslyCompletingStreams_AreNotReported() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public async Task<string> WriteAsync(byte[] buffer)
        {
            await Task.Yield();
            using var memory = new MemoryStream();
            memory.Write(buffer, 0, buffer.Length);
            memory.Flush();
            var reader = new StringReader(""abc"");
            var line = reader.ReadLine();
            var writer = new StringWriter();
            writer.Write(line);
            writer.Flush();
            Console.Out.WriteLine(line);
            Console.Error.Flush();
            Console.WriteLine(line);
            return reader.ReadToEnd() + writer.ToString();
        }"));

        [Fact]
        public Task InsideLock_IsNotReported() => Verify.VerifyAnalyzerAsync(Wrap(@"
        private readonly object _gate = new object();
        public async Task RunAsync(string path)
        {
            await Task.Yield();
            lock (_gate)
            {
                File.WriteAllText(path, ""x"");
                Thread.Sleep(10);
            }
        }"));

        [Fact]
        public Task ObsoleteCounterpart_IsNotReported() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public class Client
        {
            public string Fetch() => ""x"";
            [Obsolete(""Use Fetch"")]
            public Task<string> FetchAsync() => Task.FromResult(""x"");
        }

        public async Task<string> GetAsync(Client client)
        {
            await Task.Yield();
            return client.Fetch();
        }"));

        [Fact]
        public Task DisposeInsideUsing_AndExplicitDispose_AreNotReported() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public async Task CopyAsync(string path)
        {
            using (var stream = new FileStream(path, FileMode.Open))
            {
                await stream.FlushAsync();
            }

            var other = new FileStream(path, FileMode.Open);
            await other.FlushAsync();
            other.Dispose();
        }"));

        [Fact]
        public Task BlockingTaskCalls_AreBnd4001Only() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public async Task RunAsync(Task task, Task<int> load)
        {
            await Task.Yield();
            task.Wait();
            task.Wait(TimeSpan.FromSeconds(1));
            Task.WaitAll(task);
            _ = load.GetAwaiter().GetResult();
        }"));

        [Fact]
        public Task ZeroTimeout_DoesNotBlock() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public async Task<bool> TryAsync(SemaphoreSlim gate)
        {
            await Task.Yield();
            Thread.Sleep(0);
            return gate.Wait(0);
        }"));

        [Fact]
        public Task NonEfQueryable_IsNotReported() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public async Task<int> CountAsync(List<Order> orders, IQueryable<Order> unknown)
        {
            await Task.Yield();
            var list = orders.AsQueryable().Where(o => o.Total > 1).ToList();
            return list.Count + orders.Count() + unknown.Count();
        }"));

        [Fact]
        public Task EfQueryInsideExpressionLambda_IsNotReported() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public async Task<List<int>> IdsAsync(ShopDb db)
        {
            return await db.Orders.Where(o => db.Orders.Count() > 1).Select(o => o.Id).ToListAsync();
        }"));

        [Fact]
        public Task CounterpartIsTheContainingMethod_IsNotReported() => Verify.VerifyAnalyzerAsync(Wrap(@"
        public class Cache
        {
            public string Load(string key) => key;
            public async Task<string> LoadAsync(string key)
            {
                await Task.Yield();
                return Load(key);
            }
        }"));

        [Fact]
        public Task WithoutEntityFrameworkReference_SyncLinqIsNotReported()
        {
            var test = new Verify.Test
            {
                ReferenceSet = ReferenceSet.NetCore,
                TestCode = @"using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Shop
{
    public class Service
    {
        public async Task<int> CountAsync(IQueryable<int> numbers)
        {
            await Task.Yield();
            return numbers.ToList().Count + numbers.Count();
        }
    }
}
",
            };
            return test.RunAsync();
        }
    }
}
