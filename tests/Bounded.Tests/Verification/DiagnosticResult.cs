using System;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Bounded.Tests.Verification
{
    /// <summary>
    /// An expected diagnostic, shaped like Microsoft.CodeAnalysis.Testing's so that swapping to that
    /// package later is a namespace change: <c>Diagnostic(id).WithLocation(0).WithArguments(...)</c>.
    /// </summary>
    public sealed record DiagnosticResult
    {
        public DiagnosticResult(string id) => Id = id;

        public string Id { get; init; }

        public DiagnosticSeverity? Severity { get; init; }

        public object?[]? Arguments { get; init; }

        public string? Message { get; init; }

        /// <summary>A <c>{|#n:…|}</c> marker the location comes from.</summary>
        public int? MarkupKey { get; init; }

        /// <summary>Document path (null: the first document of the test project), start and optional end, 0-based.</summary>
        public string? Path { get; init; }

        public LinePosition? Start { get; init; }

        public LinePosition? End { get; init; }

        public bool HasNoLocation { get; init; }

        public bool HasLocation => MarkupKey != null || Start != null;

        public static DiagnosticResult CompilerError(string id) => new(id);

        /// <summary>At the span marked <c>{|#key:…|}</c> in any document of the test.</summary>
        public DiagnosticResult WithLocation(int markupKey) => this with { MarkupKey = markupKey };

        /// <summary>Starting at a 1-based line and column of the test's first document.</summary>
        public DiagnosticResult WithLocation(int line, int column) => WithLocation(null, line, column);

        public DiagnosticResult WithLocation(string? path, int line, int column) =>
            this with { Path = path, Start = new LinePosition(line - 1, column - 1), End = null };

        /// <summary>Exactly this span, 1-based lines and columns.</summary>
        public DiagnosticResult WithSpan(int startLine, int startColumn, int endLine, int endColumn) =>
            WithSpan(null, startLine, startColumn, endLine, endColumn);

        public DiagnosticResult WithSpan(string? path, int startLine, int startColumn, int endLine, int endColumn) =>
            this with { Path = path, Start = new LinePosition(startLine - 1, startColumn - 1), End = new LinePosition(endLine - 1, endColumn - 1) };

        /// <summary>A diagnostic with no source location (e.g. BND0001 about an option).</summary>
        public DiagnosticResult WithNoLocation() => this with { HasNoLocation = true };

        public DiagnosticResult WithArguments(params object?[] arguments) => this with { Arguments = arguments };

        public DiagnosticResult WithMessage(string message) => this with { Message = message };

        public DiagnosticResult WithSeverity(DiagnosticSeverity severity) => this with { Severity = severity };

        internal DiagnosticResult WithResolvedSpan(string path, FileLinePositionSpan span) =>
            this with { Path = path, Start = span.StartLinePosition, End = span.EndLinePosition, MarkupKey = null };

        public override string ToString()
        {
            string where = HasNoLocation ? "(no location)"
                : Start is { } s ? $"{(Path ?? "(first document)").TrimStart('/')} {s.Line + 1}:{s.Character + 1}"
                : MarkupKey is { } k ? $"{{|#{k}|}}" : "(any location)";
            string message = Message ?? (Arguments is { } a ? "args: " + string.Join(", ", a.Select(x => Convert.ToString(x, CultureInfo.InvariantCulture))) : "(any message)");
            return $"{where} {Id} {message}";
        }
    }
}
