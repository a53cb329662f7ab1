using System;
using System.Threading.Tasks;
using Xunit;
using Verify = Bounded.Tests.Verification.CSharpAnalyzerVerifier<Bounded.Analyzers.Async.DoNotBlockOnAsyncCodeAnalyzer>;

namespace Bounded.Tests.Net80
{
    /// <summary>
    /// A representative subset of the verifier tests (a positive and a near miss per rule family, fixes
    /// included) run again on net8.0 reference assemblies (ReferenceAssemblies.Net.Net80 + ASP.NET Core 8):
    /// the rules must hold on the LTS framework consumers still target. Each test is the net10.0 test itself,
    /// run with every verifier test it creates on net8.0. EF Core 10 does not bind against net8.0, so the
    /// subset takes only tests whose code needs no EF Core.
    /// </summary>
    public class Net80SubsetTests
    {
        private static Task OnNet80(Func<Task> test) => BoundedTestSettings.RunOnAsync(TestTargetFramework.Net80, test);

        /// <summary>Proves the subset really compiles against net8.0: System.Threading.Lock is .NET 9+.</summary>
        [Fact]
        public Task References_AreNet80() => OnNet80(() => Verify.VerifyAnalyzerAsync(@"
namespace Shop
{
    public class Gate
    {
        private readonly System.Threading.{|CS0234:Lock|} _gate = new();
    }
}"));

        /// <summary>And the same source compiles on net10.0, so the error above comes from the framework alone.</summary>
        [Fact]
        public Task References_OnNet100_HaveLock() => Verify.VerifyAnalyzerAsync(@"
namespace Shop
{
    public class Gate
    {
        private readonly System.Threading.Lock _gate = new();
    }
}");

        // ---- Async ----
        [Fact]
        public Task DoNotBlockOnAsyncCodeAnalyzer_Result_OnTask_InSyncMethod() => OnNet80(new Async.DoNotBlockOnAsyncCodeAnalyzerTests().Result_OnTask_InSyncMethod);

        [Fact]
        public Task DoNotBlockOnAsyncCodeAnalyzer_WaitAll_InSyncCode() => OnNet80(new Async.DoNotBlockOnAsyncCodeAnalyzerTests().WaitAll_InSyncCode);

        // ---- Async ----
        [Fact]
        public Task DoNotBlockOnAsyncCodeFix_Result_BecomesAwait_WithParenthesesOnlyWhereNeeded() => OnNet80(new Async.DoNotBlockOnAsyncCodeFixTests().Result_BecomesAwait_WithParenthesesOnlyWhereNeeded);

        [Fact]
        public Task DoNotBlockOnAsyncCodeFix_MakeAsync_ChainOfThreeMethods_AcrossDocuments() => OnNet80(new Async.DoNotBlockOnAsyncCodeFixTests().MakeAsync_ChainOfThreeMethods_AcrossDocuments);

        // ---- Async ----
        // ---- Async ----
        [Fact]
        public Task UseAsyncCounterpartFix_ThreadSleep_BecomesTaskDelay_WithToken() => OnNet80(new Async.UseAsyncCounterpartFixTests().ThreadSleep_BecomesTaskDelay_WithToken);

        // ---- Cancellation ----
        [Fact]
        public Task ForwardCancellationTokenAnalyzer_OptionalTokenLeftAtDefault() => OnNet80(new Cancellation.ForwardCancellationTokenAnalyzerTests().OptionalTokenLeftAtDefault);

        [Fact]
        public Task ForwardCancellationTokenAnalyzer_FrameworkCalls() => OnNet80(new Cancellation.ForwardCancellationTokenAnalyzerTests().FrameworkCalls);

        [Fact]
        public Task ForwardCancellationTokenAnalyzer_NoTokenInScope_NotReported() => OnNet80(new Cancellation.ForwardCancellationTokenAnalyzerTests().NoTokenInScope_NotReported);

        // ---- Cancellation ----
        [Fact]
        public Task AsyncMethodShouldAcceptCancellationTokenAnalyzer_PublicAsyncMethod_AddsParameterAndForwardsToEveryCall() => OnNet80(new Cancellation.AsyncMethodShouldAcceptCancellationTokenAnalyzerTests().PublicAsyncMethod_AddsParameterAndForwardsToEveryCall);

        [Fact]
        public Task AsyncMethodShouldAcceptCancellationTokenAnalyzer_Negatives_NoCallThatAcceptsAToken_OrAlreadyHasToken() => OnNet80(new Cancellation.AsyncMethodShouldAcceptCancellationTokenAnalyzerTests().Negatives_NoCallThatAcceptsAToken_OrAlreadyHasToken);

        // ---- Concurrency ----
        [Fact]
        public Task UnboundedFanOutAnalyzer_WhenAll_SelectAsyncLambda_Reported() => OnNet80(new Concurrency.UnboundedFanOutAnalyzerTests().WhenAll_SelectAsyncLambda_Reported);

        [Fact]
        public Task UnboundedFanOutAnalyzer_ParallelForEach_SyncLambda_NotReported() => OnNet80(new Concurrency.UnboundedFanOutAnalyzerTests().ParallelForEach_SyncLambda_NotReported);

        // ---- Concurrency ----
        [Fact]
        public Task UnboundedFanOutCodeFix_ForEachAsync_ResultsUnused_ForwardsLoopToken() => OnNet80(new Concurrency.UnboundedFanOutCodeFixTests().ForEachAsync_ResultsUnused_ForwardsLoopToken);

        [Fact]
        public Task UnboundedFanOutCodeFix_Semaphore_ReturnAwaitWhenAllWithResults_KeepsResultsAndForwardsToken() => OnNet80(new Concurrency.UnboundedFanOutCodeFixTests().Semaphore_ReturnAwaitWhenAllWithResults_KeepsResultsAndForwardsToken);

        // ---- Domains ----
        [Fact]
        public Task CrossDomainReference_UsingDirective_OfAnotherDomainsInternalNamespace() => OnNet80(new Domains.CrossDomainReferenceTests().UsingDirective_OfAnotherDomainsInternalNamespace);

        // ---- Domains ----
        [Fact]
        public Task LayerDirection_DomainToInfrastructure_InOneDomain() => OnNet80(new Domains.LayerDirectionTests().DomainToInfrastructure_InOneDomain);

        [Fact]
        public Task LayerDirection_LeftwardReferences_NotReported() => OnNet80(new Domains.LayerDirectionTests().LeftwardReferences_NotReported);

        // ---- Api ----
        [Fact]
        public Task EntityReturnedFromEndpointAnalyzer_Action_ReturningEntity() => OnNet80(new Api.EntityReturnedFromEndpointAnalyzerTests().Action_ReturningEntity);

        // ---- Api ----
        [Fact]
        public Task EntityBoundFromRequestAnalyzer_Action_FromBodyEntity() => OnNet80(new Api.EntityBoundFromRequestAnalyzerTests().Action_FromBodyEntity);

        [Fact]
        public Task EntityBoundFromRequestAnalyzer_Minimal_LambdaParameter() => OnNet80(new Api.EntityBoundFromRequestAnalyzerTests().Minimal_LambdaParameter);

        [Fact]
        public Task EntityBoundFromRequestAnalyzer_NonEndpoints_NoDiagnostic() => OnNet80(new Api.EntityBoundFromRequestAnalyzerTests().NonEndpoints_NoDiagnostic);

        // ---- Configuration ----
        [Fact]
        public Task InvalidOptionAnalyzer_GlobalConfig_Reported() => OnNet80(new Configuration.InvalidOptionAnalyzerTests().GlobalConfig_Reported);
    }
}
