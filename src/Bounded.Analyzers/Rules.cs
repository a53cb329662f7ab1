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

        public static readonly DiagnosticDescriptor CrossDomainReference = Create(
            "BND1001",
            "Do not reference another domain's internals",
            "'{0}' is internal to domain '{1}' and must not be used from domain '{2}'; use {1}'s public contract in '{3}'",
            Categories.Domains,
            DiagnosticSeverity.Warning,
            "Code in one domain (bounded context, module) references a type or member that another domain keeps outside its public namespaces. Domains talk through their public contracts (Contracts, IntegrationEvents, PublicApi) or a shared kernel, so each can change its internals without breaking the others.");

        public static readonly DiagnosticDescriptor LayerDirection = Create(
            "BND1002",
            "Respect layer direction",
            "The {0} layer must not reference '{1}' of the {2} layer; a layer may only reference layers to its left in '{3}'",
            Categories.Domains,
            DiagnosticSeverity.Warning,
            "Inside one domain (or in code outside domains) a layer references a layer to its right, e.g. Domain -> Infrastructure or Application -> Api. Dependencies point inwards: the domain model must not know how it is stored or served.");

        public static readonly DiagnosticDescriptor FrameworkInDomainLayer = Create(
            "BND1003",
            "Keep the domain layer free of infrastructure frameworks",
            "The {0} layer references '{1}' from '{2}'; keep infrastructure frameworks out of the domain model",
            Categories.Domains,
            DiagnosticSeverity.Warning,
            "The Domain layer references a type from an infrastructure framework (EF Core, ASP.NET Core, HttpClient, ADO.NET, Dapper, Redis, ...). Keep the domain model persistence- and transport-ignorant; put framework code in Infrastructure or Api behind an interface the domain owns.");

        // ---- Api: BND2xxx (add below, sorted by ID) ----

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
