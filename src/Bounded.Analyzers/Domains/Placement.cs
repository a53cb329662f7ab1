namespace Bounded.Analyzers.Domains
{
    /// <summary>
    /// Where a namespace sits in the architecture: its domain (if any), whether it is that domain's
    /// public contract or a shared kernel, its layer, and whether it is an infrastructure framework
    /// the Domain layer must not use. Computed once per namespace by <see cref="DomainMap"/>.
    /// </summary>
    public sealed class Placement
    {
        public static readonly Placement None = new(string.Empty, null, null, null, false, false, -1, false);

        public Placement(string @namespace, string? domain, string? domainRoot, string? family, bool isPublic, bool isShared, int layerRank, bool isForbidden)
        {
            Namespace = @namespace;
            Domain = domain;
            DomainRoot = domainRoot;
            Family = family;
            IsPublic = isPublic;
            IsShared = isShared;
            LayerRank = layerRank;
            IsForbidden = isForbidden;
        }

        /// <summary>The full namespace name (empty for the global namespace).</summary>
        public string Namespace { get; }

        /// <summary>The domain's name, or null when the namespace is in no domain (or in a shared namespace).</summary>
        public string? Domain { get; }

        /// <summary>The namespace of the domain root, e.g. <c>Shop.Modules.Billing</c>, or of a shared kernel's root (<c>Shop.Modules.Common</c>, a <c>bounded.shared_namespaces</c> prefix).</summary>
        public string? DomainRoot { get; }

        /// <summary>
        /// The first namespace segment of the code base the namespace belongs to (<c>Shop</c> in
        /// <c>Shop.Modules.Billing</c>); null when the domain segment is the first one. Two domains or
        /// two layers are compared only within one family, so a third-party library whose namespace
        /// happens to match (<c>OrchardCore.Modules.Manifest</c>, <c>System.Web</c>) is never a domain or layer of ours.
        /// </summary>
        public string? Family { get; }

        /// <summary>The namespace is (below) one of its domain's public namespaces.</summary>
        public bool IsPublic { get; }

        /// <summary>The namespace is (below) one of <c>bounded.shared_namespaces</c>, or its <c>{domain}</c> segment is one of <c>bounded.shared_domain_names</c>.</summary>
        public bool IsShared { get; }

        /// <summary>The layer's rank in <c>bounded.layers</c> (0 = innermost), or -1 for none.</summary>
        public int LayerRank { get; }

        /// <summary>The namespace is (below) one of <c>bounded.BND1003.forbidden_namespaces</c>.</summary>
        public bool IsForbidden { get; }

        /// <summary>Code here can break a boundary: it is in a domain or in a layer.</summary>
        public bool IsConstrained => Domain != null || LayerRank >= 0;
    }
}
