using System.Threading.Tasks;
using Xunit;
using Verify = Bounded.Tests.Verification.CSharpCodeFixVerifier<
    Bounded.Analyzers.Cancellation.ForwardCancellationTokenAnalyzer,
    Bounded.CodeFixes.Cancellation.ForwardCancellationTokenCodeFix>;

namespace Bounded.Tests.Cancellation
{
    /// <summary>
    /// Every shape CA2016 (NetAnalyzers, ForwardCancellationTokenToInvocations) and MA0040/MA0079 (Meziantou,
    /// UseAnOverloadThatHasCancellationToken / flow the token with WithCancellation) report in their documentation and
    /// published tests, written as our own cases: BND3001 reports each one, and its fix produces what theirs does.
    /// </summary>
    public class PeerParityTests
    {
        private static string C(string body) => @"using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using TokenAlias = System.Threading.CancellationToken;

class C
{
    Task MethodAsync() => Task.CompletedTask;
    Task MethodAsync(CancellationToken c) => Task.CompletedTask;
    Task DefaultAsync(CancellationToken c = default) => Task.CompletedTask;
    Task AliasDefaultAsync(TokenAlias c = default) => Task.CompletedTask;
    Task SomeDefaultsAsync(int x, bool y = default, CancellationToken c = default) => Task.CompletedTask;
    int Unordered(int x, bool y = default, string z = """", CancellationToken c = default) => 1;
    void SyncMethod() { }
    void SyncMethod(CancellationToken c) { }
    static Task StaticAsync() => Task.CompletedTask;
    static Task StaticAsync(CancellationToken c) => Task.CompletedTask;
    Task<T> GenericAsync<T>(T value) => Task.FromResult(value);
    Task<T> GenericAsync<T>(T value, CancellationToken c) => Task.FromResult(value);
    int Property => 1;
    private readonly object _gate = new object();
" + body + @"
}

class O
{
    public int MyMethod(CancellationToken c = default) => 1;
}

static class Extensions
{
    public static Task ExtAsync(this C c) => Task.CompletedTask;
    public static Task ExtAsync(this C c, CancellationToken ct) => Task.CompletedTask;
}
";

        [Fact]
        public Task CA2016_OverloadWithToken() => Verify.VerifyCodeFixAsync(
            C("    async void M(CancellationToken ct) { await [|MethodAsync()|]; }"),
            C("    async void M(CancellationToken ct) { await MethodAsync(ct); }"));

        [Fact]
        public Task CA2016_DefaultTokenParameter() => Verify.VerifyCodeFixAsync(
            C("    async void M(CancellationToken ct) { await [|DefaultAsync()|]; }"),
            C("    async void M(CancellationToken ct) { await DefaultAsync(ct); }"));

        [Fact]
        public Task CA2016_WithConfigureAwait() => Verify.VerifyCodeFixAsync(
            C("    async Task M(CancellationToken ct) { await [|MethodAsync()|].ConfigureAwait(false); }"),
            C("    async Task M(CancellationToken ct) { await MethodAsync(ct).ConfigureAwait(false); }"));

        [Fact]
        public Task CA2016_ReturnedTaskNotAwaited() => Verify.VerifyCodeFixAsync(
            C("    Task M(CancellationToken ct) { return [|MethodAsync()|]; }"),
            C("    Task M(CancellationToken ct) { return MethodAsync(ct); }"));

        [Fact]
        public Task CA2016_SynchronousMethodWithTokenOverload() => Verify.VerifyCodeFixAsync(
            C("    void M(CancellationToken ct) { [|SyncMethod()|]; }"),
            C("    void M(CancellationToken ct) { SyncMethod(ct); }"));

        [Fact]
        public Task CA2016_StaticMethod() => Verify.VerifyCodeFixAsync(
            C("    async Task M(CancellationToken ct) { await [|StaticAsync()|]; await [|C.StaticAsync()|]; }"),
            C("    async Task M(CancellationToken ct) { await StaticAsync(ct); await C.StaticAsync(ct); }"));

        [Fact]
        public Task CA2016_AliasedTokenTypes() => Verify.VerifyCodeFixAsync(
            C("    async void M(TokenAlias ct) { await [|AliasDefaultAsync()|]; await [|MethodAsync()|]; }"),
            C("    async void M(TokenAlias ct) { await AliasDefaultAsync(ct); await MethodAsync(ct); }"));

        [Fact]
        public Task CA2016_SomeDefaultsSkipped_NamedArgument() => Verify.VerifyCodeFixAsync(
            C("    async void M(CancellationToken ct) { await [|SomeDefaultsAsync(5)|]; }"),
            C("    async void M(CancellationToken ct) { await SomeDefaultsAsync(5, c: ct); }"));

        [Fact]
        public Task CA2016_NamedArguments() => Verify.VerifyCodeFixAsync(
            C("    async void M(CancellationToken ct) { await [|SomeDefaultsAsync(x: 5)|]; }"),
            C("    async void M(CancellationToken ct) { await SomeDefaultsAsync(x: 5, c: ct); }"));

        [Fact]
        public Task CA2016_NamedArgumentsUnordered_NotReordered() => Verify.VerifyCodeFixAsync(
            C(@"    int M(CancellationToken ct) { return [|Unordered(z: ""a"", x: 5, y: true)|]; }"),
            C(@"    int M(CancellationToken ct) { return Unordered(z: ""a"", x: 5, y: true, c: ct); }"));

        [Fact]
        public Task CA2016_InsideLock() => Verify.VerifyCodeFixAsync(
            C("    int M(CancellationToken ct) { int x; lock (_gate) { x = [|Unordered(5)|]; } return x; }"),
            C("    int M(CancellationToken ct) { int x; lock (_gate) { x = Unordered(5, c: ct); } return x; }"));

        [Fact]
        public Task CA2016_ConditionalAccess() => Verify.VerifyCodeFixAsync(
            C("    void M(CancellationToken ct, O? o) { o?[|.MyMethod()|]; }"),
            C("    void M(CancellationToken ct, O? o) { o?.MyMethod(ct); }"));

        [Fact]
        public Task CA2016_TriviaKept() => Verify.VerifyCodeFixAsync(
            C("    async void M(CancellationToken ct) { await /* a */ [|SomeDefaultsAsync(5 /* b */)|] /* c */; }"),
            C("    async void M(CancellationToken ct) { await /* a */ SomeDefaultsAsync(5 /* b */, c: ct) /* c */; }"));

        [Fact]
        public Task CA2016_LocalFunctionWithOwnToken() => Verify.VerifyCodeFixAsync(
            C("    async void M(CancellationToken ct) { Task Local(CancellationToken token) => [|MethodAsync()|]; await Local(ct); }"),
            C("    async void M(CancellationToken ct) { Task Local(CancellationToken token) => MethodAsync(token); await Local(ct); }"));

        [Fact]
        public Task CA2016_LocalFunctionCapturingOuterToken() => Verify.VerifyCodeFixAsync(
            C("    async void M(CancellationToken ct) { Task Local() => [|MethodAsync()|]; await Local(); }"),
            C("    async void M(CancellationToken ct) { Task Local() => MethodAsync(ct); await Local(); }"));

        [Fact]
        public Task CA2016_AsyncLambdaWithToken() => Verify.VerifyCodeFixAsync(
            C("    void M() { Func<CancellationToken, Task> f = async token => await [|MethodAsync()|]; }"),
            C("    void M() { Func<CancellationToken, Task> f = async token => await MethodAsync(token); }"));

        [Fact]
        public Task CA2016_AsyncLambdaCapturingOuterToken() => Verify.VerifyCodeFixAsync(
            C("    void M(CancellationToken ct) { Func<Task> f = async () => await [|MethodAsync()|]; }"),
            C("    void M(CancellationToken ct) { Func<Task> f = async () => await MethodAsync(ct); }"));

        [Fact]
        public Task CA2016_CallAsArgumentOfAnotherCall() => Verify.VerifyCodeFixAsync(
            C("    async Task M(CancellationToken ct) { await Task.WhenAll([|MethodAsync()|], [|DefaultAsync()|]); }"),
            C("    async Task M(CancellationToken ct) { await Task.WhenAll(MethodAsync(ct), DefaultAsync(ct)); }"));

        [Fact]
        public Task CA2016_TaskDelay() => Verify.VerifyCodeFixAsync(
            C("    async Task M(CancellationToken ct) { await [|Task.Delay(1)|]; }"),
            C("    async Task M(CancellationToken ct) { await Task.Delay(1, ct); }"));

        [Fact]
        public Task MA0040_TokenNotLastParameterOfCaller() => Verify.VerifyCodeFixAsync(
            C("    async Task M(CancellationToken ct, int value) { await [|MethodAsync()|]; }"),
            C("    async Task M(CancellationToken ct, int value) { await MethodAsync(ct); }"));

        [Fact]
        public Task MA0040_GenericMethod() => Verify.VerifyCodeFixAsync(
            C("    async Task M(CancellationToken ct) { await [|GenericAsync(1)|]; }"),
            C("    async Task M(CancellationToken ct) { await GenericAsync(1, ct); }"));

        [Fact]
        public Task MA0040_ExtensionMethod() => Verify.VerifyCodeFixAsync(
            C("    async Task M(CancellationToken ct) { await [|this.ExtAsync()|]; }"),
            C("    async Task M(CancellationToken ct) { await this.ExtAsync(ct); }"));

        [Fact]
        public Task MA0040_TokenFromCancellationTokenSourceLocal() => Verify.VerifyCodeFixAsync(
            C("    async Task M() { using var source = new CancellationTokenSource(); await [|MethodAsync()|]; }"),
            C("    async Task M() { using var source = new CancellationTokenSource(); await MethodAsync(source.Token); }"));

        [Fact]
        public Task MA0040_TokenFromParameterObjectProperty() => Verify.VerifyCodeFixAsync(
            C("    async Task M(Microsoft.AspNetCore.Http.HttpContext context) { await [|MethodAsync()|]; }"),
            C("    async Task M(Microsoft.AspNetCore.Http.HttpContext context) { await MethodAsync(context.RequestAborted); }"));

        [Fact]
        public Task MA0040_TokenFromLocalVariable() => Verify.VerifyCodeFixAsync(
            C("    async Task M(CancellationTokenSource source) { var token = source.Token; await [|MethodAsync()|]; }"),
            C("    async Task M(CancellationTokenSource source) { var token = source.Token; await MethodAsync(token); }"));

        [Fact]
        public Task MA0079_AwaitForeachWithoutWithCancellation() => Verify.VerifyCodeFixAsync(
            C("    async Task M(IAsyncEnumerable<int> items, CancellationToken ct) { await foreach (var item in [|items|]) { } }"),
            C("    async Task M(IAsyncEnumerable<int> items, CancellationToken ct) { await foreach (var item in items.WithCancellation(ct)) { } }"));

        [Fact]
        public Task Peers_NoTokenInScope_NotReportedByAnyone() => Verify.VerifyAnalyzerAsync(
            C("    async void M() { await MethodAsync(); await DefaultAsync(); }"));

        [Fact]
        public Task Peers_TokenAlreadyPassed_NotReportedByAnyone() => Verify.VerifyAnalyzerAsync(
            C("    async void M(CancellationToken ct) { await MethodAsync(ct); await DefaultAsync(c: ct); var p = Property; }"));
    }
}
