using System;
using System.Collections.Generic;
using System.Linq;
using Bounded.Analyzers.Common.Options;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Bounded.Tests.Configuration
{
    /// <summary>Typed reading of every <c>bounded.*</c> value type, and what malformed input does.</summary>
    public class BoundedOptionsTests
    {
        private static BoundedOptions Read(params (string Key, string Value)[] pairs)
        {
            var map = pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
            return BoundedOptions.Parse(k => map.TryGetValue(k, out var v) ? v : null, map.Keys);
        }

        private static (string? Domain, int Root) Match(BoundedOptions options, string ns)
        {
            foreach (var pattern in options.DomainPatterns)
            {
                if (pattern.TryMatch(ns.Split('.'), out var domain, out var root))
                {
                    return (domain, root);
                }
            }

            return (null, 0);
        }

        [Fact]
        public void Defaults_AreTheSpecsDefaults()
        {
            var o = BoundedOptions.Default;
            Assert.Equal(new[] { "**.Modules.{domain}", "**.Domains.{domain}" }, o.DomainPatterns.Select(p => p.Text));
            Assert.Equal(new[] { "Contracts", "IntegrationEvents", "PublicApi" }, o.DomainPublicNamespaces);
            Assert.Empty(o.SharedNamespaces);
            Assert.Equal(new[] { "Common", "Shared", "SharedKernel", "BuildingBlocks" }, o.SharedDomainNames);
            Assert.Equal("Domain < Application < Infrastructure < Api|Web|Presentation|Endpoints|Controllers", o.Layers.Text);
            Assert.Contains("Microsoft.EntityFrameworkCore", o.ForbiddenDomainNamespaces);
            Assert.Equal(8, o.ForbiddenDomainNamespaces.Length);
            Assert.Equal(new[] { "Domain", "Entities" }, o.EntityNamespaces);
            Assert.Equal(new[] { "Entity", "AggregateRoot", "BaseEntity", "IEntity", "IAggregateRoot" }, o.EntityBaseTypes);
            Assert.Equal(new[] { "Contracts", "Dtos", "Models.Api" }, o.DtoNamespaces);
            Assert.Equal(new[] { Accessibility.Public, Accessibility.Internal, Accessibility.Protected }.OrderBy(a => a), o.TokenAccessibility.OrderBy(a => a));
            Assert.Equal(16, o.MaxFixedFanOut);
            Assert.True(o.AsyncFlagExemption);
            Assert.Empty(o.Problems);
        }

        // ---- namespace patterns ----

        [Theory]
        [InlineData("Shop.Modules.Ordering.Application.Orders", "Ordering", 3)]
        [InlineData("Acme.Domains.Billing.Invoices", "Billing", 3)]
        [InlineData("Company.App.Modules.Catalog", "Catalog", 4)]
        [InlineData("Shop.Api.Startup", null, 0)]
        [InlineData("Shop.Modules", null, 0)]
        public void DomainPatterns_Default_MatchAsTheSpecSays(string ns, string? domain, int root)
        {
            Assert.Equal((domain, root), Match(BoundedOptions.Default, ns));
        }

        [Theory]
        [InlineData("eShop.{domain}", "eShop.Ordering.Api", "Ordering")]
        [InlineData("Acme.Services.{domain}.**", "Acme.Services.Billing.Domain.Invoices", "Billing")]
        [InlineData("*.Services.{domain}", "Acme.Services.Billing", "Billing")]
        [InlineData("**.{domain}.Core", "X.Y.Ordering.Core.Entities", "Ordering")]
        public void DomainPatterns_Custom(string pattern, string ns, string domain)
        {
            var options = Read(("bounded.domain_patterns", pattern));
            Assert.Empty(options.Problems);
            Assert.Equal(domain, Match(options, ns).Domain);
        }

        [Fact]
        public void DomainPatterns_FirstMatchWins()
        {
            var options = Read(("bounded.domain_patterns", "Shop.{domain}.Special, **.Modules.{domain}"));
            Assert.Equal("Modules", Match(options, "Shop.Modules.Special").Domain);
            Assert.Equal("Ordering", Match(options, "Shop.Ordering.Special.Domain").Domain);
        }

        [Theory]
        [InlineData("Shop..{domain}", "an empty segment")]
        [InlineData("Shop.Modules", "no '{domain}' segment")]
        [InlineData("{domain}.{domain}", "more than one '{domain}' segment")]
        [InlineData("Shop.{dom}", "'{dom}' is not a name")]
        [InlineData("Shop.Mod-ules.{domain}", "'Mod-ules' is not a name")]
        [InlineData("**.Modules.{domain},", "an empty segment")]
        public void DomainPatterns_Malformed_FallBackToDefault(string value, string reason)
        {
            var options = Read(("bounded.domain_patterns", value));
            var problem = Assert.Single(options.Problems);
            Assert.Equal("bounded.domain_patterns", problem.Key);
            Assert.Equal(value, problem.Value);
            Assert.Contains(reason, problem.Reason);
            Assert.Equal(BoundedOptions.Default.DomainPatterns.Select(p => p.Text), options.DomainPatterns.Select(p => p.Text));
        }

        [Fact]
        public void DomainPatterns_Empty_MeansNoDomains()
        {
            var options = Read(("bounded.domain_patterns", ""));
            Assert.Empty(options.Problems);
            Assert.Empty(options.DomainPatterns);
        }

        // ---- name and namespace lists ----

        [Fact]
        public void NameList_TrimsAndDeduplicates()
        {
            var options = Read(("bounded.domain_public_namespaces", " Contracts ,Public,Contracts"));
            Assert.Equal(new[] { "Contracts", "Public" }, options.DomainPublicNamespaces);
        }

        [Theory]
        [InlineData("bounded.domain_public_namespaces", "Contracts, Public.Api", "'Public.Api' is not a name")]
        [InlineData("bounded.entity_namespaces", "Domain, , Entities", "an empty item")]
        [InlineData("bounded.entity_namespaces", "class", "'class' is not a name")]
        [InlineData("bounded.shared_namespaces", "Shop..Kernel", "'Shop..Kernel' is not a namespace")]
        [InlineData("bounded.shared_domain_names", "Common, Shared.Kernel", "'Shared.Kernel' is not a name")]
        [InlineData("bounded.dto_namespaces", "Models.Api-v2", "is not a namespace")]
        [InlineData("bounded.BND1003.forbidden_namespaces", "Dapper; Npgsql", "is not a namespace")]
        public void Lists_Malformed_AreProblems(string key, string value, string reason)
        {
            var problem = Assert.Single(Read((key, value)).Problems);
            Assert.Contains(reason, problem.Reason);
            Assert.Contains("the default", problem.Reason);
        }

        [Fact]
        public void NamespaceList_AcceptsDottedNames()
        {
            var options = Read(("bounded.shared_namespaces", "Shop.SharedKernel, Shop.BuildingBlocks.Events"));
            Assert.Equal(new[] { "Shop.SharedKernel", "Shop.BuildingBlocks.Events" }, options.SharedNamespaces);
        }

        [Fact]
        public void EntityBaseTypes_IgnoreGenericArity()
        {
            var options = Read(("bounded.entity_base_types", "Entity<TId>, AggregateRoot`1, IHasId"));
            Assert.Empty(options.Problems);
            Assert.Equal(new[] { "Entity", "AggregateRoot", "IHasId" }, options.EntityBaseTypes);
        }

        // ---- layers ----

        [Fact]
        public void Layers_Custom_WithAliases()
        {
            var options = Read(("bounded.layers", "Core < UseCases < Adapters|Persistence < Web"));
            Assert.Empty(options.Problems);
            Assert.True(options.Layers.TryGetRank("Persistence", out var rank));
            Assert.Equal(2, rank);
            Assert.Equal("Adapters", options.Layers.NameOf(rank));
            Assert.False(options.Layers.TryGetRank("Api", out _));
        }

        [Theory]
        [InlineData("Domain < < Api", "an empty layer name")]
        [InlineData("Domain < Application|Domain", "'Domain' names two layers")]
        [InlineData("Domain < Web-Api", "'Web-Api' is not a layer name")]
        public void Layers_Malformed_FallBackToDefault(string value, string reason)
        {
            var options = Read(("bounded.layers", value));
            Assert.Contains(reason, Assert.Single(options.Problems).Reason);
            Assert.Equal(BoundedOptions.Default.Layers.Text, options.Layers.Text);
        }

        // ---- accessibility ----

        [Fact]
        public void Accessibility_AllForms()
        {
            var options = Read(("bounded.BND3002.accessibility", "public, protected_internal, private protected, PRIVATE"));
            Assert.Empty(options.Problems);
            Assert.Equal(
                new[] { Accessibility.Private, Accessibility.ProtectedAndInternal, Accessibility.ProtectedOrInternal, Accessibility.Public }.OrderBy(a => a),
                options.TokenAccessibility.OrderBy(a => a));
        }

        [Fact]
        public void Accessibility_Unknown_IsAProblem()
        {
            var options = Read(("bounded.BND3002.accessibility", "public, friend"));
            Assert.Contains("'friend' is not an accessibility", Assert.Single(options.Problems).Reason);
            Assert.Equal(BoundedOptions.Default.TokenAccessibility, options.TokenAccessibility);
        }

        // ---- numbers ----

        [Theory]
        [InlineData("0", 0)]
        [InlineData("32", 32)]
        [InlineData(" 8 ", 8)]
        public void MaxFixedFanOut_Valid(string value, int expected)
        {
            var options = Read(("bounded.BND5001.max_fixed_fan_out", value));
            Assert.Empty(options.Problems);
            Assert.Equal(expected, options.MaxFixedFanOut);
        }

        [Theory]
        [InlineData("-1")]
        [InlineData("sixteen")]
        [InlineData("1.5")]
        [InlineData("99999999999")]
        [InlineData("10001")]
        [InlineData("")]
        public void MaxFixedFanOut_Malformed_FallsBackTo16(string value)
        {
            var options = Read(("bounded.BND5001.max_fixed_fan_out", value));
            Assert.Contains("whole number", Assert.Single(options.Problems).Reason);
            Assert.Equal(16, options.MaxFixedFanOut);
        }

        // ---- booleans ----

        [Theory]
        [InlineData("true", true)]
        [InlineData("false", false)]
        [InlineData(" False ", false)]
        [InlineData("TRUE", true)]
        public void AsyncFlagExemption_Valid(string value, bool expected)
        {
            var options = Read(("bounded.async_flag_exemption", value));
            Assert.Empty(options.Problems);
            Assert.Equal(expected, options.AsyncFlagExemption);
        }

        [Theory]
        [InlineData("yes")]
        [InlineData("0")]
        [InlineData("")]
        [InlineData("off")]
        public void AsyncFlagExemption_Malformed_FallsBackToTrue(string value)
        {
            var options = Read(("bounded.async_flag_exemption", value));
            Assert.Contains("true or false", Assert.Single(options.Problems).Reason);
            Assert.True(options.AsyncFlagExemption);
        }

        // ---- keys ----

        [Fact]
        public void Keys_AreCaseInsensitive()
        {
            // Editorconfig keys are case-insensitive: bounded.bnd5001.x is bounded.BND5001.x.
            var options = Read(("bounded.bnd5001.max_fixed_fan_out", "4"));
            Assert.Empty(options.Problems);
            Assert.Equal(4, options.MaxFixedFanOut);
        }

        [Fact]
        public void UnknownKey_IsAProblem_OtherPrefixesAreNot()
        {
            var options = Read(("bounded.domian_patterns", "x"), ("dotnet_diagnostic.BND1001.severity", "error"), ("boundedness", "1"));
            var problem = Assert.Single(options.Problems);
            Assert.Equal("bounded.domian_patterns", problem.Key);
            Assert.Contains("not a Bounded option", problem.Reason);
        }

        [Fact]
        public void EveryDefault_Parses() =>
            Assert.Empty(Read(OptionKeys.All.Select(d => (d.Key, d.DefaultValue)).ToArray()).Problems);

        // ---- interning: one parse per configuration, not per file ----

        private sealed class OptionsObject(params (string Key, string Value)[] pairs) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions
        {
            private readonly Dictionary<string, string> _values = pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);

            public override IEnumerable<string> Keys => _values.Keys;

            // A non-null out parameter: the analyzers' polyfills make [NotNullWhen] ambiguous here (CS0433).
            public override bool TryGetValue(string key, out string value)
            {
                bool found = _values.TryGetValue(key, out var text);
                value = text ?? string.Empty;
                return found;
            }
        }

        [Fact]
        public void OptionsObjectsWithTheSameBoundedEntries_ShareOneInstance()
        {
            // Each tree gets its own options object; entries other than bounded.* do not matter.
            var first = BoundedOptions.For(new OptionsObject(("bounded.layers", "Core < App"), ("build_property.a", "1")));
            var second = BoundedOptions.For(new OptionsObject(("build_property.a", "2"), ("bounded.layers", "Core < App")));
            Assert.Same(first, second);
            Assert.Equal("Core < App", first.Layers.Text);
        }

        [Fact]
        public void OptionsObjectsWithDifferentBoundedEntries_AreParsedApart()
        {
            var a = BoundedOptions.For(new OptionsObject(("bounded.BND5001.max_fixed_fan_out", "8")));
            var b = BoundedOptions.For(new OptionsObject(("bounded.BND5001.max_fixed_fan_out", "9")));
            var unknown = BoundedOptions.For(new OptionsObject(("bounded.BND5001.max_fixed_fan_out", "8"), ("bounded.no_such_option", "x")));
            Assert.Equal(8, a.MaxFixedFanOut);
            Assert.Equal(9, b.MaxFixedFanOut);
            Assert.NotSame(a, unknown);
            Assert.Empty(a.Problems);
            Assert.Equal("bounded.no_such_option", Assert.Single(unknown.Problems).Key);
        }
    }
}
