using System.Threading.Tasks;
using Xunit;
using Verify = Bounded.Tests.Verification.CSharpCodeFixVerifier<Bounded.Tests.Common.TokenFormProbe, Bounded.Tests.Common.AddTokenProbeFix>;

namespace Bounded.Tests.Common
{
    /// <summary>The callee side of BND3001 (<c>TokenAcceptance</c>) and the argument it adds (<c>TokenArguments</c>).</summary>
    public class TokenAcceptanceTests
    {
        private const string Api = @"using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace App
{
    public class Api
    {
        public Task Optional(int a, CancellationToken cancellationToken = default) => Task.CompletedTask;
        public Task Skipped(int a = 0, bool b = false, CancellationToken token = default) => Task.CompletedTask;
        public Task Over(string s) => Task.CompletedTask;
        public Task Over(string s, CancellationToken ct) => Task.CompletedTask;
        public Task Middle(string s) => Task.CompletedTask;
        public Task Middle(string s, CancellationToken ct, int retries) => Task.CompletedTask;
        public Task Middle(string s, int retries) => Task.CompletedTask;
        public Task Many(string format, params object[] args) => Task.CompletedTask;
        public Task Many(string format, CancellationToken ct, params object[] args) => Task.CompletedTask;
        public Task<T> Get<T>(string key) => Task.FromResult(default(T)!);
        public Task<T> Get<T>(string key, CancellationToken ct) => Task.FromResult(default(T)!);
        public Task Old() => Task.CompletedTask;
        [Obsolete(""use New"")] public Task Old(CancellationToken ct) => Task.CompletedTask;
        public Task Hidden() => Task.CompletedTask;
        private Task Hidden(CancellationToken ct) => Task.CompletedTask;
        public Task Shape(int x) => Task.CompletedTask;
        public ValueTask Shape(int x, CancellationToken ct) => default;
        public Task Plain(int x) => Task.CompletedTask;
        public Task<string?> Line() => Task.FromResult<string?>(null);
        public ValueTask<string?> Line(CancellationToken ct) => default;
        public Task<int> Count(int x) => Task.FromResult(x);
        public ValueTask<long> Count(int x, CancellationToken ct) => default;
        public ValueTask<string?> Find(params object[] keys) => default;
        public ValueTask<string?> Find(object[] keys, CancellationToken ct) => default;
    }

    public static class ApiExtensions
    {
        public static Task Send(this Api api, string message) => Task.CompletedTask;
        public static Task Send(this Api api, string message, CancellationToken ct) => Task.CompletedTask;
    }
";

        private static string Code(string body) => Api + @"
    public class Caller
    {
        public async Task Run(Api api, CancellationToken cancellationToken)
        {
" + body + @"
        }
    }
}";

        [Fact]
        public Task OptionalTokenLeftAtDefault() => Verify.VerifyCodeFixAsync(
            Code("            await {|#0:api.Optional(1)|};"),
            Verify.Diagnostic().WithLocation(0).WithArguments("Api.Optional(int, CancellationToken)", 1, "cancellationToken", "optional"),
            Code("            await api.Optional(1, cancellationToken);"));

        [Fact]
        public Task OptionalArgumentsSkipped_NamedArgument() => Verify.VerifyCodeFixAsync(
            Code("            await [|api.Skipped()|];"),
            Code("            await api.Skipped(token: cancellationToken);"));

        [Fact]
        public Task NamedArgumentOutOfOrder_NamedArgumentAtTheEnd() => Verify.VerifyCodeFixAsync(
            Code("            await [|api.Skipped(b: true, a: 2)|];"),
            Code("            await api.Skipped(b: true, a: 2, token: cancellationToken);"));

        [Fact]
        public Task Overload_TokenLast_Positional() => Verify.VerifyCodeFixAsync(
            Code("            await {|#0:api.Over(\"x\")|};"),
            Verify.Diagnostic().WithLocation(0).WithArguments("Api.Over(string, CancellationToken)", 1, "ct", "overload"),
            Code("            await api.Over(\"x\", cancellationToken);"));

        [Fact]
        public Task Overload_TokenInNonLastPosition_NamedInPosition() => Verify.VerifyCodeFixAsync(
            Code("            await [|api.Middle(\"x\", 3)|];"),
            Code("            await api.Middle(\"x\", ct: cancellationToken, 3);"));

        [Fact]
        public Task ParamsOverload_ExpandedArguments() => Verify.VerifyCodeFixAsync(
            Code("            await [|api.Many(\"{0}{1}\", 1, 2)|];"),
            Code("            await api.Many(\"{0}{1}\", ct: cancellationToken, 1, 2);"));

