using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Bounded.Analyzers.Async;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;

namespace Bounded.CodeFixes.Async
{
    /// <summary>
    /// "Make 'M' async": M becomes <c>async Task</c>/<c>async Task&lt;T&gt;</c>, and so, transitively, does every sync method
    /// in the solution that calls it; calls from already-async functions are awaited. Planned only when every method of the
    /// chain can change: an ordinary method declared in source, not virtual/abstract/override, not an implementation of an
    /// interface member we do not own (one we own changes too, when it has no other implementation), not <c>Dispose</c>,
    /// not partial/extern/an iterator, no ref/out/in parameters, not returning by ref or an awaitable already; and every
    /// reference to it is a call we can await (not a method group, not in a lock, property, constructor, operator, field
    /// initializer, sync lambda or sync local function). So no call is left whose task would be discarded.
    /// </summary>
    internal sealed class MakeAsyncChain
    {
        private readonly Solution _solution;
        private readonly List<IMethodSymbol> _methods = new();
        private readonly List<(DocumentId Document, TextSpan Span)> _declarations = new();
        private readonly List<(DocumentId Document, TextSpan Span)> _calls = new();
        private readonly List<(DocumentId Document, TextSpan Span)> _nameTokens = new();

        private MakeAsyncChain(Solution solution) => _solution = solution;

        public bool CanRename { get; private set; }

        public static async Task<MakeAsyncChain?> PlanAsync(Solution solution, IMethodSymbol start, CancellationToken cancellationToken)
        {
            var chain = new MakeAsyncChain(solution);
            return await chain.BuildAsync(start, cancellationToken).ConfigureAwait(false) ? chain : null;
        }

        private async Task<bool> BuildAsync(IMethodSymbol start, CancellationToken cancellationToken)
        {
            var queue = new Queue<IMethodSymbol>();
            var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            queue.Enqueue(start);
            bool canRename = true;
            while (queue.Count > 0)
            {
                var method = queue.Dequeue();
                if (!seen.Add(method.OriginalDefinition))
                {
                    continue;
                }

                if (_methods.Count > 64 || !CanChange(method, out var declaration))
                {
                    return false;
                }

                var symbols = new List<IMethodSymbol> { method.OriginalDefinition };
                var implemented = ImplementedInterfaceMembers(method).ToList();
                foreach (var member in implemented)
                {
                    // An interface we own changes too — when this is its only implementation in the solution.
                    if (!member.Locations.All(l => l.IsInSource) || member.DeclaringSyntaxReferences.Length != 1
                        || member.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not MethodDeclarationSyntax { Body: null, ExpressionBody: null }
                        || member.IsStatic)
                    {
                        return false;
                    }

                    var implementations = await SymbolFinder.FindImplementationsAsync(member, _solution, cancellationToken: cancellationToken).ConfigureAwait(false);
                    if (implementations.Any(i => !SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, method.OriginalDefinition)))
                    {
                        return false;
                    }

                    symbols.Add((IMethodSymbol)member.OriginalDefinition);
                    if (!AddDeclaration(member.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken)))
                    {
                        return false;
                    }
                }

                if (!AddDeclaration(declaration!))
                {
                    return false;
                }

                _methods.AddRange(symbols);
                foreach (var symbol in symbols)
                {
                    canRename &= !symbol.Name.EndsWith("Async", System.StringComparison.Ordinal)
                        && symbol.ContainingType.GetMembers(symbol.Name + "Async").IsEmpty;
                    if (!await AddCallersAsync(symbol, queue, cancellationToken).ConfigureAwait(false))
                    {
                        return false;
                    }
                }
            }

