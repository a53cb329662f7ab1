using Microsoft.CodeAnalysis;

namespace Bounded.Analyzers.Common
{
    /// <summary>Types the Concurrency family (BND5xxx) uses, resolved on first use.</summary>
    public sealed partial class KnownTypes
    {
        private object? _parallel;
        private object? _parallelOptions;
        private object? _semaphoreSlim;
        private object? _rateLimiter;
        private object? _partitionedRateLimiter;
        private object? _channelWriter;
        private object? _dataflowBlock;
        private object? _targetBlock;
        private object? _enum;
        private object? _pollyAsyncBulkheadPolicy;
        private object? _pollyAsyncBulkheadPolicyOfT;
        private object? _pollyResiliencePipeline;
        private object? _pollyResiliencePipelineOfT;

        public INamedTypeSymbol? Parallel => Lazy(ref _parallel, "System.Threading.Tasks.Parallel");

        public INamedTypeSymbol? ParallelOptions => Lazy(ref _parallelOptions, "System.Threading.Tasks.ParallelOptions");

        public INamedTypeSymbol? SemaphoreSlim => Lazy(ref _semaphoreSlim, "System.Threading.SemaphoreSlim");

        public INamedTypeSymbol? RateLimiter => Lazy(ref _rateLimiter, "System.Threading.RateLimiting.RateLimiter");

        public INamedTypeSymbol? PartitionedRateLimiterOfT => Lazy(ref _partitionedRateLimiter, "System.Threading.RateLimiting.PartitionedRateLimiter`1");

        public INamedTypeSymbol? ChannelWriterOfT => Lazy(ref _channelWriter, "System.Threading.Channels.ChannelWriter`1");

        public INamedTypeSymbol? DataflowBlock => Lazy(ref _dataflowBlock, "System.Threading.Tasks.Dataflow.DataflowBlock");

        public INamedTypeSymbol? TargetBlockOfT => Lazy(ref _targetBlock, "System.Threading.Tasks.Dataflow.ITargetBlock`1");

        public INamedTypeSymbol? Enum => Lazy(ref _enum, "System.Enum");

        public INamedTypeSymbol? PollyAsyncBulkheadPolicy => Lazy(ref _pollyAsyncBulkheadPolicy, "Polly.Bulkhead.AsyncBulkheadPolicy");

        public INamedTypeSymbol? PollyAsyncBulkheadPolicyOfT => Lazy(ref _pollyAsyncBulkheadPolicyOfT, "Polly.Bulkhead.AsyncBulkheadPolicy`1");

        public INamedTypeSymbol? PollyResiliencePipeline => Lazy(ref _pollyResiliencePipeline, "Polly.ResiliencePipeline");

        public INamedTypeSymbol? PollyResiliencePipelineOfT => Lazy(ref _pollyResiliencePipelineOfT, "Polly.ResiliencePipeline`1");
    }
}
