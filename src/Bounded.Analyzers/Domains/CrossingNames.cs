using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Bounded.Analyzers.Domains
{
    /// <summary>
    /// The screen for syntax the operation tree does not describe (code under an invalid operation, attributes of lambdas and
    /// local functions), which <see cref="ReferenceSites"/> otherwise walks by binding every name in it. A name there can only
    /// be reported when it binds to a type of a namespace that crosses from the block's placement, to a member of such a
    /// type, or to an alias; so the syntax is walked only when one of its identifiers spells such a type (or the type's name
    /// without its <c>Attribute</c> suffix), such a member, or an alias declared anywhere in the compilation. The names come
    /// from the symbols alone (type names and <see cref="INamedTypeSymbol.MemberNames"/>, never member symbols), once per
    /// compilation, map and kind of placement.
    /// </summary>
    /// <remarks>
    /// On real code whose packages are partly missing, most method bodies hold an invalid operation; binding every name under
    /// one (each simple name of a member access chain resolves its method group again, with extension-method lookup) was
    /// 80-90% of the analyzer's time while reporting nothing.
    /// </remarks>
    internal sealed class CrossingNames
    {
        private static readonly ConditionalWeakTable<Boundaries, CrossingNames> Table = new();

        private readonly Boundaries _boundaries;
        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<PlacementKey, HashSet<string>> _byPlacement = new();
        private readonly ConcurrentDictionary<string, List<(INamespaceSymbol Namespace, Placement Placement)>> _subtrees = new(StringComparer.Ordinal);
        private HashSet<string>? _aliases;

        private CrossingNames(Boundaries boundaries, Compilation compilation)
        {
            _boundaries = boundaries;
            _compilation = compilation;
        }

        /// <summary>Whether an identifier under <paramref name="node"/> could bind to something that crosses from <paramref name="from"/>.</summary>
        public static bool MayCross(SyntaxNode node, Placement from, Boundaries boundaries, Compilation compilation, CancellationToken cancellationToken)
        {
            var names = Table.GetValue(boundaries, b => new CrossingNames(b, compilation));
            var crossing = names.For(from, cancellationToken);
            var aliases = names.Aliases(cancellationToken);
            foreach (var token in node.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && (crossing.Contains(token.ValueText) || aliases.Contains(token.ValueText)))
                {
                    return true;
                }
            }

            return false;
        }

        private HashSet<string> For(Placement from, CancellationToken cancellationToken)
        {
            var key = new PlacementKey(from.Domain, from.Family, from.LayerRank, from.IsShared, from.IsPublic);
            return _byPlacement.TryGetValue(key, out var names) ? names : _byPlacement.GetOrAdd(key, _ => Compute(from, cancellationToken));
        }

        private HashSet<string> Compute(Placement from, CancellationToken cancellationToken)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var root in Roots(from))
            {
                foreach (var (ns, to) in Subtree(root, cancellationToken))
                {
                    // A type is a site wherever it is named (frameworkSite: true); a member only for BND1001/BND1002.
                    if (CrossingRules.Judge(from, to, frameworkSite: true) == Crossing.None)
                    {
                        continue;
                    }

                    bool members = CrossingRules.Judge(from, to, frameworkSite: false) != Crossing.None;
                    foreach (var type in ns.GetTypeMembers())
                    {
                        AddType(type, members, names);
                    }
                }
            }

            return names;
        }

        /// <summary>
        /// The namespaces a crossing from <paramref name="from"/> can land in (<see cref="CrossingRules.Judge"/>): another
        /// domain or layer compares only within one family, the namespaces under the top-level namespace of that name (or,
        /// for a family-less domain, the top-level namespaces that are domains themselves); a framework crossing only from
        /// the innermost layer, into the forbidden namespaces. The rest of the references (the BCL) is never enumerated.
        /// </summary>
        private IEnumerable<string> Roots(Placement from)
        {
            if (from.Family != null)
            {
                yield return from.Family;
            }
            else if (from.Domain != null)
            {
                foreach (var top in _compilation.GlobalNamespace.GetNamespaceMembers())
                {
                    if (_boundaries.Get(top) is { Domain: not null, Family: null })
                    {
                        yield return top.Name;
                    }
                }
            }

            if (from.LayerRank == 0)
            {
                foreach (var forbidden in _boundaries.Map.ForbiddenNamespaces)
                {
                    yield return forbidden;
                }
            }
        }

        /// <summary>A namespace (by full name) and every namespace below it, with their placements; found once per compilation.</summary>
        private List<(INamespaceSymbol Namespace, Placement Placement)> Subtree(string root, CancellationToken cancellationToken)
        {
            if (_subtrees.TryGetValue(root, out var known))
            {
                return known;
            }

            var list = new List<(INamespaceSymbol, Placement)>();
            var start = Boundaries.FindNamespace(_compilation.GlobalNamespace, root);
            if (start != null)
            {
                var pending = new Stack<INamespaceSymbol>();
                pending.Push(start);
                while (pending.Count > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var ns = pending.Pop();
                    list.Add((ns, _boundaries.Get(ns)));
                    foreach (var child in ns.GetNamespaceMembers())
                    {
                        pending.Push(child);
                    }
                }
            }

            return _subtrees.GetOrAdd(root, list);
        }

        private static void AddType(INamedTypeSymbol type, bool members, HashSet<string> names)
        {
            names.Add(type.Name);
            if (type.Name.Length > "Attribute".Length && type.Name.EndsWith("Attribute", StringComparison.Ordinal))
            {
                names.Add(type.Name.Substring(0, type.Name.Length - "Attribute".Length));
            }

            if (members)
            {
                names.UnionWith(type.MemberNames);
            }

            foreach (var nested in type.GetTypeMembers())
            {
                AddType(nested, members, names);
            }
        }

        /// <summary>The alias names of every using directive in the compilation (an alias can name a type of another boundary).</summary>
        private HashSet<string> Aliases(CancellationToken cancellationToken)
        {
            var known = Volatile.Read(ref _aliases);
            if (known != null)
            {
                return known;
            }

            var aliases = new HashSet<string>(StringComparer.Ordinal);
            foreach (var tree in _compilation.SyntaxTrees)
            {
                if (tree.GetRoot(cancellationToken) is CompilationUnitSyntax unit)
                {
                    AddAliases(unit.Usings, aliases);
                    AddAliases(unit.Members, aliases);
                }
            }

            Interlocked.CompareExchange(ref _aliases, aliases, null);
            return _aliases!;
        }

        private static void AddAliases(SyntaxList<MemberDeclarationSyntax> members, HashSet<string> aliases)
        {
            foreach (var member in members)
            {
                if (member is BaseNamespaceDeclarationSyntax declaration)
                {
                    AddAliases(declaration.Usings, aliases);
                    AddAliases(declaration.Members, aliases);
                }
            }
        }

        private static void AddAliases(SyntaxList<UsingDirectiveSyntax> usings, HashSet<string> aliases)
        {
            foreach (var directive in usings)
            {
                if (directive.Alias != null)
                {
                    aliases.Add(directive.Alias.Name.Identifier.ValueText);
                }
            }
        }

        private readonly struct PlacementKey : IEquatable<PlacementKey>
        {
            private readonly string? _domain;
            private readonly string? _family;
            private readonly int _layerRank;
            private readonly bool _isShared;
            private readonly bool _isPublic;

            public PlacementKey(string? domain, string? family, int layerRank, bool isShared, bool isPublic)
            {
                _domain = domain;
                _family = family;
                _layerRank = layerRank;
                _isShared = isShared;
                _isPublic = isPublic;
            }

            public bool Equals(PlacementKey other) =>
                string.Equals(_domain, other._domain, StringComparison.Ordinal) && string.Equals(_family, other._family, StringComparison.Ordinal)
                && _layerRank == other._layerRank && _isShared == other._isShared && _isPublic == other._isPublic;

            public override bool Equals(object? obj) => obj is PlacementKey other && Equals(other);

            public override int GetHashCode() =>
                ((((_domain?.GetHashCode() ?? 0) * 31) + (_family?.GetHashCode() ?? 0)) * 31) + (_layerRank * 4) + (_isShared ? 2 : 0) + (_isPublic ? 1 : 0);
        }
    }
}
