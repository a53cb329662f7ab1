using System.Threading.Tasks;
using Xunit;
using BlockVerify = Bounded.Tests.Verification.CSharpAnalyzerVerifier<Bounded.Analyzers.Async.DoNotBlockOnAsyncCodeAnalyzer>;
using SyncVerify = Bounded.Tests.Verification.CSharpAnalyzerVerifier<Bounded.Analyzers.Async.UseAsyncCounterpartAnalyzer>;

namespace Bounded.Tests.Async
{
    /// <summary>
    /// The async-flag pattern (npgsql, Azure SDK, SqlClient): one implementation for the sync and the async API,
    /// switched by a <c>bool async</c> parameter. Its sync half is sync by design: neither BND4001 nor BND4002
    /// reports it (bounded.async_flag_exemption, default true). Shapes taken from npgsql.
    /// </summary>
    public class AsyncFlagPatternTests
    {
        private static string Wrap(string members) => @"using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Shop
{
    public class Connection
    {
        private readonly Stream _stream = Stream.Null;
        private readonly byte[] _buffer = new byte[16];
" + members + @"
    }
}
";

        private static Task NoDiagnostics(string members)
        {
            // Both analyzers of the family: neither reports the sync half.
            return Task.WhenAll(SyncVerify.VerifyAnalyzerAsync(Wrap(members)), BlockVerify.VerifyAnalyzerAsync(Wrap(members)));
        }

        // ---- sync branch of an async method (BND4002) ----

