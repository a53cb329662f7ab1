using System.Collections.Immutable;
using System.Text;

namespace Bounded.Tests.Robustness
{
    /// <summary>
    /// Generated sources at the sizes that make a careless analyzer blow up: a method of thousands of
    /// statements mixing every shape the rules look at, hundreds of nested lambdas, deeply nested
    /// blocks and a very long expression. They use ASP.NET Core and EF Core so every family runs.
    /// </summary>
    public static class StressSources
    {
        private const string Usings = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;

            """;

        public static ImmutableArray<RobustnessInput> All(int largeMethodStatements = 3000, int lambdaDepth = 300) => ImmutableArray.Create(
            new RobustnessInput($"stress:large-async-method({largeMethodStatements} statements)", InputOrigin.Stress, LargeAsyncMethod(largeMethodStatements)),
            new RobustnessInput($"stress:large-sync-method({largeMethodStatements} statements)", InputOrigin.Stress, LargeSyncMethod(largeMethodStatements)),
            new RobustnessInput($"stress:nested-async-lambdas({lambdaDepth} deep)", InputOrigin.Stress, NestedAsyncLambdas(lambdaDepth)),
            new RobustnessInput($"stress:nested-lambda-arguments({lambdaDepth / 2} deep)", InputOrigin.Stress, NestedLambdaArguments(lambdaDepth / 2)),
            new RobustnessInput($"stress:nested-blocks({lambdaDepth} deep)", InputOrigin.Stress, NestedBlocks(lambdaDepth)),
            new RobustnessInput($"stress:long-expression({largeMethodStatements} terms)", InputOrigin.Stress, LongExpression(largeMethodStatements)));

        private static string Entities => """
            namespace Stress.Modules.Ordering.Domain
            {
                public class Order { public int Id { get; set; } public decimal Total { get; set; } }
            }

            namespace Stress.Modules.Ordering.Infrastructure
            {
                using Stress.Modules.Ordering.Domain;

                public class OrderingDb : DbContext
                {
                    public DbSet<Order> Orders => Set<Order>();
                }

                public class Repository
                {
                    public Task<int> GetAsync(int id, CancellationToken cancellationToken = default) => Task.FromResult(id);
                    public int Get(int id) => id;
                    public Task<int> GetAsync(int id) => Task.FromResult(id);
                    public async IAsyncEnumerable<int> StreamAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
                    {
                        await Task.Yield();
                        yield return 1;
                    }
                }
            }

            """;

        /// <summary>One async controller action with <paramref name="statements"/> statements of every shape the rules inspect.</summary>
        public static string LargeAsyncMethod(int statements)
        {
            var body = new StringBuilder();
            for (int i = 0; i < statements; i++)
            {
                body.AppendLine((i % 10) switch
                {
                    0 => $"            var a{i} = await repository.GetAsync({i});",
                    1 => $"            var b{i} = repository.GetAsync({i}, cancellationToken).Result;",
                    2 => $"            var c{i} = repository.Get({i});",
                    3 => $"            tasks.Add(repository.GetAsync({i}, CancellationToken.None));",
                    4 => $"            total += await Task.WhenAll(ids.Select(id => repository.GetAsync(id + {i}))).ContinueWith(t => t.Result.Sum());",
                    5 => $"            if (total > {i}) {{ total -= db.Orders.Count(); }}",
                    6 => $"            await foreach (var s{i} in repository.StreamAsync()) {{ total += s{i}; }}",
                    7 => $"            Func<Task<int>> f{i} = async () => await repository.GetAsync({i});",
                    8 => $"            total += Task.Run(() => {i}).GetAwaiter().GetResult();",
                    _ => $"            var o{i} = await db.Orders.FirstOrDefaultAsync(o => o.Id == {i});",
                });
            }

            return Usings + Entities + $$"""
                namespace Stress.Modules.Ordering.Api
                {
                    using Stress.Modules.Ordering.Domain;
                    using Stress.Modules.Ordering.Infrastructure;

                    [ApiController]
                    [Route("orders")]
                    public class OrdersController : ControllerBase
                    {
                        private readonly Repository repository = new();
                        private readonly OrderingDb db = new();

                        [HttpGet]
                        public async Task<ActionResult<Order>> Huge(List<int> ids, CancellationToken cancellationToken)
                        {
                            var tasks = new List<Task<int>>();
                            int total = 0;
                {{body}}
                            await Task.WhenAll(tasks);
                            return Ok(new Order { Total = total });
                        }
                    }
                }
                """;
        }

        /// <summary>A synchronous method of <paramref name="statements"/> statements that blocks on tasks.</summary>
        public static string LargeSyncMethod(int statements)
        {
            var body = new StringBuilder();
            for (int i = 0; i < statements; i++)
            {
                body.AppendLine((i % 4) switch
                {
                    0 => $"            var t{i} = repository.GetAsync({i}); t{i}.Wait();",
                    1 => $"            total += repository.GetAsync({i}).Result;",
                    2 => $"            Task.WaitAll(repository.GetAsync({i}), repository.GetAsync({i + 1}));",
                    _ => $"            total += db.Orders.ToList().Count + {i};",
                });
            }

            return Usings + Entities + $$"""
                namespace Stress.Modules.Ordering.Application
                {
                    using Stress.Modules.Ordering.Infrastructure;

