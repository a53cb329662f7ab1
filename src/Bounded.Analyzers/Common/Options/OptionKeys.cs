using System;
using System.Collections.Immutable;
using System.Linq;

namespace Bounded.Analyzers.Common.Options
{
    /// <summary>One <c>bounded.*</c> key: its default (as written in .editorconfig) and what it accepts.</summary>
    public sealed record OptionDefinition(string Key, string DefaultValue, string Accepts, string Description);

    /// <summary>
    /// Every key Bounded reads: the one list, used by the reader, by BND0001 for unknown keys, and by
    /// the test that keeps docs/configuration.md in sync. Keys are case-insensitive (Roslyn lowercases
    /// them); shared keys are <c>bounded.&lt;key&gt;</c>, per-rule keys <c>bounded.&lt;ID&gt;.&lt;key&gt;</c>.
    /// </summary>
    public static class OptionKeys
    {
        public const string Prefix = "bounded.";

        public const string DomainPatterns = "bounded.domain_patterns";
        public const string DomainPublicNamespaces = "bounded.domain_public_namespaces";
        public const string SharedNamespaces = "bounded.shared_namespaces";
        public const string SharedDomainNames = "bounded.shared_domain_names";
        public const string Layers = "bounded.layers";
        public const string ForbiddenDomainNamespaces = "bounded.BND1003.forbidden_namespaces";
        public const string EntityNamespaces = "bounded.entity_namespaces";
        public const string EntityBaseTypes = "bounded.entity_base_types";
        public const string DtoNamespaces = "bounded.dto_namespaces";
        public const string TokenAccessibility = "bounded.BND3002.accessibility";
        public const string MaxFixedFanOut = "bounded.BND5001.max_fixed_fan_out";
        public const string AsyncFlagExemption = "bounded.async_flag_exemption";

        public const int MaxFixedFanOutLimit = 10000;

        public static readonly ImmutableArray<OptionDefinition> All = ImmutableArray.Create(
            new OptionDefinition(DomainPatterns, "**.Modules.{domain}, **.Domains.{domain}", "comma-separated namespace patterns of names, '*', '**' and exactly one '{domain}'", "Where domains live: a type belongs to the domain of the first pattern that matches a prefix of its namespace."),
            new OptionDefinition(DomainPublicNamespaces, "Contracts, IntegrationEvents, PublicApi", "comma-separated names", "Sub-namespaces (first segment below the domain root) that are a domain's public contract."),
            new OptionDefinition(SharedNamespaces, "", "comma-separated namespaces", "Namespace prefixes every domain may use (a shared kernel)."),
            new OptionDefinition(SharedDomainNames, "Common, Shared, SharedKernel, BuildingBlocks", "comma-separated names", "A '{domain}' segment with one of these names is a shared kernel every domain may use, not a domain."),
            new OptionDefinition(Layers, "Domain < Application < Infrastructure < Api|Web|Presentation|Endpoints|Controllers", "layer names separated by '<', each an alias list separated by '|'", "Layer order: a layer may reference layers to its left, never to its right."),
            new OptionDefinition(ForbiddenDomainNamespaces, "Microsoft.EntityFrameworkCore, Microsoft.AspNetCore, System.Net.Http, System.Data, Dapper, Npgsql, Microsoft.Data.SqlClient, StackExchange.Redis", "comma-separated namespaces", "Framework namespaces the Domain layer must not reference (BND1003)."),
            new OptionDefinition(EntityNamespaces, "Domain, Entities", "comma-separated names", "A class, record or struct in a namespace with one of these segments is a domain entity."),
            new OptionDefinition(EntityBaseTypes, "Entity, AggregateRoot, BaseEntity, IEntity, IAggregateRoot", "comma-separated type names (generic arity ignored)", "A type deriving from or implementing one of these is a domain entity."),
            new OptionDefinition(DtoNamespaces, "Contracts, Dtos, Models.Api", "comma-separated namespaces", "Types in these namespaces are never entities (they are DTOs)."),
            new OptionDefinition(TokenAccessibility, "public, internal, protected", "comma-separated: public, internal, protected, private, protected_internal, private_protected", "Which async methods BND3002 asks to accept a CancellationToken."),
            new OptionDefinition(MaxFixedFanOut, "16", "a whole number from 0 to 10000", "The largest fixed-size source BND5001 treats as bounded."),
            new OptionDefinition(AsyncFlagExemption, "true", "true or false", "Whether the async-flag pattern (a sync branch of a method taking `bool async`, or a blocking wait on a call passing `async: false`) is sync by design and exempt from BND4001 and BND4002."));

        public static OptionDefinition? Find(string key) =>
            All.FirstOrDefault(d => string.Equals(d.Key, key, StringComparison.OrdinalIgnoreCase));

        public static bool IsBoundedKey(string key) => key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);
    }
}
