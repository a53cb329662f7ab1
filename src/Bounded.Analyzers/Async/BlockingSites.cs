using Bounded.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bounded.Analyzers.Async
{
    /// <summary>The shapes BND4001 reports: what blocks a thread on a task.</summary>
    public enum BlockingKind
    {
        None,
        Result,
        Wait,
        GetResult,
        WaitAll,
        WaitAny,
    }

    /// <summary>Recognizes blocking sites (shared by BND4001, BND4002 and the fixes).</summary>
    public static class BlockingSites
    {
        /// <summary>
        /// Recognizes <c>.Result</c> on Task&lt;T&gt;/ValueTask&lt;T&gt;, <c>Task.Wait(...)</c>, <c>x.GetAwaiter().GetResult()</c>,
        /// <c>Task.WaitAll</c> and <c>Task.WaitAny</c>. <paramref name="receiver"/> is the task (null for WaitAll/WaitAny).
        /// </summary>
        public static BlockingKind Classify(IOperation operation, KnownTypes types, out IOperation? receiver)
        {
            receiver = null;
            switch (operation)
            {
                case IPropertyReferenceOperation { Property.Name: "Result", Instance: { } instance } property:
                    var owner = property.Property.ContainingType?.OriginalDefinition;
                    if (owner != null && (Same(owner, types.TaskOfT) || Same(owner, types.ValueTaskOfT)))
                    {
                        receiver = instance;
                        return BlockingKind.Result;
                    }

                    return BlockingKind.None;

                case IInvocationOperation invocation:
                    var method = invocation.TargetMethod;
                    switch (method.Name)
                    {
                        case "Wait" when !method.IsStatic && invocation.Instance != null && Same(method.ContainingType?.OriginalDefinition, types.Task):
                            receiver = invocation.Instance;
                            return BlockingKind.Wait;
                        case "WaitAll" when method.IsStatic && Same(method.ContainingType, types.Task):
                            return BlockingKind.WaitAll;
                        case "WaitAny" when method.IsStatic && Same(method.ContainingType, types.Task):
                            return BlockingKind.WaitAny;
                        case "GetResult" when !method.IsStatic && method.Parameters.Length == 0
                            && AsyncContext.Unwrap(invocation.Instance) is IInvocationOperation { TargetMethod: { Name: "GetAwaiter", IsStatic: false, Parameters.Length: 0 }, Instance: { } awaited }
                            && Awaitables.HasGetAwaiter(awaited.Type):
                            receiver = awaited;
                            return BlockingKind.GetResult;
                    }

                    return BlockingKind.None;

                default:
                    return BlockingKind.None;
            }
        }

        /// <summary>
        /// True when the site is (through <c>AsTask()</c>, <c>ConfigureAwait(...)</c>, <c>Unwrap()</c> or <c>GetAwaiter()</c>)
        /// the receiver of another blocking site: the chain is reported once, at the outermost.
        /// </summary>
        public static bool IsReceiverOfOuterSite(IOperation site, KnownTypes types)
        {
            var current = site;
            var parent = site.Parent;
            while (parent != null)
            {
                if (parent is IConversionOperation { IsImplicit: true } or IParenthesizedOperation)
                {
                    current = parent;
                    parent = parent.Parent;
                    continue;
                }

                if (parent is IInvocationOperation { TargetMethod.Name: "AsTask" or "ConfigureAwait" or "Unwrap" } link
                    && link.Instance == current
                    && Awaitables.IsTaskLike(current.Type, types))
                {
                    current = parent;
                    parent = parent.Parent;
                    continue;
                }

                if (parent is IInvocationOperation { TargetMethod.Name: "GetAwaiter" } awaiter && awaiter.Instance == current)
                {
                    current = parent;
                    parent = parent.Parent;
                    continue;
                }

                break;
            }

            if (parent == null)
            {
                return false;
            }

            if (parent is IInvocationOperation { TargetMethod.Name: "GetResult" } getResult && current is IInvocationOperation { TargetMethod.Name: "GetAwaiter" })
            {
                return getResult.Instance == current;
            }

            return Classify(parent, types, out var outerReceiver) != BlockingKind.None && outerReceiver == current;
        }

        /// <summary>Text for the message: what blocks.</summary>
        public static string Describe(BlockingKind kind) => kind switch
        {
            BlockingKind.Result => "Result",
            BlockingKind.Wait => "Wait()",
            BlockingKind.GetResult => "GetAwaiter().GetResult()",
            BlockingKind.WaitAll => "Task.WaitAll",
            BlockingKind.WaitAny => "Task.WaitAny",
            _ => string.Empty,
        };

        internal static bool Same(ISymbol? a, ISymbol? b) => a != null && SymbolEqualityComparer.Default.Equals(a, b);
    }
}
