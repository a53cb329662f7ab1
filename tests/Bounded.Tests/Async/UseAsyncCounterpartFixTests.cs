using System.Threading.Tasks;
using Xunit;
using Verify = Bounded.Tests.Verification.CSharpCodeFixVerifier<Bounded.Analyzers.Async.UseAsyncCounterpartAnalyzer, Bounded.CodeFixes.Async.UseAsyncCounterpartFix>;

namespace Bounded.Tests.Async
{
    public class UseAsyncCounterpartFixTests
    {
        private const string Model = @"
namespace Shop.Data
{
    public class Order { public int Id { get; set; } public decimal Total { get; set; } }
    public class ShopDb : Microsoft.EntityFrameworkCore.DbContext
    {
        public Microsoft.EntityFrameworkCore.DbSet<Order> Orders => Set<Order>();
    }
}
";

        [Fact]
        public Task FileReadAllText_AwaitsCounterpart_ForwardingTheToken() => Verify.VerifyCodeFixAsync(@"using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Shop
{
    public class Importer
    {
        public async Task<int> ImportAsync(string path, CancellationToken cancellationToken)
        {
            await Task.Yield();
            var text = [|File.ReadAllText(path)|];
            return text.Length + [|File.ReadAllText(path)|].Length;
        }
    }
}
", @"using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Shop
{
    public class Importer
    {
        public async Task<int> ImportAsync(string path, CancellationToken cancellationToken)
        {
            await Task.Yield();
            var text = await File.ReadAllTextAsync(path, cancellationToken);
            return text.Length + (await File.ReadAllTextAsync(path, cancellationToken)).Length;
        }
    }
}
");

        [Fact]
        public Task FileReadAllText_InAsyncLambda_WithoutToken() => Verify.VerifyCodeFixAsync(@"using System;
using System.IO;
using System.Threading.Tasks;

namespace Shop
{
    public class Importer
    {
        public Func<string, Task<string>> Reader() => async path => { await Task.Yield(); return [|File.ReadAllText(path)|]; };
    }
}
", @"using System;
using System.IO;
using System.Threading.Tasks;

namespace Shop
{
    public class Importer
    {
        public Func<string, Task<string>> Reader() => async path => { await Task.Yield(); return await File.ReadAllTextAsync(path); };
    }
}
");

        [Fact]
        public Task ThreadSleep_BecomesTaskDelay_WithToken() => Verify.VerifyCodeFixAsync(@"using System.Threading;
using System.Threading.Tasks;

namespace Shop
{
    public class Poller
    {
        public async Task PollAsync(CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Yield();
                [|Thread.Sleep(500)|];
            }
        }
    }
}
", @"using System.Threading;
using System.Threading.Tasks;

namespace Shop
{
    public class Poller
    {
        public async Task PollAsync(CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Yield();
                await Task.Delay(500, ct);
            }
        }
    }
}
");

        [Fact]
        public Task ThreadSleep_InAsyncLocalFunction_WithoutToken() => Verify.VerifyCodeFixAsync(@"using System.Threading;
using System.Threading.Tasks;

namespace Shop
{
    public class Poller
    {
        public Task PollAsync()
        {
            return Local();

            async Task Local()
            {
                await Task.Yield();
                [|Thread.Sleep(500)|];
            }
        }
    }
}
", @"using System.Threading;
using System.Threading.Tasks;

namespace Shop
{
    public class Poller
    {
        public Task PollAsync()
        {
            return Local();

            async Task Local()
            {
                await Task.Yield();
                await Task.Delay(500);
            }
        }
    }
}
");

        [Fact]
        public Task EfToListAndSaveChanges_AwaitCounterparts_AddingTheEfUsing() => Verify.VerifyCodeFixAsync(@"using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Shop.Data;

namespace Shop
{
    public class Orders
    {
        public async Task<int> CloseAsync(ShopDb db, CancellationToken cancellationToken)
        {
            await Task.Yield();
            List<Order> open = [|db.Orders.Where(o => o.Total > 0).ToList()|];
            return open.Count + [|db.SaveChanges()|];
        }
    }
}
" + Model, @"using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Shop.Data;
using Microsoft.EntityFrameworkCore;

namespace Shop
{
    public class Orders
    {
        public async Task<int> CloseAsync(ShopDb db, CancellationToken cancellationToken)
        {
            await Task.Yield();
            List<Order> open = await db.Orders.Where(o => o.Total > 0).ToListAsync(cancellationToken);
            return open.Count + await db.SaveChangesAsync(cancellationToken);
        }
    }
}
" + Model);

        [Fact]
        public Task StreamRead_PicksTheTokenOverload_AndForwardsTheToken() => Verify.VerifyCodeFixAsync(@"using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Shop
{
    public class Copier
    {
        public async Task<int> CopyAsync(Stream source, byte[] buffer, CancellationToken cancellationToken)
        {
            await Task.Yield();
            return [|source.Read(buffer, 0, buffer.Length)|];
        }
    }
}
", @"using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Shop
{
    public class Copier
    {
        public async Task<int> CopyAsync(Stream source, byte[] buffer, CancellationToken cancellationToken)
        {
            await Task.Yield();
            return await source.ReadAsync(buffer, 0, buffer.Length, cancellationToken);
        }
    }
}
");
    }
}
