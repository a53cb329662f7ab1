using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Bounded.Analyzers.Api;
using Bounded.Analyzers.Common.Options;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Text;

namespace Bounded.CodeFixes.Api
{
    /// <summary>Edits one document collects: node replacements (built from the rewritten node) and namespaces to import.</summary>
    internal sealed class DocumentEdits
    {
        public Dictionary<SyntaxNode, Func<SyntaxNode, SyntaxNode>> Replacements { get; } = new();

        public SortedSet<string> Usings { get; } = new(UsingComparer.Instance);

        public bool Replace(SyntaxNode node, Func<SyntaxNode, SyntaxNode> replacement)
        {
            if (Replacements.ContainsKey(node))
            {
                return false;
            }

            Replacements[node] = replacement;
            return true;
        }
    }

    /// <summary>Everything one site handler needs.</summary>
    internal sealed class SiteContext
    {
        public SiteContext(Document document, SemanticModel model, SyntaxNode root, Diagnostic diagnostic, DtoPlanner planner, EntityClassifier entities, INamedTypeSymbol entity)
        {
            Document = document;
            Model = model;
            Root = root;
            Diagnostic = diagnostic;
            Planner = planner;
            Entities = entities;
            Entity = entity;
        }

        public Document Document { get; }

        public SemanticModel Model { get; }

        public SyntaxNode Root { get; }

        public Diagnostic Diagnostic { get; }

        public DtoPlanner Planner { get; }

        public EntityClassifier Entities { get; }

        public INamedTypeSymbol Entity { get; }

        /// <summary>Records the namespace to import at the site when the DTO is not already in scope there.</summary>
        public void RequireNamespace(DocumentEdits edits, string ns, SyntaxNode site)
        {
            if (ns.Length == 0)
            {
                return;
            }

            for (var node = site.Parent; node != null; node = node.Parent)
            {
                if (node is BaseNamespaceDeclarationSyntax declaration)
                {
                    string name = declaration.Name.ToString();
                    if (name == ns || name.StartsWith(ns + ".", StringComparison.Ordinal)
                        || declaration.Usings.Any(u => u.Alias == null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == ns))
                    {
                        return;
                    }
                }
                else if (node is CompilationUnitSyntax unit && unit.Usings.Any(u => u.Alias == null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == ns))
                {
                    return;
                }
            }

            foreach (var tree in Model.Compilation.SyntaxTrees)
            {
                if (tree.GetRoot() is CompilationUnitSyntax unit
                    && unit.Usings.Any(u => u.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword) && u.Alias == null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == ns))
                {
                    return;
                }
            }

