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

        public static readonly DiagnosticDescriptor ForwardCancellationToken = Create(
            "BND3001",
            "Forward the CancellationToken",
            "Forward '{0}' to {1}",
            Categories.Cancellation,
            DiagnosticSeverity.Warning,
            "A CancellationToken is in scope (a parameter, a local, a CancellationTokenSource or HttpContext.RequestAborted) but this call does not pass it: the callee has an optional token left at its default, an overload that takes a token, or is given CancellationToken.None/default explicitly; or an 'await foreach' enumerates an IAsyncEnumerable<T> without WithCancellation. The work keeps running after the caller has given up.");

        public static readonly DiagnosticDescriptor AsyncMethodShouldAcceptCancellationToken = Create(
            "BND3002",
            "Async methods should accept a CancellationToken",
            "'{0}' is asynchronous and calls methods that accept a CancellationToken, but accepts none",
            Categories.Cancellation,
            DiagnosticSeverity.Info,
            "An asynchronous method that calls cancellable APIs should accept a CancellationToken (last, optional) so that its callers can cancel it and the token can flow to every call in its body.");

        // ---- Async: BND4xxx (add below, sorted by ID) ----

        // ---- Concurrency: BND5xxx (add below, sorted by ID) ----

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
