using Microsoft.CodeAnalysis;

namespace Bounded.Analyzers.Common.Tokens
{
    /// <summary>
    /// Methods whose token parameter does not mean "stop this work when the caller gives up", so
    /// forwarding the caller's token there is wrong or useless. BND3001 never asks for a token on them,
    /// and a call to them does not count as "a call that accepts a token" for BND3002.
    /// The list is documented in docs/rules/BND3001.md; keep the two in sync.
    /// </summary>
    public static class UncancellableByDesign
    {
        public static bool Contains(IMethodSymbol method, KnownTypes types)
        {
            var type = method.ContainingType?.OriginalDefinition;
            if (type == null)
            {
                return false;
            }

            switch (method.Name)
            {
                // The token is the reason recorded on the task, not a signal to stop.
                case "SetCanceled":
                case "TrySetCanceled":
                    return Is(type, types.TaskCompletionSource) || Is(type, types.TaskCompletionSourceOfT);

                // The token cancels the continuation itself, so cleanup meant to run after the antecedent would be skipped.
                case "ContinueWith":
                    return Is(type, types.Task) || Is(type, types.TaskOfT);
                case "ContinueWhenAll":
                case "ContinueWhenAny":
                    return Is(type, types.TaskFactory) || Is(type, types.TaskFactoryOfT);

                // A rollback must run when the work was cancelled; the caller's token is then already cancelled.
                case "RollbackAsync":
                    return IsOrDerives(type, types.DbTransaction) || Implements(type, types.EfDbContextTransaction);

                // The token passed to StopAsync is the deadline of a graceful shutdown, not the caller's cancellation.
                case "StopAsync":
                    return Is(type, types.HostingAbstractionsHostExtensions) || Implements(type, types.Host) || Implements(type, types.HostedService);

                default:
                    return false;
            }
        }

        private static bool Is(INamedTypeSymbol type, INamedTypeSymbol? known) =>
            known != null && SymbolEqualityComparer.Default.Equals(type, known);

        private static bool IsOrDerives(INamedTypeSymbol type, INamedTypeSymbol? known)
        {
            for (var t = type; t != null && known != null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, known))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Implements(INamedTypeSymbol type, INamedTypeSymbol? known)
        {
            if (known == null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type, known))
            {
                return true;
            }

            foreach (var i in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, known))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
