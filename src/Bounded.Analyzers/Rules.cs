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

        public static readonly DiagnosticDescriptor PublicContractExposesInternalType = Create(
            "BND1004",
            "A public contract exposes an internal type",
            "Public contract member '{0}' exposes '{2}', which is internal to domain '{1}'; expose a type from '{3}' or a shared namespace instead",
            Categories.Domains,
            DiagnosticSeverity.Warning,
            "A public or protected member of a type in a domain's public namespaces (Contracts, IntegrationEvents, PublicApi) names a type the domain keeps internal. Every other domain using the contract then depends on that internal type, which can no longer change freely. Expose a contract type (a DTO, an interface in the public namespace) instead.");

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

        public static readonly DiagnosticDescriptor DoNotBlockOnAsyncCode = Create(
            "BND4001",
            "Do not block on async code",
            "'{0}' blocks the thread until the task completes; await it instead",
            Categories.Async,
            DiagnosticSeverity.Warning,
            "Task.Result, Task.Wait(), GetAwaiter().GetResult(), Task.WaitAll and Task.WaitAny block a thread on asynchronous work. That wastes a thread-pool thread, and under a synchronization context it deadlocks. Await the task instead, and make the calling chain async. Not reported when the task is known to be complete (after it was awaited, inside an IsCompleted check, in a ContinueWith continuation, or a Task.FromResult/CompletedTask receiver).");

        public static readonly DiagnosticDescriptor UseAsyncCounterpart = Create(
            "BND4002",
            "Call the async counterpart inside async code",
            "'{0}' blocks inside async code; await '{1}' instead",
            Categories.Async,
            DiagnosticSeverity.Warning,
            "An async method, lambda or local function calls a synchronous method that has an equivalent async counterpart (same name plus 'Async', compatible parameters, an awaitable result). The synchronous call blocks a thread the async code was written to release. Await the counterpart, forwarding the CancellationToken in scope.");

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
