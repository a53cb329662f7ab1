using System;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Bounded.Analyzers;
using Bounded.CodeFixes;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bounded.Tests.Infrastructure
{
    /// <summary>Every analyzer and code fix the package ships, found by reflection as a host would find them.</summary>
    public static class BoundedAssemblies
    {
        public static Assembly AnalyzersAssembly => typeof(Rules).Assembly;

        public static Assembly CodeFixesAssembly => typeof(CodeFixesAssemblyMarker).Assembly;

        public static ImmutableArray<DiagnosticAnalyzer> CreateAllAnalyzers() =>
            AnalyzersAssembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() != null)
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
                .ToImmutableArray();

        public static ImmutableArray<CodeFixProvider> CreateAllCodeFixes() =>
            CodeFixesAssembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetCustomAttribute<ExportCodeFixProviderAttribute>() != null)
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
                .ToImmutableArray();
    }
}