        [Fact]
        public Task IfAsyncElseSync_NotReported() => SyncVerify.VerifyAnalyzerAsync(Wrap(@"
        private async Task<int> ReadCore(bool async, CancellationToken ct)
        {
            int read;
            if (async)
                read = await _stream.ReadAsync(_buffer, 0, _buffer.Length, ct).ConfigureAwait(false);
            else
                read = _stream.Read(_buffer, 0, _buffer.Length);
            return read;
        }"));

        [Fact]
        public Task IfNotAsync_ThenSync_NotReported() => SyncVerify.VerifyAnalyzerAsync(Wrap(@"
        private async Task FlushCore(bool async, CancellationToken ct)
        {
            if (!async)
            {
                _stream.Flush();
            }
            else
            {
                await _stream.FlushAsync(ct);
            }
        }"));

        [Fact]
        public Task Ternary_SyncArm_NotReported() => SyncVerify.VerifyAnalyzerAsync(Wrap(@"
        private async Task<int> ReadCore(bool async, CancellationToken ct) =>
            async ? await _stream.ReadAsync(_buffer, 0, _buffer.Length, ct) : _stream.Read(_buffer, 0, _buffer.Length);"));

        [Fact]
        public Task TernaryInLoopCondition_SyncArm_NotReported() => SyncVerify.VerifyAnalyzerAsync(Wrap(@"
        private async Task<int> CountLines(TextReader reader, bool async, CancellationToken ct)
        {
            int count = 0;
            string? line;
            while ((line = async ? await reader.ReadLineAsync(ct) : reader.ReadLine()) != null)
            {
                count++;
            }

            return count;
        }"));

        [Fact]
        public Task EarlyReturnOnSyncPath_NotReported() => SyncVerify.VerifyAnalyzerAsync(Wrap(@"
        private async Task FlushCore(bool async, CancellationToken ct)
        {
            if (!async)
            {
                _stream.Flush();
                return;
            }

            await _stream.FlushAsync(ct);
        }"));

        [Fact]
        public Task AfterAsyncGuardThatReturns_NotReported() => SyncVerify.VerifyAnalyzerAsync(Wrap(@"
        private async Task FlushCore(bool async, CancellationToken ct)
        {
            await Task.Yield();
            if (async)
            {
                await _stream.FlushAsync(ct);
                return;
            }

            _stream.Flush();
        }"));

        [Fact]
        public Task NotAsyncAndOtherCondition_NotReported() => SyncVerify.VerifyAnalyzerAsync(Wrap(@"
        private async Task FlushCore(bool async, CancellationToken ct)
        {
            await Task.Yield();
            if (!async && _stream.CanWrite)
                _stream.Flush();
        }"));

        [Fact]
        public Task RightOfNotAsyncAnd_NotReported() => SyncVerify.VerifyAnalyzerAsync(Wrap(@"
        private async Task<bool> ReadCore(bool async, CancellationToken ct)
        {
            await Task.Yield();
            return !async && _stream.Read(_buffer, 0, 1) > 0;
        }"));

        [Fact]
        public Task ComparedWithFalse_NotReported() => SyncVerify.VerifyAnalyzerAsync(Wrap(@"
        private async Task FlushCore(bool async, CancellationToken ct)
        {
            await Task.Yield();
            if (async == false)
                _stream.Flush();
            if (async is false)
                _stream.Flush();
            if (async != true)
                _stream.Flush();
        }"));

        [Fact]
        public Task LambdaCapturingTheFlag_NotReported() => SyncVerify.VerifyAnalyzerAsync(Wrap(@"
        private Task FlushCore(bool async, CancellationToken ct)
        {
            Func<Task> flush = async () =>
            {
                if (async)
                    await _stream.FlushAsync(ct);
                else
                    _stream.Flush();
            };
            return flush();
        }"));

        [Fact]
        public Task LocalFunctionCapturingTheFlag_NotReported() => SyncVerify.VerifyAnalyzerAsync(Wrap(@"
        private Task FlushCore(bool async, CancellationToken ct)
        {
            return Core();

            async Task Core()
            {
                await Task.Yield();
                if (!async)
                {
                    _stream.Flush();
                    return;
                }

                await _stream.FlushAsync(ct);
            }
        }"));

        [Theory]
        [InlineData("isAsync")]
        [InlineData("useAsync")]
        [InlineData("IsAsync")]
        [InlineData("is_async")]
        [InlineData("@async")]
        public Task OtherFlagNames_NotReported(string name) => SyncVerify.VerifyAnalyzerAsync(Wrap($@"
        private async Task FlushCore(bool {name}, CancellationToken ct)
        {{
            if ({name})
                await _stream.FlushAsync(ct);
            else
                _stream.Flush();
        }}"));

        [Fact]
        public Task BlockingWaitOnSyncBranch_NotReported() => NoDiagnostics(@"
        private Task _refresh = Task.CompletedTask;
        private async Task EnsureRefreshed(bool async)
        {
            if (async)
                await _refresh.ConfigureAwait(false);
            else
                _refresh.GetAwaiter().GetResult();
        }");

        // ---- sync entry points (BND4001) ----

        [Fact]
        public Task SyncEntryPoint_NamedFalse_NotReported() => NoDiagnostics(@"
        public void Flush() => FlushCore(async: false, CancellationToken.None).GetAwaiter().GetResult();
        public Task FlushAsync(CancellationToken ct) => FlushCore(async: true, ct);
        private async Task FlushCore(bool async, CancellationToken ct)
        {
            if (async) await _stream.FlushAsync(ct); else _stream.Flush();
        }");

        [Fact]
        public Task SyncEntryPoint_PositionalFalse_NotReported() => BlockVerify.VerifyAnalyzerAsync(Wrap(@"
        public void Flush() => FlushCore(false, CancellationToken.None).GetAwaiter().GetResult();
        private Task FlushCore(bool async, CancellationToken ct) => Task.CompletedTask;"));

        [Fact]
        public Task SyncEntryPoint_FlagNotFirst_NotReported() => BlockVerify.VerifyAnalyzerAsync(Wrap(@"
        public void Write(int value) => Write(async: false, value, null).GetAwaiter().GetResult();
        private Task Write(bool async, int value, string? typeName) => Task.CompletedTask;"));

        [Fact]
        public Task SyncEntryPoint_ValueTaskResult_NotReported() => BlockVerify.VerifyAnalyzerAsync(Wrap(@"
        public int Read() => ReadCore(async: false).Result;
        private ValueTask<int> ReadCore(bool async) => new ValueTask<int>(0);"));

        [Fact]
        public Task SyncEntryPoint_ThroughConfigureAwait_NotReported() => BlockVerify.VerifyAnalyzerAsync(Wrap(@"
        public void Flush() => FlushCore(async: false).ConfigureAwait(false).GetAwaiter().GetResult();
        private Task FlushCore(bool async) => Task.CompletedTask;"));

        [Fact]
        public Task SyncEntryPoint_Wait_NotReported() => BlockVerify.VerifyAnalyzerAsync(Wrap(@"
        public void Flush() => FlushCore(useAsync: false).Wait();
        private Task FlushCore(bool useAsync) => Task.CompletedTask;"));

        [Fact]
        public Task SyncEntryPoint_OnOtherInstance_NotReported() => BlockVerify.VerifyAnalyzerAsync(Wrap(@"
        public bool Wait(Connection connector, TimeSpan timeout) => connector.WaitCore(async: false, timeout).GetAwaiter().GetResult();
        private Task<bool> WaitCore(bool async, TimeSpan timeout) => Task.FromResult(true);"));

        [Fact]
        public Task SyncEntryPoint_ChoiceOfTwoSyncCalls_NotReported() => BlockVerify.VerifyAnalyzerAsync(Wrap(@"
        private bool _schemaOnly;
        public bool NextResult() => (_schemaOnly ? NextResultSchemaOnly(false) : NextResultCore(false)).GetAwaiter().GetResult();
        private Task<bool> NextResultSchemaOnly(bool async) => Task.FromResult(false);
        private Task<bool> NextResultCore(bool async) => Task.FromResult(true);"));

        [Fact]
        public Task SyncEntryPoint_LocalHoldingTheSyncCall_NotReported() => BlockVerify.VerifyAnalyzerAsync(Wrap(@"
        public void Derive()
        {
            var sendTask = Send(this, false);
            try
            {
                _stream.Flush();
            }
            finally
            {
                sendTask.GetAwaiter().GetResult();
            }
        }

        private Task Send(Connection connector, bool async) => Task.CompletedTask;"));

        [Fact]
        public Task LocalHoldingTheSyncCall_Reassigned_Reported() => BlockVerify.VerifyAnalyzerAsync(Wrap(@"
        public void Derive()
        {
            var sendTask = Send(this, false);
            sendTask = Send(this, true);
            [|sendTask.GetAwaiter().GetResult()|];
        }

        private Task Send(Connection connector, bool async) => Task.CompletedTask;"));

        [Fact]
        public Task ChoiceOfSyncAndAsyncCall_Reported() => BlockVerify.VerifyAnalyzerAsync(Wrap(@"
        private bool _schemaOnly;
        public bool NextResult() => [|(_schemaOnly ? NextResultCore(true) : NextResultCore(false)).GetAwaiter().GetResult()|];
        private Task<bool> NextResultCore(bool async) => Task.FromResult(true);"));

        // ---- near misses: still reported ----

        [Fact]
        public Task SyncCallOnAsyncBranch_Reported() => SyncVerify.VerifyAnalyzerAsync(Wrap(@"
        private async Task FlushCore(bool async, CancellationToken ct)
        {
            if (async)
            {
                [|_stream.Flush()|];
                await _stream.FlushAsync(ct);
            }
        }"));

        [Fact]
        public Task SyncCallOutsideTheGuard_Reported() => SyncVerify.VerifyAnalyzerAsync(Wrap(@"
        private async Task FlushCore(bool async, CancellationToken ct)
        {
            if (async)
                await _stream.FlushAsync(ct);
            [|_stream.Flush()|];
        }"));

        [Fact]
        public Task ElseOfAsyncAndOther_Reported() => SyncVerify.VerifyAnalyzerAsync(Wrap(@"
        private async Task FlushCore(bool async, CancellationToken ct)
        {
            // async && CanWrite false does not make async false.
            if (async && _stream.CanWrite)
                await _stream.FlushAsync(ct);
            else
                [|_stream.Flush()|];
        }"));

        [Fact]
        public Task BoolParameterNamedOtherwise_Reported() => SyncVerify.VerifyAnalyzerAsync(Wrap(@"
        private async Task FlushCore(bool flush, CancellationToken ct)
        {
            if (flush)
                await _stream.FlushAsync(ct);
            else
                [|_stream.Flush()|];
        }"));

        [Fact]
        public Task LocalNamedAsync_NotAParameter_Reported() => SyncVerify.VerifyAnalyzerAsync(Wrap(@"
        private async Task FlushCore(CancellationToken ct)
        {
            bool isAsync = _stream.CanSeek;
            if (isAsync)
                await _stream.FlushAsync(ct);
            else
                [|_stream.Flush()|];
        }"));

        [Fact]
        public Task NonBoolParameterNamedAsync_Reported() => BlockVerify.VerifyAnalyzerAsync(Wrap(@"
        public void Flush() => [|FlushCore(async: 0).GetAwaiter().GetResult()|];
        private Task FlushCore(int async) => Task.CompletedTask;"));

        [Fact]
        public Task NonConstantFlagArgument_Reported() => BlockVerify.VerifyAnalyzerAsync(Wrap(@"
        public void Flush(bool mode) => [|FlushCore(async: mode).GetAwaiter().GetResult()|];
        private Task FlushCore(bool async) => Task.CompletedTask;"));

        [Fact]
        public Task TrueFlagArgument_Reported() => BlockVerify.VerifyAnalyzerAsync(Wrap(@"
        public void Flush() => [|FlushCore(async: true).GetAwaiter().GetResult()|];
        private Task FlushCore(bool async) => Task.CompletedTask;"));

        [Fact]
        public Task FalseForAParameterNamedOtherwise_Reported() => BlockVerify.VerifyAnalyzerAsync(Wrap(@"
        public void Flush() => [|FlushCore(force: false).GetAwaiter().GetResult()|];
        private Task FlushCore(bool force) => Task.CompletedTask;"));

        [Fact]
        public Task DefaultedFlagNotPassed_Reported() => BlockVerify.VerifyAnalyzerAsync(Wrap(@"
        public void Flush() => [|FlushCore().GetAwaiter().GetResult()|];
        private Task FlushCore(bool async = false) => Task.CompletedTask;"));

        // ---- the option ----

        [Fact]
        public Task OptionOff_SyncBranchReported()
        {
            var test = new SyncVerify.Test
            {
                TestCode = Wrap(@"
        private async Task FlushCore(bool async, CancellationToken ct)
        {
            if (async) await _stream.FlushAsync(ct); else [|_stream.Flush()|];
        }"),
                EditorConfig = "bounded.async_flag_exemption = false",
            };
            return test.RunAsync();
        }

        [Fact]
        public Task OptionOff_SyncEntryPointReported()
        {
            var test = new BlockVerify.Test
            {
                TestCode = Wrap(@"
        public void Flush() => [|FlushCore(async: false).GetAwaiter().GetResult()|];
        private Task FlushCore(bool async) => Task.CompletedTask;"),
                EditorConfig = "bounded.async_flag_exemption = false",
            };
            return test.RunAsync();
        }

        [Fact]
        public Task OptionMalformed_KeepsTheExemption()
        {
            var test = new BlockVerify.Test
            {
                TestCode = Wrap(@"
        public void Flush() => FlushCore(async: false).GetAwaiter().GetResult();
        private Task FlushCore(bool async) => Task.CompletedTask;"),
                EditorConfig = "bounded.async_flag_exemption = no",
            };
            return test.RunAsync();
        }
    }
}