                    public class Blocking
                    {
                        private readonly Repository repository = new();
                        private readonly OrderingDb db = new();

                        public int Huge()
                        {
                            int total = 0;
                {{body}}
                            return total;
                        }
                    }
                }
                """;
        }

        /// <summary><paramref name="depth"/> async lambdas nested in each other, each with its own token, awaiting the next.</summary>
        public static string NestedAsyncLambdas(int depth)
        {
            var text = new StringBuilder();
            text.Append(Usings).Append(Entities).AppendLine("""
                namespace Stress.Modules.Ordering.Application
                {
                    using Stress.Modules.Ordering.Infrastructure;

                    public class Nested
                    {
                        private readonly Repository repository = new();

                        public async Task RunAsync(CancellationToken cancellationToken)
                        {
                """);
            for (int i = 0; i < depth; i++)
            {
                text.AppendLine($"Func<CancellationToken, Task<int>> f{i} = async ct{i} => {{ var v{i} = await repository.GetAsync({i});");
            }

            text.AppendLine("return 0;");
            for (int i = depth - 1; i >= 0; i--)
            {
                text.AppendLine(i == 0 ? "};" : $"}}; return await f{i}(ct{i - 1}) + v{i - 1};");
            }

            text.AppendLine("await f0(cancellationToken); } } }");
            return text.ToString();
        }

        /// <summary><paramref name="depth"/> lambdas nested as arguments (the shape of fluent and LINQ code).</summary>
        public static string NestedLambdaArguments(int depth)
        {
            var text = new StringBuilder();
            text.Append(Usings).AppendLine("""
                namespace Stress.Modules.Catalog.Application
                {
                    public class Fluent
                    {
                        private static Task<int> Run(Func<CancellationToken, Task<int>> work, CancellationToken token) => work(token);

                        public Task<int> RunAsync(IEnumerable<int> source, CancellationToken cancellationToken) =>
                """);
            for (int i = 0; i < depth; i++)
            {
                text.Append($"Run(async c{i} => source.Select(x{i} => x{i} + 1).Count() + await ");
            }

            text.Append("Task.FromResult(0)");
            for (int i = depth - 1; i >= 0; i--)
            {
                text.Append(i == 0 ? ", cancellationToken)" : $", c{i - 1})");
            }

            text.AppendLine("; } }");
            return text.ToString();
        }

        /// <summary><paramref name="depth"/> nested if/try/for/unchecked blocks with a blocking call at the bottom.</summary>
        public static string NestedBlocks(int depth)
        {
            var text = new StringBuilder();
            text.Append(Usings).AppendLine("""
                namespace Stress.Modules.Billing.Application
                {
                    public class Deep
                    {
                        public async Task<int> RunAsync(Task<int> task, CancellationToken cancellationToken)
                        {
                            int total = 0;
                """);
            for (int i = 0; i < depth; i++)
            {
                text.AppendLine((i % 4) switch
                {
                    0 => $"if (total >= {-i}) {{",
                    1 => "try {",
                    2 => $"for (int i{i} = 0; i{i} < 1; i{i}++) {{",
                    _ => "unchecked {",
                });
            }

            text.AppendLine("total += task.Result; total += await Task.Run(() => 1, cancellationToken);");
            for (int i = depth - 1; i >= 0; i--)
            {
                text.AppendLine(i % 4 == 1 ? "} finally { total++; }" : "}");
            }

            text.AppendLine("return total; } } }");
            return text.ToString();
        }

        /// <summary>A single expression of <paramref name="terms"/> terms (string concatenation and arithmetic over awaited calls).</summary>
        public static string LongExpression(int terms)
        {
            var text = new StringBuilder();
            text.Append(Usings).AppendLine("""
                namespace Stress.Modules.Catalog.Application
                {
                    public class Long
                    {
                        private static Task<int> ValueAsync(int i, CancellationToken cancellationToken = default) => Task.FromResult(i);

                        public async Task<string> RunAsync(int seed, CancellationToken cancellationToken)
                        {
                            var s = ""
                """);
            for (int i = 0; i < terms; i++)
            {
                text.Append(i % 3 == 0 ? $" + seed" : i % 3 == 1 ? $" + \"{i}\"" : $" + (await ValueAsync({i}))");
            }

            text.AppendLine(";").AppendLine("return s; } } }");
            return text.ToString();
        }
    }
}
