using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bounded.Analyzers.Common
{
    /// <summary>
    /// Generated code for the rules that report only on the code they are called for (an operation, a reference
    /// in a body or a header). Such a rule asks the driver not to call it for generated code (no
    /// <see cref="GeneratedCodeAnalysisFlags.Analyze"/>: generated files, <c>[GeneratedCode]</c> types and members
    /// are skipped) and not to check its diagnostics (<see cref="GeneratedCodeAnalysisFlags.ReportDiagnostics"/>):
    /// that check scans every token of a file for the first diagnostic reported in it, which cost the
    /// operation-based rules a third to a half of their time on a codebase with violations in many files. What
    /// the skipped analysis does not cover, a <c>#line hidden</c> region of a hand-written file, is checked here.
    /// Rules that report on another declaration than the one analyzed (BND3002 reports an override chain's root,
    /// the Api rules report DTO members) keep <see cref="GeneratedCodeAnalysisFlags.None"/> and the driver's check.
    /// </summary>
    internal static class GeneratedCode
    {
        public const GeneratedCodeAnalysisFlags SkipAnalysisOnly = GeneratedCodeAnalysisFlags.ReportDiagnostics;

        /// <summary>Reports the diagnostic unless it lies in a <c>#line hidden</c> region.</summary>
        public static void ReportOutsideHiddenCode(this OperationAnalysisContext context, Diagnostic diagnostic)
        {
            if (!IsHidden(diagnostic.Location, context.CancellationToken))
            {
                context.ReportDiagnostic(diagnostic);
            }
        }

        /// <summary>
        /// True where the driver would have dropped the diagnostic: in a file with <c>#line hidden</c> regions, a
        /// hidden line or a line before the first <c>#line</c> directive (as generated files lay out their code).
        /// </summary>
        public static bool IsHidden(Location location, System.Threading.CancellationToken cancellationToken) =>
            location.SourceTree is { } tree && tree.HasHiddenRegions() && tree.GetLineVisibility(location.SourceSpan.Start, cancellationToken) != LineVisibility.Visible;
    }
}
