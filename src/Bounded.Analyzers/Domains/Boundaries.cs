using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace Bounded.Analyzers.Domains
{
    /// <summary>
    /// One <see cref="DomainMap"/> inside one compilation: the placement of each namespace symbol,
    /// where each domain's public contract lives, and the cheap screen that tells whether a type can
    /// cross a boundary at all. Thread-safe; built once per compilation and map.
    /// </summary>
    public sealed class Boundaries
    {
        private readonly Compilation _compilation;
        // Keyed by reference: hashing a namespace symbol by value walks its whole name, and the same namespace
        // seen from two modules (two symbols) simply gets two entries holding the same placement.
        private readonly ConcurrentDictionary<INamespaceSymbol, Placement> _placements = new(ReferenceComparer.Instance);
        private readonly ConcurrentDictionary<string, string> _contractHints = new(StringComparer.Ordinal);

        public Boundaries(Compilation compilation, DomainMap map)
        {
            _compilation = compilation;
            Map = map;
        }

        public DomainMap Map { get; }

        public Placement Get(INamespaceSymbol? ns)
        {
            if (ns == null || ns.IsGlobalNamespace)
            {
                return Placement.None;
            }

            return _placements.TryGetValue(ns, out var placement) ? placement : _placements.GetOrAdd(ns, Map.Get(ns));
        }

        /// <summary>
        /// Whether code in <paramref name="from"/> naming <paramref name="type"/> (or any type it is
        /// built from: type arguments, tuple elements, array elements, outer types) could be reported.
        /// A superset of what the site walk reports, computed from symbols only.
        /// </summary>
        public bool Crosses(ITypeSymbol? type, Placement from)
        {
            switch (type)
            {
                case INamedTypeSymbol named:
                    if (named.TypeKind != TypeKind.Error && CrossesAt(named.ContainingNamespace, from))
                    {
                        return true;
                    }

                    foreach (var argument in named.TypeArguments)
                    {
                        if (Crosses(argument, from))
                        {
                            return true;
                        }
                    }

                    return named.ContainingType != null && Crosses(named.ContainingType, from);
                case IArrayTypeSymbol array:
                    return Crosses(array.ElementType, from);
                case IPointerTypeSymbol pointer:
                    return Crosses(pointer.PointedAtType, from);
                case IFunctionPointerTypeSymbol functionPointer:
                    return Crosses(functionPointer.Signature, from);
                default:
                    return false; // type parameters, dynamic, error types without arguments
            }
        }

        /// <summary>A method's signature: return type, parameter types, type-parameter constraints.</summary>
        public bool Crosses(IMethodSymbol method, Placement from)
        {
            if (Crosses(method.ReturnType, from) || Crosses(method.Parameters, from))
            {
                return true;
            }

            foreach (var typeParameter in method.TypeParameters)
            {
                if (CrossesConstraints(typeParameter, from))
                {
                    return true;
                }
            }

            return false;
        }

        public bool Crosses(System.Collections.Immutable.ImmutableArray<IParameterSymbol> parameters, Placement from)
        {
            foreach (var parameter in parameters)
            {
                if (Crosses(parameter.Type, from))
                {
                    return true;
                }
            }

            return false;
        }

        public bool CrossesConstraints(ITypeParameterSymbol typeParameter, Placement from)
        {
            foreach (var constraint in typeParameter.ConstraintTypes)
            {
                if (Crosses(constraint, from))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A member (or the static class of an extension method) and, for generic methods, its type arguments.</summary>
        public bool CrossesMember(ISymbol member, Placement from) =>
            Crosses(member.ContainingType, from) || CrossesTypeArguments(member, from);

        /// <summary>A generic method's own type arguments (explicit or inferred).</summary>
        public bool CrossesTypeArguments(ISymbol member, Placement from)
        {
            if (member is IMethodSymbol { IsGenericMethod: true } method)
            {
                foreach (var argument in method.TypeArguments)
                {
                    if (Crosses(argument, from))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// Two types sit in the same boundary: one placement, or one domain, family, visibility and
        /// layer. A member reached through a receiver of its own boundary is not a site of its own.
        /// </summary>
        public bool SameBoundary(INamedTypeSymbol receiverType, INamedTypeSymbol memberType)
        {
            var a = Get(receiverType.ContainingNamespace);
            var b = Get(memberType.ContainingNamespace);
            return ReferenceEquals(a, b)
                || (a.Domain != null && a.Domain == b.Domain && a.Family == b.Family && a.IsPublic == b.IsPublic && a.LayerRank == b.LayerRank)
                || (a.IsShared && b.IsShared && a.DomainRoot == b.DomainRoot && a.LayerRank == b.LayerRank);
        }

        private sealed class ReferenceComparer : System.Collections.Generic.IEqualityComparer<INamespaceSymbol>
        {
            public static readonly ReferenceComparer Instance = new();

            public bool Equals(INamespaceSymbol? x, INamespaceSymbol? y) => ReferenceEquals(x, y);

            public int GetHashCode(INamespaceSymbol obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }

        private bool CrossesAt(INamespaceSymbol? ns, Placement from) =>
            CrossingRules.Judge(from, Get(ns), frameworkSite: true) != Crossing.None;

        /// <summary>Where a domain's public contract lives: the first configured public namespace that exists, else the first configured one.</summary>
        public string ContractHint(string root) =>
            _contractHints.TryGetValue(root, out var hint) ? hint : _contractHints.GetOrAdd(root, ComputeContractHint(root));

        private string ComputeContractHint(string root)
        {
            var names = Map.PublicNamespaces;
            if (names.IsEmpty)
            {
                return root;
            }

            var rootNamespace = FindNamespace(_compilation.GlobalNamespace, root);
            if (rootNamespace != null)
            {
                foreach (var name in names)
                {
                    foreach (var member in rootNamespace.GetMembers(name))
                    {
                        if (member is INamespaceSymbol)
                        {
                            return root + "." + name;
                        }
                    }
                }
            }

            return root + "." + names[0];
        }

        internal static INamespaceSymbol? FindNamespace(INamespaceSymbol global, string name)
        {
            INamespaceSymbol? current = global;
            foreach (var segment in name.Split('.'))
            {
                INamespaceSymbol? next = null;
                foreach (var member in current.GetMembers(segment))
                {
                    if (member is INamespaceSymbol ns)
                    {
                        next = ns;
                        break;
                    }
                }

                if (next == null)
                {
                    return null;
                }

                current = next;
            }

            return current;
        }
    }
}
