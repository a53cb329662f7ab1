using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace Bounded.Analyzers.Common.Options
{
    /// <summary>
    /// A namespace pattern such as <c>**.Modules.{domain}</c>: segments are a literal name, <c>*</c>
    /// (one segment), <c>**</c> (zero or more) or <c>{domain}</c> (exactly one segment naming the domain).
    /// A pattern matches a prefix of a namespace.
    /// </summary>
    public sealed class NamespacePattern
    {
        public const string DomainPlaceholder = "{domain}";

        private readonly ImmutableArray<string> _segments;

        private NamespacePattern(string text, ImmutableArray<string> segments)
        {
            Text = text;
            _segments = segments;
        }

        public string Text { get; }

        public static bool TryParse(string text, out NamespacePattern pattern, out string error)
        {
            pattern = null!;
            var segments = text.Trim().Split('.').Select(s => s.Trim()).ToImmutableArray();
            if (segments.Any(s => s.Length == 0))
            {
                error = "an empty segment";
                return false;
            }

            foreach (var segment in segments)
            {
                if (segment != "*" && segment != "**" && segment != DomainPlaceholder && !Identifiers.IsValid(segment))
                {
                    error = $"'{segment}' is not a name, '*', '**' or '{DomainPlaceholder}'";
                    return false;
                }
            }

            int placeholders = segments.Count(s => s == DomainPlaceholder);
            if (placeholders != 1)
            {
                error = placeholders == 0 ? $"no '{DomainPlaceholder}' segment" : $"more than one '{DomainPlaceholder}' segment";
                return false;
            }

            error = string.Empty;
            pattern = new NamespacePattern(string.Join(".", segments), segments);
            return true;
        }

        /// <summary>
        /// Matches a prefix of <paramref name="namespaceSegments"/>. On success gives the domain name
        /// and how many segments the matched prefix (the domain root) spans.
        /// </summary>
        public bool TryMatch(IReadOnlyList<string> namespaceSegments, out string domain, out int rootLength)
        {
            domain = string.Empty;
            rootLength = 0;
            return Match(namespaceSegments, 0, 0, null, ref domain, ref rootLength);
        }

        private bool Match(IReadOnlyList<string> ns, int p, int n, string? found, ref string domain, ref int rootLength)
        {
            if (p == _segments.Length)
            {
                domain = found ?? string.Empty;
                rootLength = n;
                return found != null;
            }

            string segment = _segments[p];
            if (segment == "**")
            {
                // Shortest first: "**.Modules.{domain}" takes the first "Modules" it meets.
                for (int skip = 0; n + skip <= ns.Count; skip++)
                {
                    if (Match(ns, p + 1, n + skip, found, ref domain, ref rootLength))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (n >= ns.Count)
            {
                return false;
            }

            if (segment == DomainPlaceholder)
            {
                return Match(ns, p + 1, n + 1, ns[n], ref domain, ref rootLength);
            }

            if (segment == "*" || string.Equals(segment, ns[n], StringComparison.Ordinal))
            {
                return Match(ns, p + 1, n + 1, found, ref domain, ref rootLength);
            }

            return false;
        }

        public override string ToString() => Text;
    }
}
