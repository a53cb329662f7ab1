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

        public static readonly DiagnosticDescriptor EntityReturnedFromEndpoint = Create(
            "BND2001",
            "Do not return domain entities from API endpoints",
            "Domain entity '{0}' is returned from an API endpoint; map it to a response DTO",
            Categories.Api,
            DiagnosticSeverity.Warning,
            "An endpoint that serializes a domain entity publishes every public property of it (password hashes, internal state, navigation properties) and freezes the entity's shape into the API contract. Return a DTO mapped from the entity instead.");

        public static readonly DiagnosticDescriptor EntityBoundFromRequest = Create(
            "BND2002",
            "Do not bind domain entities from requests",
            "Domain entity '{0}' is bound from the request by parameter '{1}'; bind a request DTO and map it to the entity",
            Categories.Api,
            DiagnosticSeverity.Warning,
            "Binding a request body to a domain entity lets a client set any of its settable properties, including ones it must never control (over-posting / mass assignment). Bind a request DTO that has only the fields a client may send.");

        public static readonly DiagnosticDescriptor EntityInsideDto = Create(
            "BND2003",
            "Keep domain entities out of DTOs",
            "DTO '{0}' exposes domain entity '{1}' through '{2}'; use a DTO for it",
            Categories.Api,
            DiagnosticSeverity.Warning,
            "A DTO that holds a domain entity leaks the entity through the API boundary as surely as returning the entity itself. Give the nested value its own DTO.");

        // ---- Cancellation: BND3xxx (add below, sorted by ID) ----

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
