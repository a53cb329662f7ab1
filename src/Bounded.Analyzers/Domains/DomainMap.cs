using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Bounded.Analyzers.Common.Options;
using Microsoft.CodeAnalysis;

namespace Bounded.Analyzers.Domains
{
    /// <summary>
    /// The namespace-to-domain-and-layer model of one options object: built once per
    /// <see cref="BoundedOptions"/> and caching one <see cref="Placement"/> per namespace name, so
    /// each namespace is matched against the patterns once. (Keyed by name, not by symbol, so that a
    /// long-lived options object never keeps a compilation alive; per-compilation symbol caches sit on top.)
    /// </summary>
    public sealed class DomainMap
    {
        private static readonly ConditionalWeakTable<BoundedOptions, DomainMap> Cache = new();

        private readonly BoundedOptions _options;
        private readonly ConcurrentDictionary<string, Placement> _byName = new(StringComparer.Ordinal);

        /// <summary><see cref="Compute"/> as a delegate made once, not at every lookup.</summary>
        private readonly Func<string, Placement> _compute;

        private DomainMap(BoundedOptions options)
        {
            _options = options;
            _compute = Compute;
            Key = string.Join(
                "\n",
                string.Join(",", options.DomainPatterns),
                string.Join(",", options.DomainPublicNamespaces),
                string.Join(",", options.SharedNamespaces),
                string.Join(",", options.SharedDomainNames),
                options.Layers.Text,
                string.Join(",", options.ForbiddenDomainNamespaces));
        }

        /// <summary>The configuration this map is built from, as text: two maps with the same key place every namespace alike.</summary>
        public string Key { get; }

        public LayerOrder Layers => _options.Layers;

        public ImmutableArray<string> PublicNamespaces => _options.DomainPublicNamespaces;

        /// <summary>The namespaces the Domain layer must not name (BND1003), as configured.</summary>
        public ImmutableArray<string> ForbiddenNamespaces => _options.ForbiddenDomainNamespaces;

        public static DomainMap For(BoundedOptions options) => Cache.GetValue(options, o => new DomainMap(o));

        /// <summary>The placement of a namespace symbol (the global namespace is in no domain and no layer).</summary>
        public Placement Get(INamespaceSymbol? ns) =>
            ns == null || ns.IsGlobalNamespace ? Placement.None : Get(ns.ToDisplayString());

        /// <summary>The placement of a namespace by its full name, e.g. <c>Shop.Modules.Billing.Domain</c>.</summary>
        public Placement Get(string ns) => ns.Length == 0 ? Placement.None : _byName.GetOrAdd(ns, _compute);

        private Placement Compute(string ns)
        {
            var segments = ns.Split('.');
            bool forbidden = StartsWithAny(ns, _options.ForbiddenDomainNamespaces);
            var sharedPrefix = LongestPrefix(ns, _options.SharedNamespaces);
            if (sharedPrefix != null)
            {
                // A shared kernel is a unit of its own: in no domain, with layers below its root.
                int prefixLength = sharedPrefix.Split('.').Length;
                return new Placement(ns, null, sharedPrefix, segments[0], false, true, LayerIn(segments, prefixLength), forbidden);
            }

            foreach (var pattern in _options.DomainPatterns)
            {
                if (!pattern.TryMatch(segments, out var domain, out int rootLength))
                {
                    continue;
                }

                // The domain segment: the last segment of the matched prefix that names the domain.
                int domainIndex = rootLength - 1;
                while (domainIndex > 0 && !string.Equals(segments[domainIndex], domain, StringComparison.Ordinal))
                {
                    domainIndex--;
                }

                string root = string.Join(".", segments, 0, rootLength);
                if (_options.SharedDomainNames.Contains(domain!))
                {
                    // Fitnet.Common, Shop.Modules.SharedKernel: a shared kernel named where a domain would be.
                    return new Placement(ns, null, root, segments[0], false, true, LayerIn(segments, rootLength), forbidden);
                }

                bool isPublic = rootLength < segments.Length && _options.DomainPublicNamespaces.Contains(segments[rootLength]);
                int rank = isPublic ? -1 : LayerIn(segments, rootLength);
                return new Placement(ns, domain, root, domainIndex > 0 ? segments[0] : null, isPublic, false, rank, forbidden);
            }

            return new Placement(ns, null, null, segments[0], false, false, LayerIn(segments, 0), forbidden);
        }

        private int LayerIn(string[] segments, int start)
        {
            for (int i = start; i < segments.Length; i++)
            {
                if (_options.Layers.TryGetRank(segments[i], out int rank))
                {
                    return rank;
                }
            }

            return -1;
        }

        private static bool StartsWithAny(string ns, ImmutableArray<string> prefixes) => LongestPrefix(ns, prefixes) != null;

        /// <summary>The longest of <paramref name="prefixes"/> that is <paramref name="ns"/> or a namespace above it.</summary>
        private static string? LongestPrefix(string ns, ImmutableArray<string> prefixes)
        {
            string? longest = null;
            foreach (var prefix in prefixes)
            {
                if (ns.StartsWith(prefix, StringComparison.Ordinal)
                    && (ns.Length == prefix.Length || ns[prefix.Length] == '.')
                    && (longest == null || prefix.Length > longest.Length))
                {
                    longest = prefix;
                }
            }

            return longest;
        }
    }
}