            CanRename = canRename;
            return true;
        }

        private bool AddDeclaration(SyntaxNode node)
        {
            var document = _solution.GetDocument(node.SyntaxTree);
            if (document == null || node is not MethodDeclarationSyntax method)
            {
                return false;
            }

            _declarations.Add((document.Id, node.Span));
            _nameTokens.Add((document.Id, method.Identifier.Span));
            return true;
        }

        private static IEnumerable<ISymbol> ImplementedInterfaceMembers(IMethodSymbol method)
        {
            foreach (var explicitMember in method.ExplicitInterfaceImplementations)
            {
                yield return explicitMember;
            }

            foreach (var @interface in method.ContainingType.AllInterfaces)
            {
                foreach (var member in @interface.GetMembers(method.Name).OfType<IMethodSymbol>())
                {
                    if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method)
                        && !method.ExplicitInterfaceImplementations.Contains(member, SymbolEqualityComparer.Default))
                    {
                        yield return member;
                    }
                }
            }
        }

        private static bool CanChange(IMethodSymbol method, out MethodDeclarationSyntax? declaration)
        {
            declaration = null;
            if (method.MethodKind is not (MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation)
                || method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsExtern || method.IsAsync
                || method.Name == "Dispose"
                || method.ReturnsByRef || method.ReturnsByRefReadonly
                || method.PartialDefinitionPart != null || method.PartialImplementationPart != null
                || method.Parameters.Any(p => p.RefKind != RefKind.None || p.Type is IPointerTypeSymbol)
                || method.DeclaringSyntaxReferences.Length != 1
                || method.ReturnType is INamedTypeSymbol { Name: "Task" or "ValueTask" or "IAsyncEnumerable" or "IEnumerable" or "IEnumerator" })
            {
                return false;
            }

            declaration = method.DeclaringSyntaxReferences[0].GetSyntax() as MethodDeclarationSyntax;
            if (declaration == null || (declaration.Body == null && declaration.ExpressionBody == null)
                || declaration.Modifiers.Any(SyntaxKind.UnsafeKeyword))
            {
                return false;
            }

            // Iterators cannot be async Task methods.
            return !declaration.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<YieldStatementSyntax>().Any();
        }

        private async Task<bool> AddCallersAsync(IMethodSymbol method, Queue<IMethodSymbol> queue, CancellationToken cancellationToken)
        {
            var references = await SymbolFinder.FindReferencesAsync(method, _solution, cancellationToken).ConfigureAwait(false);
            foreach (var referenced in references)
            {
                if (!SymbolEqualityComparer.Default.Equals(referenced.Definition.OriginalDefinition, method.OriginalDefinition))
                {
                    continue;
                }

                foreach (var location in referenced.Locations)
                {
                    if (location.IsImplicit || location.IsCandidateLocation)
                    {
                        return false;
                    }

                    var document = location.Document;
                    var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                    var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                    if (root == null || model == null)
                    {
                        return false;
                    }

                    var token = root.FindToken(location.Location.SourceSpan.Start);
                    var name = token.Parent;
                    if (name == null || name.FirstAncestorOrSelf<DocumentationCommentTriviaSyntax>(ascendOutOfTrivia: false) != null || IsInNameof(name))
                    {
                        continue;
                    }

                    ExpressionSyntax callee = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access
                        : name.Parent is MemberBindingExpressionSyntax binding && binding.Name == name ? binding
                        : (ExpressionSyntax)name;
                    if (callee.Parent is not InvocationExpressionSyntax invocation || invocation.Expression != callee
                        || callee is MemberBindingExpressionSyntax
                        || !DoNotBlockOnAsyncCodeFix.CanAwaitHere(invocation))
                    {
                        return false;
                    }

                    var operation = model.GetOperation(invocation, cancellationToken);
                    if (operation == null || AsyncContext.IsInsideLock(operation) || AsyncContext.IsInExpressionTree(operation))
                    {
                        return false;
                    }

                    var caller = AsyncContext.EnclosingFunction(operation, model.GetEnclosingSymbol(invocation.SpanStart, cancellationToken));
                    switch (caller)
                    {
                        case { IsAsync: true }:
                            break;
                        case { MethodKind: MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation } when IsDeclaredAsMethod(caller, invocation):
                            queue.Enqueue(caller);
                            break;
                        default:
                            return false;
                    }

                    _calls.Add((document.Id, invocation.Span));
                    _nameTokens.Add((document.Id, token.Span));
                }
            }

            return true;
        }

        /// <summary>The invocation's innermost function is the method itself (not a sync lambda or local function inside it).</summary>
        private static bool IsDeclaredAsMethod(IMethodSymbol caller, SyntaxNode invocation)
        {
            var function = invocation.Ancestors().FirstOrDefault(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax or AccessorDeclarationSyntax);
            return function is MethodDeclarationSyntax && caller.MethodKind != MethodKind.AnonymousFunction && caller.MethodKind != MethodKind.LocalFunction;
        }

        private static bool IsInNameof(SyntaxNode node) =>
            node.Ancestors().OfType<InvocationExpressionSyntax>().Any(i => i.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" });

        /// <summary>Applies the plan: converts each method, awaits each call, awaits the blocking site; renames with the Async suffix when asked.</summary>
        public async Task<Solution> ApplyAsync(DocumentId siteDocument, TextSpan siteSpan, BlockingKind kind, bool rename, CancellationToken cancellationToken)
        {
            var solution = _solution;
            var documents = _declarations.Select(d => d.Document)
                .Concat(_calls.Select(c => c.Document))
                .Append(siteDocument)
                .Distinct()
                .ToList();
            foreach (var documentId in documents)
            {
                var document = solution.GetDocument(documentId)!;
                var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (root == null || model == null)
                {
                    continue;
                }

                var declarations = _declarations.Where(d => d.Document == documentId).Select(d => root.FindNode(d.Span)).OfType<MethodDeclarationSyntax>().ToList();
                var calls = _calls.Where(c => c.Document == documentId)
                    .Select(c => root.FindNode(c.Span, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>())
                    .Where(n => n != null)
                    .Cast<SyntaxNode>()
                    .ToList();
                SyntaxNode? site = null;
                ExpressionSyntax? siteReplacement = null;
                if (documentId == siteDocument && root.FindNode(siteSpan, getInnermostNodeForTie: true) is ExpressionSyntax siteNode)
                {
                    site = siteNode;
                    siteReplacement = AwaitSyntax.AwaitBlockingSite(siteNode, kind, model);
                }

                var nodes = declarations.Cast<SyntaxNode>().Concat(calls);
                if (site != null && siteReplacement != null)
                {
                    nodes = nodes.Append(site);
                }

                var tokens = rename
                    ? _nameTokens.Where(t => t.Document == documentId).Select(t => root.FindToken(t.Span.Start)).ToList()
                    : new List<SyntaxToken>();

                var declarationSet = new HashSet<SyntaxNode>(declarations);
                var callSet = new HashSet<SyntaxNode>(calls);
                var newRoot = root.ReplaceSyntax(
                    nodes.Distinct(),
                    (original, rewritten) =>
                    {
                        if (original == site && siteReplacement != null)
                        {
                            return siteReplacement;
                        }

                        if (declarationSet.Contains(original))
                        {
                            return ConvertDeclaration((MethodDeclarationSyntax)rewritten);
                        }

                        return callSet.Contains(original) ? AwaitSyntax.Await((ExpressionSyntax)rewritten) : rewritten;
                    },
                    tokens,
                    (original, rewritten) => SyntaxFactory.Identifier(rewritten.LeadingTrivia, rewritten.ValueText + "Async", rewritten.TrailingTrivia),
                    Enumerable.Empty<SyntaxTrivia>(),
                    (original, rewritten) => rewritten);

                if (declarations.Count > 0 && !TaskIsInScope(model, declarations[0].SpanStart) && newRoot is CompilationUnitSyntax unit)
                {
                    newRoot = AddTasksUsing(unit);
                }

                solution = solution.WithDocumentSyntaxRoot(documentId, newRoot);
            }

            return solution;
        }

        private static bool TaskIsInScope(SemanticModel model, int position) =>
            model.LookupNamespacesAndTypes(position, name: "Task").Any(s => s is INamedTypeSymbol { Arity: 0, ContainingNamespace: { Name: "Tasks", ContainingNamespace.Name: "Threading" } });

        private static CompilationUnitSyntax AddTasksUsing(CompilationUnitSyntax unit)
        {
            var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName("System.Threading.Tasks"))
                .WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed);
            var usings = unit.Usings;
            int index = 0;
            while (index < usings.Count && string.CompareOrdinal(usings[index].Name?.ToString(), "System.Threading.Tasks") < 0 && usings[index].Alias == null && !usings[index].StaticKeyword.IsKind(SyntaxKind.StaticKeyword))
            {
                index++;
            }

            if (usings.Count > 0)
            {
                directive = directive.WithTrailingTrivia(usings[System.Math.Min(index, usings.Count - 1)].GetTrailingTrivia());
            }

            return unit.WithUsings(usings.Insert(index, directive));
        }

        /// <summary><c>void M()</c> -&gt; <c>async Task M()</c>; <c>T M()</c> -&gt; <c>async Task&lt;T&gt; M()</c>; interface members get the type only.</summary>
        private static MethodDeclarationSyntax ConvertDeclaration(MethodDeclarationSyntax method)
        {
            var returnType = method.ReturnType;
            TypeSyntax task = returnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }
                ? SyntaxFactory.IdentifierName("Task")
                : SyntaxFactory.GenericName(SyntaxFactory.Identifier("Task"), SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList(returnType.WithoutTrivia())));
            task = task.WithTriviaFrom(returnType);
            bool hasBody = method.Body != null || method.ExpressionBody != null;
            if (!hasBody)
            {
                return method.WithReturnType(task);
            }

            if (method.Modifiers.Count == 0)
            {
                var asyncToken = SyntaxFactory.Token(returnType.GetLeadingTrivia(), SyntaxKind.AsyncKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
                return method.WithReturnType(task.WithLeadingTrivia()).WithModifiers(SyntaxFactory.TokenList(asyncToken));
            }

            var modifiers = method.Modifiers.Add(SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space));
            return method.WithReturnType(task).WithModifiers(modifiers);
        }
    }
}
