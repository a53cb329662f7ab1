using Microsoft.CodeAnalysis;

namespace Bounded.Analyzers
{
    /// <summary>
    /// Every diagnostic descriptor the pack ships, sorted by ID: the one list of IDs.
    /// A consistency test keeps this list, docs/rules, the README table and AnalyzerReleases in sync.
    /// </summary>
    public static class Rules
    {
        /// <summary>Where the rule pages live; each descriptor's help link is this plus "&lt;ID&gt;.md".</summary>
        public const string HelpLinkBase = "https://github.com/bounded-dev/Bounded.Analyzers/blob/main/docs/rules/";

        public static class Categories
        {
            public const string Configuration = "Configuration";
            public const string Domains = "Domains";
            public const string Api = "Api";
            public const string Cancellation = "Cancellation";
            public const string Async = "Async";
            public const string Concurrency = "Concurrency";
        }

        public static readonly DiagnosticDescriptor InvalidOption = Create(
            "BND0001",
            "Invalid Bounded option",
            "Bounded option '{0} = {1}' is ignored: {2}",
            Categories.Configuration,
            DiagnosticSeverity.Warning,
            "A 'bounded.*' key in .editorconfig or .globalconfig could not be parsed, or is not a key Bounded knows. The affected rule falls back to its default and keeps working.");

        // ---- Domains: BND1xxx (add below, sorted by ID) ----

        // ---- Api: BND2xxx (add below, sorted by ID) ----

        // ---- Cancellation: BND3xxx (add below, sorted by ID) ----

        // ---- Async: BND4xxx (add below, sorted by ID) ----

        // ---- Concurrency: BND5xxx (add below, sorted by ID) ----

        public static readonly DiagnosticDescriptor UnboundedFanOut = Create(
            "BND5001",
            "Bound the concurrency of Task fan-out",
            "{0} starts one task per element of '{1}' with no limit on how many run at once",
            Categories.Concurrency,
            DiagnosticSeverity.Warning,
            "Starting one concurrent operation per element of a collection whose size is not a small constant, with no concurrency limit, lets the input size decide how many requests, connections or threads run at once. Bound it: a SemaphoreSlim around each element's work, Parallel.ForEachAsync with MaxDegreeOfParallelism, batches, a worker pool or a bulkhead.");

        private static DiagnosticDescriptor Create(
            string id,
            string title,
            string messageFormat,
            string category,
            DiagnosticSeverity severity,
            string description,
            params string[] customTags)
        {
            return new DiagnosticDescriptor(
                id,
                title,
                messageFormat,
                category,
                severity,
                isEnabledByDefault: true,
                description: description,
                helpLinkUri: HelpLinkBase + id + ".md",
                customTags: customTags);
        }
    }
}
