using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Bounded.Tests.Verification
{
    /// <summary>
    /// Matches expected diagnostics against actual ones and, on a mismatch, says so as
    /// <c>file line:column ID message</c> lists: expected, actual, missing, unexpected.
    /// </summary>
    internal static class DiagnosticComparer
    {
        public static void AssertMatch(
            string what,
            IReadOnlyList<DiagnosticResult> expected,
            IEnumerable<Diagnostic> actual,
            ImmutableArray<DiagnosticDescriptor> descriptors)
        {
            var actualSorted = actual.OrderBy(d => d.Location.SourceTree?.FilePath ?? string.Empty, StringComparer.Ordinal)
                .ThenBy(d => d.Location.SourceSpan.Start)
                .ThenBy(d => d.Id, StringComparer.Ordinal)
                .ToList();
            var unmatched = new List<Diagnostic>(actualSorted);
            var missing = new List<DiagnosticResult>();

            // Most specific expectations first, so "any location" ones do not steal a located match.
            foreach (var e in expected.OrderBy(e => e.HasLocation || e.HasNoLocation ? 0 : 1))
            {
                int index = unmatched.FindIndex(a => Matches(e, a, descriptors));
                if (index < 0)
                {
                    missing.Add(e);
                }
                else
                {
                    unmatched.RemoveAt(index);
                }
            }

            if (missing.Count == 0 && unmatched.Count == 0)
            {
                return;
            }

            var message = new StringBuilder();
            message.AppendLine($"{what}: expected {expected.Count}, actual {actualSorted.Count}.");
            AppendList(message, "Expected", expected.Select(e => e.ToString()));
            AppendList(message, "Actual", actualSorted.Select(Format));
            AppendList(message, "Missing (expected, not reported)", missing.Select(e => e.ToString()));
            AppendList(message, "Unexpected (reported, not expected)", unmatched.Select(Format));
            throw new VerificationException(message.ToString());
        }

        public static string Format(Diagnostic d)
        {
            if (!d.Location.IsInSource)
            {
                return $"(no location) {d.Id} {d.GetMessage(CultureInfo.InvariantCulture)}";
            }

            var span = d.Location.GetLineSpan();
            return $"{Trim(span.Path)} {span.StartLinePosition.Line + 1}:{span.StartLinePosition.Character + 1} {d.Id} {d.GetMessage(CultureInfo.InvariantCulture)}";
        }

        public static string FormatAll(IEnumerable<Diagnostic> diagnostics) =>
            string.Join(Environment.NewLine, diagnostics.Select(d => "  " + Format(d)));

        internal static string Trim(string? path) => (path ?? string.Empty).TrimStart('/');

        private static bool Matches(DiagnosticResult e, Diagnostic a, ImmutableArray<DiagnosticDescriptor> descriptors)
        {
            if (!string.Equals(e.Id, a.Id, StringComparison.Ordinal))
            {
                return false;
            }

            if (e.HasNoLocation && a.Location.IsInSource)
            {
                return false;
            }

            if (e.Start is { } start)
            {
                if (!a.Location.IsInSource)
                {
                    return false;
                }

                var span = a.Location.GetLineSpan();
                if (!string.Equals(span.Path, e.Path, StringComparison.Ordinal) || span.StartLinePosition != start)
                {
                    return false;
                }

                if (e.End is { } end && span.EndLinePosition != end)
                {
                    return false;
                }
            }

            if (e.Severity is { } severity && a.Severity != severity)
            {
                return false;
            }

            string actualMessage = a.GetMessage(CultureInfo.InvariantCulture);
            if (e.Message != null && !string.Equals(e.Message, actualMessage, StringComparison.Ordinal))
            {
                return false;
            }

            if (e.Arguments != null)
            {
                var descriptor = descriptors.FirstOrDefault(d => d.Id == e.Id);
                string format = descriptor?.MessageFormat.ToString(CultureInfo.InvariantCulture) ?? a.Descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture);
                string expectedMessage = string.Format(CultureInfo.InvariantCulture, format, e.Arguments);
                if (!string.Equals(expectedMessage, actualMessage, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        private static void AppendList(StringBuilder message, string title, IEnumerable<string> lines)
        {
            var list = lines.ToList();
            message.AppendLine($"{title} ({list.Count}):");
            foreach (var line in list)
            {
                message.AppendLine("  " + Trim(line));
            }
        }
    }
}
