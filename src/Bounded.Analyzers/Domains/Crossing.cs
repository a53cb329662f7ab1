using System;

namespace Bounded.Analyzers.Domains
{
    /// <summary>Which boundary a reference from one placement to another crosses, if any.</summary>
    public enum Crossing
    {
        None,

        /// <summary>BND1003: the Domain layer names an infrastructure framework.</summary>
        Framework,

        /// <summary>BND1001: one domain reaches another domain's internals.</summary>
        CrossDomain,

        /// <summary>BND1002: a layer reaches a layer on its right.</summary>
        Layer,
    }

    /// <summary>
    /// The one decision behind BND1001-BND1003, shared by the cheap symbol/operation screen and the
    /// precise site walk, so that the screen can never skip code the walk would report.
    /// </summary>
    public static class CrossingRules
    {
        /// <param name="from">Where the referencing code sits.</param>
        /// <param name="to">Where the referenced type (or the member's type, or the imported namespace) sits.</param>
        /// <param name="frameworkSite">The site names a type or a namespace (BND1003 is about naming frameworks, not using their members).</param>
        public static Crossing Judge(Placement from, Placement to, bool frameworkSite)
        {
            if (ReferenceEquals(to, from) || ReferenceEquals(to, Placement.None))
            {
                return Crossing.None;
            }

            if (frameworkSite && from.LayerRank == 0 && to.IsForbidden)
            {
                return Crossing.Framework;
            }

            if (to.IsShared || from.IsShared)
            {
                // A shared kernel is usable from everywhere and uses what it likes, but keeps its own layers
                // in order: Common.Domain must not reach Common.Infrastructure.
                return to.IsShared && from.IsShared && from.LayerRank >= 0 && to.LayerRank > from.LayerRank
                    && string.Equals(from.DomainRoot, to.DomainRoot, StringComparison.Ordinal)
                    ? Crossing.Layer
                    : Crossing.None;
            }

            if (from.Domain != null && to.Domain != null)
            {
                if (!string.Equals(from.Domain, to.Domain, StringComparison.Ordinal))
                {
                    return !to.IsPublic && string.Equals(from.Family, to.Family, StringComparison.Ordinal)
                        ? Crossing.CrossDomain
                        : Crossing.None;
                }
            }
            else if (from.Domain != null || to.Domain != null || from.Family == null || !string.Equals(from.Family, to.Family, StringComparison.Ordinal))
            {
                return Crossing.None; // layers are compared inside one domain, or between namespaces of one code base outside domains
            }

            return from.LayerRank >= 0 && to.LayerRank > from.LayerRank ? Crossing.Layer : Crossing.None;
        }
    }
}
