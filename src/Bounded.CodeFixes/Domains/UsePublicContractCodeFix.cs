using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Bounded.Analyzers;
using Bounded.Analyzers.Domains;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Bounded.CodeFixes.Domains
{
    /// <summary>
    /// BND1001 fix "Use the public contract '&lt;I&gt;'": at a declared type (local, field, property,
    /// parameter, return, or a type argument of one) replaces another domain's internal type with the
    /// interface or base type it has in that domain's public (or a shared) namespace, imports the
    /// contract's namespace if needed, and removes the using directives the replacement made unused.
    /// The fix is offered only when the result compiles (the contract must offer every member the code uses).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UsePublicContractCodeFix)), Shared]
    public sealed class UsePublicContractCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "BND1001.UsePublicContract";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Rules.CrossDomainReference.Id);

        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(DomainReferenceAnalyzer.ContractProperty, out var contractId) || contractId == null
                    || !diagnostic.Properties.TryGetValue(DomainReferenceAnalyzer.ContractNameProperty, out var contractName) || contractName == null)
                {
                    continue;
                }

                var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
                if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not TypeSyntax)
                {
                    continue;
                }

                // Offered only when it compiles: the code may use members the contract lacks.
                var fixedDocument = await TryFixAsync(context.Document, diagnostic.Location.SourceSpan, contractId, context.CancellationToken).ConfigureAwait(false);
                if (fixedDocument == null)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create($"Use the public contract '{contractName}'", _ => Task.FromResult(fixedDocument), EquivalenceKey),
                    diagnostic);
            }
        }

        private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
        {
            // Sites are fixed one after another, each checked against the result so far (as one-by-one
            // fixes would be), and the pass repeats while it makes progress: a site whose replacement
            // does not compile yet may compile once its neighbours use the contract.
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null)
            {
                return null;
            }

            var pending = new List<(SyntaxAnnotation Annotation, string ContractId)>();
            var annotations = new Dictionary<SyntaxNode, SyntaxAnnotation>();
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                if (diagnostic.Properties.TryGetValue(DomainReferenceAnalyzer.ContractProperty, out var contractId) && contractId != null
                    && root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is TypeSyntax site
                    && !annotations.ContainsKey(site))
                {
                    var annotation = new SyntaxAnnotation("Bounded.BND1001.Site");
                    annotations.Add(site, annotation);
                    pending.Add((annotation, contractId));
                }
            }

            if (pending.Count == 0)
            {
                return null;
            }

            var current = document.WithSyntaxRoot(root.ReplaceNodes(annotations.Keys, (original, rewritten) => rewritten.WithAdditionalAnnotations(annotations[original])));
            bool changed = false;
            bool progress = true;
            while (progress && pending.Count > 0)
            {
                progress = false;
                foreach (var (annotation, contractId) in pending.ToList())
                {
                    var currentRoot = await current.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
                    var site = currentRoot?.GetAnnotatedNodes(annotation).FirstOrDefault();
                    if (site == null)
                    {
                        pending.Remove((annotation, contractId));
                        continue;
                    }

                    var next = await TryFixAsync(current, site.Span, contractId, context.CancellationToken).ConfigureAwait(false);
                    if (next != null)
                    {
                        current = next;
                        changed = true;
                        progress = true;
                        pending.Remove((annotation, contractId));
                    }
                }
            }

            return changed ? current : null;
        }

        /// <summary>Replaces the type at <paramref name="span"/> with the contract; null when that does not compile.</summary>
        private static async Task<Document?> TryFixAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan span, string contractId, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root == null || model == null || root.FindNode(span, getInnermostNodeForTie: true) is not TypeSyntax site)
            {
                return null;
            }

            if (DocumentationCommentId.GetFirstSymbolForReferenceId(contractId, model.Compilation) is not INamedTypeSymbol contract
                || model.GetSymbolInfo(site, cancellationToken).Symbol is not INamedTypeSymbol replaced)
            {
                return null;
            }

            // The namespace whose using directive this site may have been the (last) user of.
            string? importedNamespace = site is SimpleNameSyntax && model.GetAliasInfo(site, cancellationToken) == null && !replaced.ContainingNamespace.IsGlobalNamespace
                ? replaced.ContainingNamespace.ToDisplayString()
                : null;

            var importAnnotation = new SyntaxAnnotation("Bounded.BND1001.Import");
            var replacement = SyntaxFactory.ParseTypeName(contract.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
                .WithTriviaFrom(site)
                .WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation, importAnnotation);
            var replacedRoot = root.ReplaceNode(site, replacement.WithAdditionalAnnotations(site.GetAnnotations("Bounded.BND1001.Site")));
            var result = document.WithSyntaxRoot(replacedRoot);
            result = await ImportAdder.AddImportsAsync(result, importAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            result = await Simplifier.ReduceAsync(result, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);

            if (importedNamespace != null)
            {
                result = await RemoveUnusedUsingAsync(result, importedNamespace, cancellationToken).ConfigureAwait(false);
            }

            result = await FormatNewNodesAsync(result, hadUsings: root is CompilationUnitSyntax unit && unit.Usings.Count > 0, cancellationToken).ConfigureAwait(false);
            return await CompilesAsync(document, result, IsVisibleOutsideItsType(site), cancellationToken).ConfigureAwait(false) ? result : null;
        }

        /// <summary>
        /// Formats only what the fix added (the contract type, an added using directive), never a whole
        /// namespace or file, and keeps a blank line between a first using directive and the code below it.
        /// </summary>
        private static async Task<Document> FormatNewNodesAsync(Document document, bool hadUsings, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is not CompilationUnitSyntax unit)
            {
                return document;
            }

            if (!hadUsings && unit.Usings.Count > 0 && unit.Members.Count > 0)
            {
                var first = unit.Members[0];
                var leading = first.GetLeadingTrivia();
                if (leading.Count == 0 || !leading[0].IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    unit = unit.ReplaceNode(first, first.WithLeadingTrivia(leading.Insert(0, SyntaxFactory.ElasticCarriageReturnLineFeed)));
                }
            }

            var spans = unit.GetAnnotatedNodesAndTokens(Formatter.Annotation)
                .Where(n => n.AsNode() is not (CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
                .Select(n => n.FullSpan)
                .ToList();
            document = document.WithSyntaxRoot(unit);
            return spans.Count == 0 ? document : await Formatter.FormatAsync(document, spans, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Removes the plain using directives of <paramref name="ns"/> that no name in the document needs any more.</summary>
        private static async Task<Document> RemoveUnusedUsingAsync(Document document, string ns, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
            {
                return document;
            }

            var directives = root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
                .OfType<UsingDirectiveSyntax>()
                .Where(u => u.Alias == null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.GlobalKeyword.IsKind(SyntaxKind.None)
                    && u.NamespaceOrType is NameSyntax name
                    && model.GetSymbolInfo(name, cancellationToken).Symbol is INamespaceSymbol imported
                    && imported.ToDisplayString() == ns)
                .ToList();
            if (directives.Count == 0 || IsNamespaceStillUsed(root, model, ns, cancellationToken))
            {
                return document;
            }

            var newRoot = root.RemoveNodes(directives, SyntaxRemoveOptions.KeepLeadingTrivia | SyntaxRemoveOptions.KeepUnbalancedDirectives);
            return newRoot == null ? document : document.WithSyntaxRoot(newRoot);
        }

        private static bool IsNamespaceStillUsed(SyntaxNode root, SemanticModel model, string ns, CancellationToken cancellationToken)
        {
            foreach (var node in root.DescendantNodes(descendIntoTrivia: true))
            {
                if (node is not SimpleNameSyntax name || node.Ancestors().Any(a => a is UsingDirectiveSyntax))
                {
                    continue;
                }

                // Only names resolved through using directives: not the right side of a qualified name or member access.
                if ((name.Parent is QualifiedNameSyntax qualified && qualified.Right == name)
                    || (name.Parent is MemberAccessExpressionSyntax access && access.Name == name && access.Expression is not null && !IsReducedExtension(model, name, cancellationToken))
                    || (name.Parent is AliasQualifiedNameSyntax aliased && aliased.Name == name))
                {
                    continue;
                }

                var info = model.GetSymbolInfo(name, cancellationToken);
                var symbols = info.Symbol != null ? new[] { info.Symbol } : info.CandidateSymbols.ToArray();
                foreach (var symbol in symbols)
                {
                    INamespaceSymbol? containing = symbol switch
                    {
                        INamedTypeSymbol type => OutermostType(type).ContainingNamespace,
                        IMethodSymbol { MethodKind: MethodKind.Constructor } constructor => OutermostType(constructor.ContainingType).ContainingNamespace,
                        IMethodSymbol { ReducedFrom: { } reducedFrom } => reducedFrom.ContainingType.ContainingNamespace,
                        IMethodSymbol { IsExtensionMethod: true } extension => extension.ContainingType.ContainingNamespace,
                        INamespaceSymbol nested => nested.ContainingNamespace,
                        _ => null,
                    };
                    if (containing != null && !containing.IsGlobalNamespace && containing.ToDisplayString() == ns)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsReducedExtension(SemanticModel model, SimpleNameSyntax name, CancellationToken cancellationToken) =>
            model.GetSymbolInfo(name, cancellationToken).Symbol is IMethodSymbol { ReducedFrom: not null }
            || model.GetSymbolInfo(name, cancellationToken).CandidateSymbols.Any(s => s is IMethodSymbol { ReducedFrom: not null });

        private static INamedTypeSymbol OutermostType(INamedTypeSymbol type)
        {
            while (type.ContainingType != null)
            {
                type = type.ContainingType;
            }

            return type;
        }

        /// <summary>A parameter, return, property or field type of a member other code can see: other documents may depend on it.</summary>
        private static bool IsVisibleOutsideItsType(SyntaxNode site)
        {
            var member = site.FirstAncestorOrSelf<MemberDeclarationSyntax>();
            if (member == null || site.Ancestors().Any(a => a is BlockSyntax or ArrowExpressionClauseSyntax or LocalFunctionStatementSyntax))
            {
                return false;
            }

            return !member.Modifiers.Any(SyntaxKind.PrivateKeyword) || member.Modifiers.Any(SyntaxKind.ProtectedKeyword);
        }

        /// <summary>No compiler error the original did not have: in the document, and in the project when the member is visible to other documents.</summary>
        private static async Task<bool> CompilesAsync(Document original, Document changed, bool checkProject, CancellationToken cancellationToken)
        {
            if (checkProject)
            {
                var before = await original.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
                var after = await changed.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
                return before != null && after != null && Errors(after.GetDiagnostics(cancellationToken)) <= Errors(before.GetDiagnostics(cancellationToken));
            }

            var beforeModel = await original.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var afterModel = await changed.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            return beforeModel != null && afterModel != null
                && Errors(afterModel.GetDiagnostics(cancellationToken: cancellationToken)) <= Errors(beforeModel.GetDiagnostics(cancellationToken: cancellationToken));
        }

        private static int Errors(ImmutableArray<Diagnostic> diagnostics) => diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
    }
}