        [Fact]
        public Task GenericMethodOverload() => Verify.VerifyCodeFixAsync(
            Code("            var value = await [|api.Get<int>(\"k\")|];"),
            Code("            var value = await api.Get<int>(\"k\", cancellationToken);"));

        [Fact]
        public Task ExtensionMethodOverload_ReducedCall() => Verify.VerifyCodeFixAsync(
            Code("            await {|#0:api.Send(\"hi\")|};"),
            Verify.Diagnostic().WithLocation(0).WithArguments("ApiExtensions.Send(Api, string, CancellationToken)", 2, "ct", "overload"),
            Code("            await api.Send(\"hi\", cancellationToken);"));

        [Fact]
        public Task ExtensionMethodOverload_StaticCall() => Verify.VerifyCodeFixAsync(
            Code("            await [|ApiExtensions.Send(api, \"hi\")|];"),
            Code("            await ApiExtensions.Send(api, \"hi\", cancellationToken);"));

        [Fact]
        public Task NoForm_ObsoleteLessAccessibleOtherAwaitableNotAwaitedOtherResultOrNone() => Verify.VerifyAnalyzerAsync(Code(@"
            await api.Old();
            await api.Hidden();
            var shaped = api.Shape(1);
            await shaped;
            await api.Count(1);
            await api.Plain(1);
            await api.Over(""x"", CancellationToken.None);
            await api.Optional(1, default);
            await api.Many(""{0}"", cancellationToken, 1);"));

        [Fact]
        public Task Overload_OtherAwaitableSameResult_Awaited() => Verify.VerifyCodeFixAsync(
            Code(@"            var line = await {|#0:api.Line()|};
            await {|#1:api.Shape(1)|};"),
            new[]
            {
                Verify.Diagnostic().WithLocation(0).WithArguments("Api.Line(CancellationToken)", 0, "ct", "overload"),
                Verify.Diagnostic().WithLocation(1).WithArguments("Api.Shape(int, CancellationToken)", 1, "ct", "overload"),
            },
            Code(@"            var line = await api.Line(cancellationToken);
            await api.Shape(1, cancellationToken);"));

        [Fact]
        public Task Overload_OtherAwaitableSameResult_AwaitedThroughConfigureAwait() => Verify.VerifyCodeFixAsync(
            Code("            var line = await [|api.Line()|].ConfigureAwait(false);"),
            Code("            var line = await api.Line(cancellationToken).ConfigureAwait(false);"));

        [Fact]
        public Task Overload_OtherAwaitable_StoredOrReturnedTask_NoForm() => Verify.VerifyAnalyzerAsync(Code(@"
            Task<string?> pending = api.Line();
            var tasks = new List<Task<string?>> { api.Line() };
            await pending;
            await Task.WhenAll(tasks);
            await Task.WhenAll(api.Line(), api.Line());"));

        [Fact]
        public Task ParamsTakenAsArray_ExpandedArgumentsWrapped() => Verify.VerifyCodeFixAsync(
            Code(@"            await {|#0:api.Find(1)|};
            await {|#1:api.Find(1, ""b"")|};"),
            new[]
            {
                Verify.Diagnostic().WithLocation(0).WithArguments("Api.Find(object[], CancellationToken)", 1, "ct", "overload"),
                Verify.Diagnostic().WithLocation(1).WithArguments("Api.Find(object[], CancellationToken)", 1, "ct", "overload"),
            },
            Code(@"            await api.Find(new object[] { 1 }, cancellationToken);
            await api.Find(new object[] { 1, ""b"" }, cancellationToken);"));

        [Fact]
        public Task ParamsTakenAsArray_ArrayPassed_NotWrapped() => Verify.VerifyCodeFixAsync(
            Code(@"            var keys = new object[] { 1 };
            await [|api.Find(keys)|];"),
            Code(@"            var keys = new object[] { 1 };
            await api.Find(keys, cancellationToken);"));

        [Fact]
        public Task FrameworkOverloads() => Verify.VerifyAnalyzerAsync(@"using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace App
{
    public class Caller
    {
        public async Task Run(Stream source, Stream target, HttpClient client, SemaphoreSlim gate)
        {
            await [|Task.Delay(10)|];
            await [|source.CopyToAsync(target)|];
            await [|client.GetStringAsync(""https://example.org"")|];
            await [|gate.WaitAsync()|];
            await [|File.ReadAllTextAsync(""a.txt"")|];
            var tcs = new TaskCompletionSource();
            tcs.TrySetCanceled();
            await Task.CompletedTask.ContinueWith(_ => { });
        }
    }
}");
    }
}
