using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bounded.Analyzers.Common.Options
{
    /// <summary>
    /// The typed <c>bounded.*</c> options of one options object (.editorconfig sections plus
    /// .globalconfig). A value that does not parse falls back to its default and is recorded in
    /// <see cref="Problems"/>, which BND0001 reports; reading never throws and never disables a rule.
    /// <para>
    /// Interned by content: the compiler hands every syntax tree its own options object even when all
    /// trees share one configuration, so options are parsed once per distinct set of <c>bounded.*</c>
    /// entries, and every tree of that configuration gets the same instance. Caches keyed by a
    /// <see cref="BoundedOptions"/> (domain maps, entity classifiers) are therefore per configuration.
    /// </para>
    /// </summary>
    public sealed class BoundedOptions
    {
        /// <summary>Distinct configurations kept before the table starts over (an IDE session editing .editorconfig makes new ones).</summary>
        private const int MaxConfigurations = 64;

        private static readonly ConditionalWeakTable<AnalyzerConfigOptions, BoundedOptions> Cache = new();
        private static readonly ConcurrentDictionary<string, BoundedOptions> ByContent = new(StringComparer.Ordinal);

        /// <summary>Every option at its default. (Held in a nested class so it is built after this class's static tables.)</summary>
        public static BoundedOptions Default => DefaultHolder.Value;

        private BoundedOptions()
        {
        }

        public ImmutableArray<NamespacePattern> DomainPatterns { get; private set; }

        public ImmutableArray<string> DomainPublicNamespaces { get; private set; }

        public ImmutableArray<string> SharedNamespaces { get; private set; }

        /// <summary>Names that, matched by <c>{domain}</c>, make a shared kernel rather than a domain.</summary>
        public ImmutableArray<string> SharedDomainNames { get; private set; }

        public LayerOrder Layers { get; private set; } = null!;

        public ImmutableArray<string> ForbiddenDomainNamespaces { get; private set; }

        public ImmutableArray<string> EntityNamespaces { get; private set; }

        /// <summary>Simple names, generic arity removed (<c>Entity&lt;TId&gt;</c> is <c>Entity</c>).</summary>
        public ImmutableArray<string> EntityBaseTypes { get; private set; }

        public ImmutableArray<string> DtoNamespaces { get; private set; }

        public ImmutableHashSet<Accessibility> TokenAccessibility { get; private set; } = ImmutableHashSet<Accessibility>.Empty;

        public int MaxFixedFanOut { get; private set; }

        /// <summary>Whether BND4001/BND4002 exempt the async-flag pattern (sync by design; see <c>AsyncFlag</c>).</summary>
        public bool AsyncFlagExemption { get; private set; }

        /// <summary>Keys that could not be used, in key order.</summary>
        public ImmutableArray<OptionProblem> Problems { get; private set; }

        /// <summary>The options in force for a syntax tree (its .editorconfig sections merged with .globalconfig).</summary>
        public static BoundedOptions For(AnalyzerOptions options, SyntaxTree tree) =>
            For(options.AnalyzerConfigOptionsProvider.GetOptions(tree));

        public static BoundedOptions For(AnalyzerConfigOptions options) =>
            Cache.GetValue(options, Intern);

        private static BoundedOptions Intern(AnalyzerConfigOptions options)
        {
            string content = Content(options);
            if (ByContent.TryGetValue(content, out var interned))
            {
                return interned;
            }

            if (ByContent.Count >= MaxConfigurations)
            {
                ByContent.Clear();
            }

            return ByContent.GetOrAdd(content, Parse(key => options.TryGetValue(key, out var v) ? v : null, options.Keys));
        }

        /// <summary>
        /// Every <c>bounded.*</c> entry of the options object, key and raw value, in key order: all that
        /// <see cref="Parse"/> reads, so two objects with the same content parse alike.
        /// </summary>
        private static string Content(AnalyzerConfigOptions options)
        {
            List<string>? keys = null;
            foreach (var key in options.Keys)
            {
                if (OptionKeys.IsBoundedKey(key))
                {
                    (keys ??= new List<string>()).Add(key);
                }
            }

            if (keys == null)
            {
                return string.Empty;
            }

            keys.Sort(StringComparer.Ordinal);
            var text = new StringBuilder();
            foreach (var key in keys)
            {
                options.TryGetValue(key, out var value);
                text.Append(key).Append('\u0001').Append(value).Append('\u0002');
            }

            return text.ToString();
        }

        /// <summary>Parses from a key lookup and the keys present (for keys not known to Bounded).</summary>
        public static BoundedOptions Parse(Func<string, string?> lookup, IEnumerable<string> presentKeys)
        {
            var problems = new List<OptionProblem>();
            var result = new BoundedOptions();

            T Read<T>(string key, TryParse<T> parse)
            {
                var definition = OptionKeys.Find(key)!;
                string? raw = lookup(key);
                if (raw != null)
                {
                    if (parse(raw, out var parsed, out var error))
                    {
                        return parsed;
                    }

                    problems.Add(new OptionProblem(key, raw, $"{error}; expected {definition.Accepts}; the default '{definition.DefaultValue}' is used"));
                }

                return parse(definition.DefaultValue, out var fallback, out _)
                    ? fallback
                    : throw new InvalidOperationException($"The default of {key} does not parse.");
            }

            result.DomainPatterns = Read<ImmutableArray<NamespacePattern>>(OptionKeys.DomainPatterns, ParsePatterns);
            result.DomainPublicNamespaces = Read<ImmutableArray<string>>(OptionKeys.DomainPublicNamespaces, (string v, out ImmutableArray<string> r, out string e) => ParseList(v, Identifiers.IsValid, "name", out r, out e));
            result.SharedNamespaces = Read<ImmutableArray<string>>(OptionKeys.SharedNamespaces, ParseNamespaces);
            result.SharedDomainNames = Read<ImmutableArray<string>>(OptionKeys.SharedDomainNames, (string v, out ImmutableArray<string> r, out string e) => ParseList(v, Identifiers.IsValid, "name", out r, out e));
            result.Layers = Read<LayerOrder>(OptionKeys.Layers, LayerOrder.TryParse);
            result.ForbiddenDomainNamespaces = Read<ImmutableArray<string>>(OptionKeys.ForbiddenDomainNamespaces, ParseNamespaces);
            result.EntityNamespaces = Read<ImmutableArray<string>>(OptionKeys.EntityNamespaces, (string v, out ImmutableArray<string> r, out string e) => ParseList(v, Identifiers.IsValid, "name", out r, out e));
            result.EntityBaseTypes = Read<ImmutableArray<string>>(OptionKeys.EntityBaseTypes, ParseTypeNames);
            result.DtoNamespaces = Read<ImmutableArray<string>>(OptionKeys.DtoNamespaces, ParseNamespaces);
            result.TokenAccessibility = Read<ImmutableHashSet<Accessibility>>(OptionKeys.TokenAccessibility, ParseAccessibility);
            result.MaxFixedFanOut = Read<int>(OptionKeys.MaxFixedFanOut, ParseFanOut);
            result.AsyncFlagExemption = Read<bool>(OptionKeys.AsyncFlagExemption, ParseBool);

            foreach (var key in presentKeys)
            {
                if (OptionKeys.IsBoundedKey(key) && OptionKeys.Find(key) == null)
                {
                    problems.Add(new OptionProblem(key, lookup(key) ?? string.Empty, "it is not a Bounded option; known options are " + string.Join(", ", OptionKeys.All.Select(d => d.Key))));
                }
            }

            result.Problems = problems.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase).ToImmutableArray();
            return result;
        }

        private static class DefaultHolder
        {
            public static readonly BoundedOptions Value = Parse(_ => null, Array.Empty<string>());
        }

        private delegate bool TryParse<T>(string text, out T value, out string error);

        private static IEnumerable<string> Items(string text) =>
            text.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0);

        private static bool ParseList(string text, Func<string, bool> valid, string what, out ImmutableArray<string> result, out string error)
        {
            result = ImmutableArray<string>.Empty;
            var items = Items(text).ToImmutableArray();
            foreach (var item in items)
            {
                if (!valid(item))
                {
                    error = $"'{item}' is not a {what}";
                    return false;
                }
            }

            if (text.Trim().Length > 0 && text.Split(',').Any(s => s.Trim().Length == 0))
            {
                error = "an empty item";
                return false;
            }

            result = items.Distinct(StringComparer.Ordinal).ToImmutableArray();
            error = string.Empty;
            return true;
        }

        private static bool ParseNamespaces(string text, out ImmutableArray<string> result, out string error) =>
            ParseList(text, Identifiers.IsValidDotted, "namespace", out result, out error);

        private static bool ParseTypeNames(string text, out ImmutableArray<string> result, out string error)
        {
            // "Entity<TId>" and "Entity`1" both name Entity: generic arity is ignored.
            static string StripArity(string name)
            {
                int cut = name.IndexOfAny(new[] { '<', '`' });
                return cut < 0 ? name : name.Substring(0, cut).Trim();
            }

            bool valid(string item)
            {
                string bare = StripArity(item);
                return Identifiers.IsValid(bare) && (bare.Length == item.Length || item.EndsWith(">", StringComparison.Ordinal) || item.Substring(bare.Length).TrimStart('`').All(char.IsDigit));
            }

            bool ok = ParseList(text, valid, "type name", out var names, out error);
            result = ok ? names.Select(StripArity).Distinct(StringComparer.Ordinal).ToImmutableArray() : ImmutableArray<string>.Empty;
            return ok;
        }

        private static bool ParsePatterns(string text, out ImmutableArray<NamespacePattern> result, out string error)
        {
            result = ImmutableArray<NamespacePattern>.Empty;
            var patterns = ImmutableArray.CreateBuilder<NamespacePattern>();
            foreach (var item in text.Split(','))
            {
                if (item.Trim().Length == 0 && text.Trim().Length == 0)
                {
                    continue;
                }

                if (!NamespacePattern.TryParse(item, out var pattern, out var reason))
                {
                    error = $"pattern '{item.Trim()}' has {reason}";
                    return false;
                }

                patterns.Add(pattern);
            }

            result = patterns.ToImmutable();
            error = string.Empty;
            return true;
        }

        private static readonly ImmutableDictionary<string, Accessibility> AccessibilityNames = new Dictionary<string, Accessibility>(StringComparer.OrdinalIgnoreCase)
        {
            ["public"] = Accessibility.Public,
            ["internal"] = Accessibility.Internal,
            ["protected"] = Accessibility.Protected,
            ["private"] = Accessibility.Private,
            ["protected_internal"] = Accessibility.ProtectedOrInternal,
            ["protected internal"] = Accessibility.ProtectedOrInternal,
            ["private_protected"] = Accessibility.ProtectedAndInternal,
            ["private protected"] = Accessibility.ProtectedAndInternal,
        }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);

        private static bool ParseAccessibility(string text, out ImmutableHashSet<Accessibility> result, out string error)
        {
            result = ImmutableHashSet<Accessibility>.Empty;
            var set = ImmutableHashSet.CreateBuilder<Accessibility>();
            foreach (var item in Items(text))
            {
                string normalized = string.Join(" ", item.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries));
                if (!AccessibilityNames.TryGetValue(normalized, out var accessibility))
                {
                    error = $"'{item}' is not an accessibility";
                    return false;
                }

                set.Add(accessibility);
            }

            result = set.ToImmutable();
            error = string.Empty;
            return true;
        }

        private static bool ParseBool(string text, out bool result, out string error)
        {
            // Exactly the .editorconfig spellings; "yes", "1" and the like are mistakes worth a BND0001.
            string trimmed = text.Trim();
            if (string.Equals(trimmed, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(trimmed, "false", StringComparison.OrdinalIgnoreCase))
            {
                result = string.Equals(trimmed, "true", StringComparison.OrdinalIgnoreCase);
                error = string.Empty;
                return true;
            }

            result = false;
            error = $"'{text}' is not true or false";
            return false;
        }

        private static bool ParseFanOut(string text, out int result, out string error)
        {
            if (int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out result)
                && result <= OptionKeys.MaxFixedFanOutLimit)
            {
                error = string.Empty;
                return true;
            }

            error = $"'{text}' is not a whole number from 0 to {OptionKeys.MaxFixedFanOutLimit}";
            return false;
        }
    }
}