            edits.Usings.Add(ns);
        }
    }

    /// <summary>
    /// What a DTO-generating fix will do to a batch of diagnostics, decided without editing anything:
    /// per project the planner (each DTO generated once) and per document the site edits. Computing it
    /// tells whether the fix applies and what the DTO is called (the action's title); the edit itself
    /// (new documents, rewritten roots, formatting) is made only by <see cref="ApplyAsync"/>, when the
    /// user picks the action.
    /// </summary>
    internal sealed class DtoFixPlan
    {
        private readonly Solution _solution;
        private readonly List<(Project Project, DtoPlanner Planner, List<(Document Document, SyntaxNode Root, DocumentEdits Edits)> Documents)> _projects;

        public DtoFixPlan(Solution solution, string dtoName, List<(Project, DtoPlanner, List<(Document, SyntaxNode, DocumentEdits)>)> projects)
        {
            _solution = solution;
            DtoName = dtoName;
            _projects = projects;
        }

        /// <summary>The first DTO the plan maps to (the single-site action's title names it).</summary>
        public string DtoName { get; }

        public async Task<Solution> ApplyAsync(CancellationToken cancellationToken)
        {
            var newSolution = _solution;
            foreach (var (project, planner, documents) in _projects)
            {
                foreach (var (fileName, text) in planner.NewDocuments)
                {
                    string? directory = project.FilePath == null ? null : Path.GetDirectoryName(project.FilePath);
                    string? path = directory == null ? null : Path.Combine(directory, fileName).Replace('\\', '/');
                    newSolution = newSolution.AddDocument(DocumentId.CreateNewId(project.Id), fileName, SourceText.From(text), filePath: path);
                }

                foreach (var (document, root, edits) in documents)
                {
                    var newRoot = root.ReplaceNodes(edits.Replacements.Keys, (original, rewritten) => edits.Replacements[original](rewritten));
                    if (newRoot is CompilationUnitSyntax unit)
                    {
                        newRoot = DtoFixEngine.AddUsings(unit, edits.Usings);
                    }

                    newSolution = newSolution.WithDocumentSyntaxRoot(document.Id, newRoot);
                    var formatted = await Formatter.FormatAsync(newSolution.GetDocument(document.Id)!, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
                    newSolution = formatted.Project.Solution;
                }
            }

            return newSolution;
        }
    }

    /// <summary>
    /// Plans a DTO-generating fix over a batch of diagnostics: one planner per project (each DTO generated
    /// once), all site edits of a document collected together.
    /// </summary>
    internal static class DtoFixEngine
    {
        public delegate bool SiteHandler(SiteContext site, DocumentEdits edits, CancellationToken cancellationToken);

        public static async Task<DtoFixPlan?> PlanAsync(
            Solution solution,
            ImmutableArray<Diagnostic> diagnostics,
            string entityKey,
            Func<DtoPlanner, INamedTypeSymbol, DtoRef?> dtoFor,
            SiteHandler handler,
            CancellationToken cancellationToken)
        {
            string? firstDto = null;
            var projects = new List<(Project, DtoPlanner, List<(Document, SyntaxNode, DocumentEdits)>)>();
            var ordered = diagnostics
                .Where(d => d.Location.IsInSource)
                .OrderBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal)
                .ThenBy(d => d.Location.SourceSpan.Start)
                .ToList();

            foreach (var byProject in ordered.GroupBy(d => solution.GetDocument(d.Location.SourceTree)?.Project.Id))
            {
                if (byProject.Key == null)
                {
                    continue;
                }

                var project = solution.GetProject(byProject.Key)!;
                var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
                var model = compilation == null ? null : ApiModel.For(compilation);
                if (compilation == null || model == null)
                {
                    continue;
                }

                DtoPlanner? planner = null;
                var editsByDocument = new Dictionary<DocumentId, (Document Document, SyntaxNode Root, DocumentEdits Edits)>();
                foreach (var diagnostic in byProject)
                {
                    var document = solution.GetDocument(diagnostic.Location.SourceTree);
                    if (document == null || !diagnostic.Properties.TryGetValue(entityKey, out var entityName) || entityName == null
                        || compilation.GetTypeByMetadataName(entityName) is not { } entity)
                    {
                        continue;
                    }

                    var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                    var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                    if (root == null || semanticModel == null)
                    {
                        continue;
                    }

                    var entities = model.Entities(BoundedOptions.For(project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(root.SyntaxTree)));
                    if (planner == null)
                    {
                        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                        var ns = node.AncestorsAndSelf().OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault()?.Name.ToString();
                        planner = new DtoPlanner(compilation, t => entities.IsEntity(t), string.IsNullOrEmpty(ns) ? "Contracts" : ns + ".Contracts");
                    }

                    if (!editsByDocument.TryGetValue(document.Id, out var entry))
                    {
                        entry = (document, root, new DocumentEdits());
                        editsByDocument[document.Id] = entry;
                    }

                    var dto = dtoFor(planner, entity);
                    if (dto == null)
                    {
                        continue;
                    }

                    var site = new SiteContext(document, semanticModel, root, diagnostic, planner, entities, entity);
                    var attempt = new DocumentEdits();
                    if (handler(site, attempt, cancellationToken))
                    {
                        foreach (var replacement in attempt.Replacements)
                        {
                            entry.Edits.Replace(replacement.Key, replacement.Value);
                        }

                        entry.Edits.Usings.UnionWith(attempt.Usings);
                        firstDto ??= dto.Name;
                    }
                }

                var edited = editsByDocument.Values.Where(e => e.Edits.Replacements.Count > 0).Select(e => (e.Document, e.Root, e.Edits)).ToList();
                if (planner != null && edited.Count > 0)
                {
                    projects.Add((project, planner, edited));
                }
            }

            return firstDto == null ? null : new DtoFixPlan(solution, firstDto, projects);
        }

        internal static CompilationUnitSyntax AddUsings(CompilationUnitSyntax unit, SortedSet<string> usings)
        {
            foreach (var ns in usings)
            {
                var directive = SyntaxFactory.ParseCompilationUnit($"using {ns};\n").Usings[0];
                var namespaceWithUsings = unit.Usings.Count == 0
                    ? unit.Members.OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault(n => n.Usings.Count > 0)
                    : null;
                if (namespaceWithUsings != null)
                {
                    var list = namespaceWithUsings.Usings;
                    int index = list.TakeWhile(u => u.Alias != null || u.StaticKeyword.IsKind(SyntaxKind.StaticKeyword) || UsingComparer.Instance.Compare(u.Name?.ToString(), ns) < 0).Count();
                    var indented = directive.WithLeadingTrivia(list[0].GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)));
                    var replaced = namespaceWithUsings.WithUsings(list.Insert(index, indented.WithAdditionalAnnotations(Formatter.Annotation)));
                    unit = unit.ReplaceNode(namespaceWithUsings, replaced);
                    continue;
                }

                if (unit.Usings.Count == 0)
                {
                    unit = unit.WithUsings(unit.Usings.Add(directive.WithTrailingTrivia(SyntaxFactory.EndOfLine("\n"), SyntaxFactory.EndOfLine("\n"))));
                    continue;
                }

                var usingsList = unit.Usings;
                int at = usingsList.TakeWhile(u => u.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword) || u.Alias != null || u.StaticKeyword.IsKind(SyntaxKind.StaticKeyword) || UsingComparer.Instance.Compare(u.Name?.ToString(), ns) < 0).Count();
                if (at == 0)
                {
                    // Keep the file's leading trivia (a header comment) on the first directive.
                    var oldFirst = usingsList[0];
                    usingsList = usingsList.Replace(oldFirst, oldFirst.WithoutLeadingTrivia()).Insert(0, directive.WithLeadingTrivia(oldFirst.GetLeadingTrivia()));
                }
                else
                {
                    usingsList = usingsList.Insert(at, directive);
                }

                unit = unit.WithUsings(usingsList);
            }

            return unit;
        }

        // ---------------- expression rewriting shared by the fixes ----------------

        /// <summary>Wraps an expression for member access (parentheses unless it is already primary).</summary>
        public static string AsReceiver(ExpressionSyntax expression)
        {
            string text = expression.WithoutTrivia().ToFullString();
            return expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax
                or ParenthesizedExpressionSyntax or ThisExpressionSyntax or GenericNameSyntax
                ? text
                : "(" + text + ")";
        }

        public static ExpressionSyntax Parse(string text, SyntaxNode triviaFrom) =>
            SyntaxFactory.ParseExpression(text).WithTriviaFrom(triviaFrom);
    }
}
