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

// Tiny analyzers and fixes with known behaviour (a fix that renames, one that breaks the build, one that
// changes nothing): the robustness harness's self tests feed them to it to prove it catches each case.
// They were the old verifier's own test doubles; the harness still needs them.
namespace Bounded.Tests.Infrastructure
{
    /// <summary>Reports a class whose name contains "Bad" (TST0001).</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class OnlyBadAnalyzer : DiagnosticAnalyzer
    {
        public static readonly DiagnosticDescriptor Bad = new("TST0001", "Bad name", "Type name '{0}' contains Bad", "Test", DiagnosticSeverity.Warning, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(OnlyBadAnalyzer.Bad);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSyntaxNodeAction(
                c =>
                {
                    var declaration = (ClassDeclarationSyntax)c.Node;
                    if (declaration.Identifier.ValueText.Contains("Bad"))
                    {
                        c.ReportDiagnostic(Diagnostic.Create(OnlyBadAnalyzer.Bad, declaration.Identifier.GetLocation(), declaration.Identifier.ValueText));
                    }
                },
                SyntaxKind.ClassDeclaration);
        }
    }

    /// <summary>Renames "Bad" to "Good" in the class name, and every reference in the solution.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp), Shared]
    public sealed class RenameBadFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("TST0001");

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var token = root!.FindToken(context.Diagnostics[0].Location.SourceSpan.Start);
            if (token.Parent is not ClassDeclarationSyntax)
            {
                return;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Rename to Good", ct => Rename(context.Document, token, ct), equivalenceKey: "RenameGood"),
                context.Diagnostics);
            context.RegisterCodeFix(
                CodeAction.Create("Rename to Fine", ct => Rename(context.Document, token, ct, "Fine"), equivalenceKey: "RenameFine"),
                context.Diagnostics);
        }

        private static async Task<Document> Rename(Document document, SyntaxToken token, CancellationToken ct, string replacement = "Good")
        {
            var root = (await document.GetSyntaxRootAsync(ct).ConfigureAwait(false))!;
            var newName = token.ValueText.Replace("Bad", replacement);
            var renamed = root.ReplaceTokens(
                root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText == token.ValueText),
                (t, _) => SyntaxFactory.Identifier(t.LeadingTrivia, newName, t.TrailingTrivia));
            return document.WithSyntaxRoot(renamed);
        }
    }

    /// <summary>"Fixes" by adding a member that does not compile.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp), Shared]
    public sealed class ErrorIntroducingFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("TST0001");

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = (await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false))!;
            var declaration = root.FindToken(context.Diagnostics[0].Location.SourceSpan.Start).Parent as ClassDeclarationSyntax;
            if (declaration == null)
            {
                return;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Break it",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(
                        declaration,
                        declaration.WithIdentifier(SyntaxFactory.Identifier(declaration.Identifier.ValueText.Replace("Bad", "Good")))
                            .AddMembers(SyntaxFactory.ParseMemberDeclaration("UnknownType field;")!)))),
                    equivalenceKey: "Break"),
                context.Diagnostics);
        }
    }

    /// <summary>Offers an action that returns the document unchanged.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp), Shared]
    public sealed class NoOpFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("TST0001");

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            context.RegisterCodeFix(CodeAction.Create("Do nothing", _ => Task.FromResult(context.Document), equivalenceKey: "Nothing"), context.Diagnostics);
            return Task.CompletedTask;
        }
    }
}
