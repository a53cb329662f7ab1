using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

#pragma warning disable RS1001, RS1004, RS1016, RS1017, RS1025, RS1026, RS1033, RS2008

// Deliberately broken analyzers and fixes: the harness must fail on each of them (HarnessSelfTests).
// They live in the test assembly, so BoundedAssemblies (which scans the shipped assemblies) never sees them.
namespace Bounded.Tests.Robustness
{
    internal static class BrokenDescriptors
    {
        public static readonly DiagnosticDescriptor Rule = new("TST9001", "Broken", "Broken analyzer saw '{0}'", "Test", DiagnosticSeverity.Warning, true);
    }

    /// <summary>Fine on code that parses, throws on half-typed code (as an analyzer that trusts <c>Identifier.ValueText</c> of a missing token might).</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class CrashesOnHalfTypedCodeAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(BrokenDescriptors.Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSyntaxTreeAction(c =>
            {
                if (c.Tree.GetRoot(c.CancellationToken).DescendantTokens().Any(t => t.IsMissing))
                {
                    throw new InvalidOperationException("a missing token");
                }
            });
        }
    }

    /// <summary>Assumes EF Core is referenced: a null dereference without it.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AssumesEntityFrameworkAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(BrokenDescriptors.Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(c =>
            {
                var dbContext = c.Compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbContext");
                string name = dbContext!.Name; // the bug: no check for a missing reference
                c.RegisterSymbolAction(
                    s =>
                    {
                        if (s.Symbol is INamedTypeSymbol type && type.BaseType?.Name == name)
                        {
                            s.ReportDiagnostic(Diagnostic.Create(BrokenDescriptors.Rule, type.Locations[0], type.Name));
                        }
                    },
                    SymbolKind.NamedType);
            });
        }
    }

    /// <summary>Walks lambdas recursively and gives up (throws) past a fixed depth, as a careless recursive walker would overflow.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RecursesIntoLambdasAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(BrokenDescriptors.Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSyntaxNodeAction(c => Depth(c.Node, 0), SyntaxKind.MethodDeclaration);
        }

        private static void Depth(SyntaxNode node, int depth)
        {
            if (depth > 100)
            {
                throw new InsufficientExecutionStackException("lambdas nested too deep for this walker");
            }

            foreach (var child in node.ChildNodes())
            {
                Depth(child, child is LambdaExpressionSyntax ? depth + 1 : depth);
            }
        }
    }

    /// <summary>Spends a fixed time on every file.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SlowAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(BrokenDescriptors.Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSyntaxTreeAction(_ => Thread.Sleep(300));
        }
    }

    /// <summary>Mutable static state: its message changes from run to run.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class CountingAnalyzer : DiagnosticAnalyzer
    {
        private static int _seen;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(BrokenDescriptors.Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSymbolAction(
                c => c.ReportDiagnostic(Diagnostic.Create(BrokenDescriptors.Rule, c.Symbol.Locations[0], $"{c.Symbol.Name} #{Interlocked.Increment(ref _seen)}")),
                SymbolKind.NamedType);
        }
    }

    /// <summary>"Fixes" TST0001 by adding a comment: the code changes, the diagnostic stays.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp), Shared]
    public sealed class CommentOnlyFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("TST0001");

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = (await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false))!;
            if (root.FindToken(context.Diagnostics[0].Location.SourceSpan.Start).Parent is not ClassDeclarationSyntax declaration)
            {
                return;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Comment on it",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(
                        declaration,
                        declaration.WithLeadingTrivia(declaration.GetLeadingTrivia().Add(SyntaxFactory.Comment("// looked at\n")))))),
                    equivalenceKey: "Comment"),
                context.Diagnostics);
        }
    }

    /// <summary>Offers a fix but has no Fix All.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp), Shared]
    public sealed class NoFixAllRenameFix : CodeFixProvider
    {
        private readonly RenameBadFix _inner = new();

        public override ImmutableArray<string> FixableDiagnosticIds => _inner.FixableDiagnosticIds;

        public override FixAllProvider? GetFixAllProvider() => null;

        public override Task RegisterCodeFixesAsync(CodeFixContext context) => _inner.RegisterCodeFixesAsync(context);
    }
}
