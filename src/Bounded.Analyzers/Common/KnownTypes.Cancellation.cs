using System.Collections.Concurrent;
using System.Collections.Immutable;
using Bounded.Analyzers.Common.Tokens;
using Microsoft.CodeAnalysis;

namespace Bounded.Analyzers.Common
{
    /// <summary>Types the Cancellation family (and the shared token logic in Common/Tokens) uses, resolved on first use.</summary>
    public sealed partial class KnownTypes
    {
        private object? _nonControllerAttribute;
        private object? _enumeratorCancellationAttribute;
        private object? _taskAsyncEnumerableExtensions;
        private object? _configuredCancelableAsyncEnumerableOfT;
        private object? _expressionOfT;
        private object? _lambdaExpression;
        private object? _operationCanceledException;
        private object? _eventArgs;
        private object? _taskCompletionSource;
        private object? _taskCompletionSourceOfT;
        private object? _taskFactory;
        private object? _taskFactoryOfT;
        private object? _dbTransaction;
        private object? _efDbContextTransaction;
        private object? _host;
        private object? _hostedService;
        private object? _hostingAbstractionsHostExtensions;
        private ConcurrentDictionary<OverloadKey, ImmutableArray<OverloadMatch>>? _tokenOverloads;
        private ConcurrentDictionary<OverloadKey, bool>? _tokenOverloadShapes;
        private ConcurrentDictionary<IMethodSymbol, TokenInScope.ActionHttpContext>? _actionHttpContexts;
        private ConcurrentDictionary<ITypeSymbol, IPropertySymbol?>? _tokenProperties;
        private ConcurrentDictionary<IMethodSymbol, bool>? _membersProvidingTokens;

        /// <summary>
        /// Per compilation: for a callee (and the receiver's type, when it matters), the overloads that could take a
        /// token (<see cref="TokenAcceptance"/>), before the call-site filters.
        /// </summary>
        internal ConcurrentDictionary<OverloadKey, ImmutableArray<OverloadMatch>> TokenOverloads =>
            System.Threading.LazyInitializer.EnsureInitialized(ref _tokenOverloads, () => new ConcurrentDictionary<OverloadKey, ImmutableArray<OverloadMatch>>())!;

        /// <summary>
        /// Per compilation: for a callee's definition (and the receiver type's definition, when it matters), whether any
        /// overload could take a token at all (<see cref="TokenAcceptance"/>); false for most, which ends the check.
        /// </summary>
        internal ConcurrentDictionary<OverloadKey, bool> TokenOverloadShapes =>
            System.Threading.LazyInitializer.EnsureInitialized(ref _tokenOverloadShapes, () => new ConcurrentDictionary<OverloadKey, bool>())!;

        /// <summary>Per compilation: what <c>HttpContext</c> means in each controller action (<see cref="TokenInScope"/>).</summary>
        internal ConcurrentDictionary<IMethodSymbol, TokenInScope.ActionHttpContext> ActionHttpContexts =>
            System.Threading.LazyInitializer.EnsureInitialized(ref _actionHttpContexts, () => new ConcurrentDictionary<IMethodSymbol, TokenInScope.ActionHttpContext>(SymbolEqualityComparer.Default))!;

        /// <summary>Per compilation: the public token property of each parameter type (<see cref="TokenInScope.TokenProperty"/>), or null.</summary>
        internal ConcurrentDictionary<ITypeSymbol, IPropertySymbol?> TokenProperties =>
            System.Threading.LazyInitializer.EnsureInitialized(ref _tokenProperties, () => new ConcurrentDictionary<ITypeSymbol, IPropertySymbol?>(SymbolEqualityComparer.Default))!;

        /// <summary>Per compilation: whether a member's parameters or its being a controller action can give a token (<see cref="TokenInScope.MayBeInScope"/>).</summary>
        internal ConcurrentDictionary<IMethodSymbol, bool> MembersProvidingTokens =>
            System.Threading.LazyInitializer.EnsureInitialized(ref _membersProvidingTokens, () => new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default))!;

        public INamedTypeSymbol? NonControllerAttribute => Lazy(ref _nonControllerAttribute, "Microsoft.AspNetCore.Mvc.NonControllerAttribute");

        public INamedTypeSymbol? EnumeratorCancellationAttribute => Lazy(ref _enumeratorCancellationAttribute, "System.Runtime.CompilerServices.EnumeratorCancellationAttribute");

        /// <summary>Holds <c>WithCancellation</c> and <c>ConfigureAwait</c> for <c>IAsyncEnumerable&lt;T&gt;</c>.</summary>
        public INamedTypeSymbol? TaskAsyncEnumerableExtensions => Lazy(ref _taskAsyncEnumerableExtensions, "System.Threading.Tasks.TaskAsyncEnumerableExtensions");

        public INamedTypeSymbol? ConfiguredCancelableAsyncEnumerableOfT => Lazy(ref _configuredCancelableAsyncEnumerableOfT, "System.Runtime.CompilerServices.ConfiguredCancelableAsyncEnumerable`1");

        public INamedTypeSymbol? ExpressionOfT => Lazy(ref _expressionOfT, "System.Linq.Expressions.Expression`1");

        public INamedTypeSymbol? LambdaExpression => Lazy(ref _lambdaExpression, "System.Linq.Expressions.LambdaExpression");

        public INamedTypeSymbol? OperationCanceledException => Lazy(ref _operationCanceledException, "System.OperationCanceledException");

        public INamedTypeSymbol? EventArgs => Lazy(ref _eventArgs, "System.EventArgs");

        public INamedTypeSymbol? TaskCompletionSource => Lazy(ref _taskCompletionSource, "System.Threading.Tasks.TaskCompletionSource");

        public INamedTypeSymbol? TaskCompletionSourceOfT => Lazy(ref _taskCompletionSourceOfT, "System.Threading.Tasks.TaskCompletionSource`1");

        public INamedTypeSymbol? TaskFactory => Lazy(ref _taskFactory, "System.Threading.Tasks.TaskFactory");

        public INamedTypeSymbol? TaskFactoryOfT => Lazy(ref _taskFactoryOfT, "System.Threading.Tasks.TaskFactory`1");

        public INamedTypeSymbol? DbTransaction => Lazy(ref _dbTransaction, "System.Data.Common.DbTransaction");

        public INamedTypeSymbol? EfDbContextTransaction => Lazy(ref _efDbContextTransaction, "Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction");

        public INamedTypeSymbol? Host => Lazy(ref _host, "Microsoft.Extensions.Hosting.IHost");

        public INamedTypeSymbol? HostedService => Lazy(ref _hostedService, "Microsoft.Extensions.Hosting.IHostedService");

        public INamedTypeSymbol? HostingAbstractionsHostExtensions => Lazy(ref _hostingAbstractionsHostExtensions, "Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions");
    }
}
