using System.Collections.Concurrent;
using System.Linq;
using Bounded.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Bounded.Analyzers.Async
{
    /// <summary>How the counterpart is called.</summary>
    public enum CounterpartKind
    {
        /// <summary>Same receiver (or same static type), name + "Async".</summary>
        SameType,

        /// <summary><c>Thread.Sleep(x)</c> -&gt; <c>Task.Delay(x)</c>.</summary>
        Delay,

        /// <summary>Sync LINQ materialisation of an EF Core query -&gt; the <c>EntityFrameworkQueryableExtensions</c> method.</summary>
        EntityFrameworkQuery,
    }

    /// <summary>An equivalent async counterpart: <see cref="Method"/> takes exactly the sync method's arguments (a trailing token aside).</summary>
    public sealed class Counterpart
    {
        public Counterpart(IMethodSymbol method, CounterpartKind kind)
        {
            Method = method;
            Kind = kind;
        }

        public IMethodSymbol Method { get; }

        public CounterpartKind Kind { get; }
    }

    /// <summary>
    /// Finds the async counterpart of a synchronous call (BND4002) — one lookup per method symbol per compilation.
    /// Equivalent means: name + "Async"; same static-ness and type-parameter count; the same parameter types and ref kinds
    /// in the same order, plus at most a trailing CancellationToken; an awaitable of the same result (void -&gt; Task/ValueTask,
    /// T -&gt; Task&lt;T&gt;/ValueTask&lt;T&gt;); not [Obsolete]; accessible from the call site.
    /// </summary>
    public sealed class AsyncCounterparts
    {
        private static readonly string[] EfMaterialisers =
        {
            "ToList", "ToArray", "ToDictionary", "ToHashSet", "First", "FirstOrDefault", "Single", "SingleOrDefault",
            "Last", "LastOrDefault", "Count", "LongCount", "Any", "All", "Min", "Max", "Sum", "Average", "Contains", "ElementAt", "ElementAtOrDefault",
        };

        private readonly KnownTypes _types;
        private readonly ConcurrentDictionary<IMethodSymbol, Counterpart?> _cache = new(SymbolEqualityComparer.Default);

        // The three searches as delegates made once, not at every call.
        private readonly System.Func<IMethodSymbol, Counterpart?> _findEntityFramework;
        private readonly System.Func<IMethodSymbol, Counterpart?> _findDelay;
        private readonly System.Func<IMethodSymbol, Counterpart?> _findSameType;

        public AsyncCounterparts(KnownTypes types)
        {
            _types = types;
            _findEntityFramework = FindEntityFramework;
            _findDelay = FindDelay;
            _findSameType = FindSameType;
        }

        private Counterpart? Cached(IMethodSymbol method, System.Func<IMethodSymbol, Counterpart?> find) =>
            _cache.TryGetValue(method, out var found) ? found : _cache.GetOrAdd(method, find);

        /// <summary>The counterpart of the invoked method, or null. <paramref name="within"/> is the type the call is written in (accessibility).</summary>
        public Counterpart? Find(IInvocationOperation invocation, INamedTypeSymbol? within)
        {
            var method = invocation.TargetMethod;
            if (method.Name.EndsWith("Async", System.StringComparison.Ordinal) || method.ReturnsByRef || method.ReturnsByRefReadonly)
            {
                return null;
            }

            Counterpart? found;
            if (method.IsExtensionMethod && IsLinq(method.ContainingType) && System.Array.IndexOf(EfMaterialisers, method.Name) >= 0)
            {
                found = IsEntityFrameworkQuery(invocation) ? Cached(method, _findEntityFramework) : null;
            }
            else if (method.Name == "Sleep" && method.IsStatic && BlockingSites.Same(method.ContainingType, _types.Thread))
            {
                found = Cached(method, _findDelay);
            }
            else
            {
                found = Cached(method, _findSameType);
            }

            if (found == null || (within != null && !_types.Compilation.IsSymbolAccessibleWithin(found.Method, within)))
            {
                return null;
            }

            return found;
        }

        private static bool IsLinq(INamedTypeSymbol? type) =>
            type is { Name: "Enumerable" or "Queryable", ContainingNamespace: { Name: "Linq", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

        private Counterpart? FindSameType(IMethodSymbol method)
        {
            string name = method.Name + "Async";
            var owner = method.ContainingType;
            if (owner == null)
            {
                return null;
            }

            var searched = owner.TypeKind == TypeKind.Interface
                ? new[] { owner }.Concat(owner.AllInterfaces)
                : BaseTypesAndSelf(owner);
            IMethodSymbol? best = null;
            foreach (var type in searched)
            {
                foreach (var candidate in type.GetMembers(name).OfType<IMethodSymbol>())
                {
                    var constructed = Equivalent(method, candidate, skipFirstParameter: false);
                    if (constructed != null && (best == null || (!HasTrailingToken(best, method) && HasTrailingToken(constructed, method))))
                    {
                        // Prefer the overload that takes a token, so the fix can forward the one in scope.
                        best = constructed;
                    }
                }

                if (best != null)
                {
                    break;
                }
            }

            return best == null ? null : new Counterpart(best, CounterpartKind.SameType);
        }

        private Counterpart? FindDelay(IMethodSymbol sleep)
        {
            if (_types.Task == null || sleep.Parameters.Length != 1)
            {
                return null;
            }

            IMethodSymbol? best = null;
            foreach (var delay in _types.Task.GetMembers("Delay").OfType<IMethodSymbol>())
            {
                if (delay.Parameters.Length >= 1 && SymbolEqualityComparer.Default.Equals(delay.Parameters[0].Type, sleep.Parameters[0].Type)
                    && (delay.Parameters.Length == 1 || (delay.Parameters.Length == 2 && IsToken(delay.Parameters[1].Type)))
                    && (best == null || delay.Parameters.Length == 2))
                {
                    best = delay;
                }
            }

            return best == null ? null : new Counterpart(best, CounterpartKind.Delay);
        }

        private Counterpart? FindEntityFramework(IMethodSymbol method)
        {
            var extensions = _types.EntityFrameworkQueryableExtensions;
            if (extensions == null || _types.IQueryableOfT == null)
            {
                return null;
            }

            foreach (var candidate in extensions.GetMembers(method.Name + "Async").OfType<IMethodSymbol>())
            {
                if (candidate.Parameters.Length == 0
                    || candidate.Parameters[0].Type is not INamedTypeSymbol first
                    || !BlockingSites.Same(first.OriginalDefinition, _types.IQueryableOfT))
                {
                    continue;
                }

                var constructed = Equivalent(method, candidate, skipFirstParameter: true);
                if (constructed != null)
                {
                    return new Counterpart(constructed, CounterpartKind.EntityFrameworkQuery);
                }
            }

            return null;
        }

        private static System.Collections.Generic.IEnumerable<INamedTypeSymbol> BaseTypesAndSelf(INamedTypeSymbol type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                yield return current;
            }
        }

        /// <summary>The candidate constructed like <paramref name="method"/> when it is an equivalent counterpart; else null.</summary>
        private IMethodSymbol? Equivalent(IMethodSymbol method, IMethodSymbol candidate, bool skipFirstParameter)
        {
            if (candidate.IsStatic != method.IsStatic
                || candidate.Arity != method.Arity
                || candidate.DeclaredAccessibility == Accessibility.Private
                || IsObsolete(candidate))
            {
                return null;
            }

            IMethodSymbol constructed = candidate;
            if (candidate.Arity > 0)
            {
                if (method.TypeArguments.Any(t => t is IErrorTypeSymbol))
                {
                    return null;
                }

                constructed = candidate.Construct(method.TypeArguments.ToArray());
            }

            var parameters = constructed.Parameters;
            int count = parameters.Length;
            if (count > 0 && IsToken(parameters[count - 1].Type) && !(method.Parameters.Length == count && IsToken(method.Parameters[count - 1].Type)))
            {
                count--;
            }

            if (count != method.Parameters.Length)
            {
                return null;
            }

            for (int i = skipFirstParameter ? 1 : 0; i < count; i++)
            {
                var expected = method.Parameters[i];
                var actual = parameters[i];
                if (actual.RefKind != RefKind.None || expected.RefKind != RefKind.None || actual.IsParams != expected.IsParams
                    || !SymbolEqualityComparer.Default.Equals(actual.Type, expected.Type))
                {
                    return null;
                }
            }

            if (constructed.ReturnType is not INamedTypeSymbol returned || !Awaitables.IsTaskLike(returned, _types))
            {
                return null;
            }

            var definition = returned.OriginalDefinition;
            if (method.ReturnsVoid)
            {
                return BlockingSites.Same(definition, _types.Task) || BlockingSites.Same(definition, _types.ValueTask) ? constructed : null;
            }

            return (BlockingSites.Same(definition, _types.TaskOfT) || BlockingSites.Same(definition, _types.ValueTaskOfT))
                && SymbolEqualityComparer.Default.Equals(returned.TypeArguments[0], method.ReturnType)
                ? constructed
                : null;
        }

        private bool HasTrailingToken(IMethodSymbol candidate, IMethodSymbol method) =>
            candidate.Parameters.Length == method.Parameters.Length + 1 && IsToken(candidate.Parameters[candidate.Parameters.Length - 1].Type);

        /// <summary>The index of the counterpart's trailing CancellationToken parameter that the sync method lacks, or -1.</summary>
        public int TokenParameterIndex(IMethodSymbol counterpart, IMethodSymbol method) =>
            HasTrailingToken(counterpart, method) ? counterpart.Parameters.Length - 1 : -1;

        private bool IsToken(ITypeSymbol type) => BlockingSites.Same(type, _types.CancellationToken);

        private bool IsObsolete(IMethodSymbol method) =>
            _types.ObsoleteAttribute != null && method.GetAttributes().Any(a => BlockingSites.Same(a.AttributeClass, _types.ObsoleteAttribute));

        /// <summary>
        /// True when the query's source is certainly an EF Core query: the receiver chain (through LINQ/EF operators) starts at
        /// a <c>DbSet&lt;T&gt;</c>, uses an <c>EntityFrameworkQueryableExtensions</c> operator, or is a local always assigned such a query.
        /// A plain <c>IQueryable&lt;T&gt;</c> of unknown origin (e.g. <c>list.AsQueryable()</c>) is not: its provider may not support async.
        /// </summary>
        private bool IsEntityFrameworkQuery(IInvocationOperation invocation)
        {
            if (_types.EntityFrameworkQueryableExtensions == null || _types.DbSetOfT == null || invocation.Arguments.Length == 0)
            {
                return false;
            }

            var source = AsyncContext.Unwrap(invocation.Arguments[0].Value);
            if (source?.Type is not INamedTypeSymbol sourceType || !ImplementsQueryable(sourceType))
            {
                return false;
            }

            return IsEntityFrameworkSource(source, depth: 0);
        }

        private bool ImplementsQueryable(INamedTypeSymbol type) =>
            BlockingSites.Same(type.OriginalDefinition, _types.IQueryableOfT)
            || type.AllInterfaces.Any(i => BlockingSites.Same(i.OriginalDefinition, _types.IQueryableOfT));

        private bool IsEntityFrameworkSource(IOperation? source, int depth)
        {
            source = AsyncContext.Unwrap(source);
            if (source == null || depth > 16)
            {
                return false;
            }

            if (IsDbSet(source.Type))
            {
                return true;
            }

            switch (source)
            {
                case IInvocationOperation { TargetMethod: { IsExtensionMethod: true } method } call when call.Arguments.Length > 0:
                    if (BlockingSites.Same(method.ContainingType, _types.EntityFrameworkQueryableExtensions))
                    {
                        return true;
                    }

                    return IsLinq(method.ContainingType) && IsEntityFrameworkSource(call.Arguments[0].Value, depth + 1);

                case IInvocationOperation { Instance: { } instance }:
                    // dbSet.AsQueryable(), dbContext.Set<T>() ...
                    return IsDbSet(instance.Type) || IsDbContext(instance.Type);

                case ILocalReferenceOperation local:
                    return IsLocalAlwaysEntityFramework(local, depth);

                default:
                    return false;
            }
        }

        private bool IsLocalAlwaysEntityFramework(ILocalReferenceOperation reference, int depth)
        {
            var root = (IOperation)reference;
            while (root.Parent != null)
            {
                root = root.Parent;
            }

            bool any = false;
            foreach (var operation in root.Descendants())
            {
                IOperation? value = null;
                if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local))
                {
                    value = declarator.Initializer?.Value;
                    if (value == null)
                    {
                        continue;
                    }
                }
                else if (operation is ISimpleAssignmentOperation assignment && AsyncContext.Unwrap(assignment.Target) is ILocalReferenceOperation target
                         && SymbolEqualityComparer.Default.Equals(target.Local, reference.Local))
                {
                    value = assignment.Value;
                }
                else if (operation is IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument
                         && AsyncContext.Unwrap(argument.Value) is ILocalReferenceOperation byRef
                         && SymbolEqualityComparer.Default.Equals(byRef.Local, reference.Local))
                {
                    return false;
                }
                else
                {
                    continue;
                }

                // query = query.Where(...) refers back to itself: that keeps whatever the other assignments establish.
                if (RefersBackTo(value, reference.Local))
                {
                    continue;
                }

                if (!IsEntityFrameworkSource(value, depth + 1))
                {
                    return false;
                }

                any = true;
            }

            return any;
        }

        private bool RefersBackTo(IOperation? value, ILocalSymbol local)
        {
            for (var current = AsyncContext.Unwrap(value); current != null;)
            {
                if (current is ILocalReferenceOperation l)
                {
                    return SymbolEqualityComparer.Default.Equals(l.Local, local);
                }

                if (current is IInvocationOperation { TargetMethod.IsExtensionMethod: true } call && call.Arguments.Length > 0
                    && (IsLinq(call.TargetMethod.ContainingType) || BlockingSites.Same(call.TargetMethod.ContainingType, _types.EntityFrameworkQueryableExtensions)))
                {
                    current = AsyncContext.Unwrap(call.Arguments[0].Value);
                    continue;
                }

                return false;
            }

            return false;
        }

        private bool IsDbContext(ITypeSymbol? type)
        {
            for (var current = type as INamedTypeSymbol; current != null; current = current.BaseType)
            {
                if (BlockingSites.Same(current, _types.DbContext))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsDbSet(ITypeSymbol? type)
        {
            for (var current = type as INamedTypeSymbol; current != null; current = current.BaseType)
            {
                if (BlockingSites.Same(current.OriginalDefinition, _types.DbSetOfT))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
