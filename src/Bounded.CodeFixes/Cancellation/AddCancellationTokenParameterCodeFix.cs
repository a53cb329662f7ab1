using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Bounded.Analyzers;
using Bounded.Analyzers.Cancellation;
using Bounded.Analyzers.Common;
using Bounded.Analyzers.Common.Tokens;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Bounded.CodeFixes.Cancellation
{
    /// <summary>
    /// BND3002 fix "Add a CancellationToken parameter": adds <c>CancellationToken cancellationToken = default</c>
    /// (last, before <c>params</c>; <c>[EnumeratorCancellation]</c> on async iterators; no default on explicit
    /// interface implementations; a name that clashes with nothing in the method) to the method and, for an
    /// interface, abstract or virtual method, to every implementation and override in the solution (any project);
    /// then forwards the token to every call and <c>await foreach</c> in those bodies that can take one (the BND3001
    /// edits, computed on the updated solution). Fix All gathers every diagnostic in scope and edits each
    /// document once.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddCancellationTokenParameterCodeFix)), Shared]
    public sealed class AddCancellationTokenParameterCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "BND3002.AddParameter";
        private const string Title = "Add a CancellationToken parameter";
        private static readonly SyntaxAnnotation Changed = new("Bounded.BND3002.Changed");
        private static readonly SyntaxAnnotation Caller = new("Bounded.BND3002.Caller");

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(Rules.AsyncMethodShouldAcceptCancellationToken.Id);

        public override FixAllProvider GetFixAllProvider() => new SolutionFixAll();

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var document = context.Document;
            foreach (var diagnostic in context.Diagnostics)
            {
                var target = (document.Id, diagnostic.Location.SourceSpan);
                context.RegisterCodeFix(
                    CodeAction.Create(Title, c => ApplyAsync(document.Project.Solution, new[] { target }, c), EquivalenceKey),
                    diagnostic);
            }

            return Task.CompletedTask;
        }

        private sealed class SolutionFixAll : FixAllProvider
        {
            public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
                new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

            public override async Task<CodeAction?> GetFixAsync(FixAllContext context)
            {
                var diagnostics = new List<Diagnostic>();
                switch (context.Scope)
                {
                    case FixAllScope.Document when context.Document != null:
                        diagnostics.AddRange(await context.GetDocumentDiagnosticsAsync(context.Document).ConfigureAwait(false));
                        break;
                    case FixAllScope.Project:
                        diagnostics.AddRange(await context.GetAllDiagnosticsAsync(context.Project).ConfigureAwait(false));
                        break;
                    case FixAllScope.Solution:
                        foreach (var project in context.Solution.Projects)
                        {
                            diagnostics.AddRange(await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false));
                        }

                        break;
                }

                var solution = context.Solution;
                var targets = diagnostics
                    .Where(d => d.Location.IsInSource && solution.GetDocumentId(d.Location.SourceTree) != null)
                    .Select(d => (solution.GetDocumentId(d.Location.SourceTree)!, d.Location.SourceSpan))
                    .ToList();
                return targets.Count == 0 ? null : CodeAction.Create(Title, c => ApplyAsync(solution, targets, c), EquivalenceKey);
            }
        }

        private static async Task<Solution> ApplyAsync(Solution solution, IEnumerable<(DocumentId Document, TextSpan Span)> targets, CancellationToken cancellationToken)
        {
            // 1. The methods to change: each reported method, plus its implementations and overrides in the solution.
            var methods = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            foreach (var (documentId, span) in targets)
            {
                var document = solution.GetDocument(documentId);
                var root = document == null ? null : await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var model = document == null ? null : await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                var declaration = root?.FindNode(span, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault();
                if (declaration == null || model?.GetDeclaredSymbol(declaration, cancellationToken) is not IMethodSymbol method)
                {
                    continue;
                }

                await AddFamilyAsync(method, solution, methods, cancellationToken).ConfigureAwait(false);
            }

            // 2. Add the parameter, one pass per document.
            var declarationsByDocument = new Dictionary<DocumentId, List<(MethodDeclarationSyntax Node, IMethodSymbol Symbol)>>();
            foreach (var method in methods)
            {
                foreach (var reference in method.DeclaringSyntaxReferences)
                {
                    var documentId = solution.GetDocumentId(reference.SyntaxTree);
                    if (documentId != null && await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is MethodDeclarationSyntax node)
                    {
                        if (!declarationsByDocument.TryGetValue(documentId, out var list))
                        {
                            declarationsByDocument[documentId] = list = new List<(MethodDeclarationSyntax, IMethodSymbol)>();
                        }

                        list.Add((node, method));
                    }
                }
            }

            // Calls to the changed methods: once they accept a token, callers with one in scope forward it
            // (so that fixing one method at a time and Fix All end in the same code).
            var callsByDocument = new Dictionary<DocumentId, List<SyntaxNode>>();
            foreach (var method in methods)
            {
                foreach (var referenced in await SymbolFinder.FindReferencesAsync(method, solution, cancellationToken).ConfigureAwait(false))
                {
                    foreach (var location in referenced.Locations)
                    {
                        if (location.IsImplicit || location.Document == null)
                        {
                            continue;
                        }

                        var referenceRoot = await location.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                        var call = referenceRoot?.FindNode(location.Location.SourceSpan, getInnermostNodeForTie: true)
                            .AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault(i => i.Expression.Span.Contains(location.Location.SourceSpan));
                        if (call != null)
                        {
                            if (!callsByDocument.TryGetValue(location.Document.Id, out var calls))
                            {
                                callsByDocument[location.Document.Id] = calls = new List<SyntaxNode>();
                            }

                            calls.Add(call);
                        }
                    }
                }
            }

            var updated = solution;
            foreach (var documentId in declarationsByDocument.Keys.Union(callsByDocument.Keys).ToList())
            {
                var document = solution.GetDocument(documentId)!;
                var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (root == null || model == null)
                {
                    continue;
                }

                var types = KnownTypes.For(model.Compilation);
                var declarations = declarationsByDocument.TryGetValue(documentId, out var found) ? found : new List<(MethodDeclarationSyntax Node, IMethodSymbol Symbol)>();
                var plans = declarations.ToDictionary(p => (SyntaxNode)p.Node, p => p.Symbol);
                var calls = callsByDocument.TryGetValue(documentId, out var callList) ? new HashSet<SyntaxNode>(callList) : new HashSet<SyntaxNode>();
                bool needsThreading = declarations.Count > 0 && !Binds(model, declarations[0].Node.SpanStart, "CancellationToken", types.CancellationToken);
                bool needsCompilerServices = false;
                var newRoot = root.ReplaceNodes(plans.Keys.Union(calls), (original, rewritten) =>
                {
                    if (!plans.TryGetValue(original, out var symbol))
                    {
                        return rewritten.WithAdditionalAnnotations(Caller);
                    }

                    if (calls.Contains(original))
                    {
                        rewritten = rewritten.WithAdditionalAnnotations(Caller);
                    }

                    bool iterator = symbol.IsAsync && Awaitables.IsAsyncReturnType(symbol.ReturnType, types) && !Awaitables.IsTaskLike(symbol.ReturnType, types);
                    if (iterator && !Binds(model, original.SpanStart, "EnumeratorCancellation", types.EnumeratorCancellationAttribute)
                        && !Binds(model, original.SpanStart, "EnumeratorCancellationAttribute", types.EnumeratorCancellationAttribute))
                    {
                        needsCompilerServices = true;
                    }

                    return AddParameter((MethodDeclarationSyntax)rewritten, (MethodDeclarationSyntax)original, symbol, iterator).WithAdditionalAnnotations(Changed);
                });

                if (needsThreading)
                {
                    newRoot = Usings.Add(newRoot, "System.Threading");
                }

                if (needsCompilerServices)
                {
                    newRoot = Usings.Add(newRoot, "System.Runtime.CompilerServices");
                }

                updated = updated.WithDocumentSyntaxRoot(documentId, newRoot);
            }

            // 3. Forward the token in every changed body and at every call of a changed method, on the updated solution.
            foreach (var documentId in declarationsByDocument.Keys.Union(callsByDocument.Keys).ToList())
            {
                var document = updated.GetDocument(documentId)!;
                var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (root == null || model == null)
                {
                    continue;
                }

                var types = KnownTypes.For(model.Compilation);
                var edits = new List<TokenEdit>();
                foreach (var method in root.GetAnnotatedNodes(Changed).OfType<MethodDeclarationSyntax>())
                {
                    var body = (SyntaxNode?)method.Body ?? method.ExpressionBody;
                    if (body == null || model.GetOperation(body, cancellationToken) is not { } operation)
                    {
                        continue;
                    }

                    foreach (var candidate in operation.DescendantsAndSelf())
                    {
                        if (candidate is not (IInvocationOperation or IForEachLoopOperation)
                            || ForwardingSite.Classify(candidate, types) is not { } site
                            || CancellationContext.IsCleanupOrNameof(site.Operation, types)
                            || TokenInScope.Find(site.Operation, types, cancellationToken) is not { } token)
                        {
                            continue;
                        }

                        if (TokenEdit.Create(site, token.Expression, model, types, cancellationToken) is { } edit)
                        {
                            edits.Add(edit);
                        }
                    }

                    edits.AddRange(RequestAbortedArguments(method, operation, model, types, cancellationToken));
                }

                foreach (var call in root.GetAnnotatedNodes(Caller).OfType<InvocationExpressionSyntax>())
                {
                    if (call.Ancestors().Any(a => a.HasAnnotation(Changed))
                        || model.GetOperation(call, cancellationToken) is not { } operation
                        || ForwardingSite.Classify(operation, types) is not { } site
                        || CancellationContext.IsCleanupOrNameof(site.Operation, types)
                        || TokenInScope.Find(site.Operation, types, cancellationToken) is not { } token)
                    {
                        continue;
                    }

                    if (TokenEdit.Create(site, token.Expression, model, types, cancellationToken) is { } edit)
                    {
                        edits.Add(edit);
                    }
                }

                if (edits.Count > 0)
                {
                    updated = updated.WithDocumentSyntaxRoot(documentId, TokenEdits.Apply(root, edits));
                }
            }

            return updated;
        }

        /// <summary>
        /// In a controller action that now takes a token, the arguments that pass <c>HttpContext.RequestAborted</c> (an
        /// earlier BND3001 fix, or written by hand) get the new parameter instead: MVC binds the parameter to that same
        /// token, and one action then reads it one way.
        /// </summary>
        private static IEnumerable<TokenEdit> RequestAbortedArguments(MethodDeclarationSyntax method, IOperation body, SemanticModel model, KnownTypes types, CancellationToken cancellationToken)
        {
            if (model.GetDeclaredSymbol(method, cancellationToken) is not IMethodSymbol symbol
                || symbol.Parameters.FirstOrDefault(p => TokenValues.IsToken(p.Type, types)) is not { } parameter)
            {
                yield break;
            }

            foreach (var candidate in body.DescendantsAndSelf())
            {
                if (candidate is IArgumentOperation { Syntax: ArgumentSyntax argument } passed
                    && TokenValues.IsToken(passed.Parameter?.Type, types)
                    && IsControllerRequestAborted(TokenValues.Unwrap(passed.Value))
                    && TokenInScope.ReachesMemberParameters(passed, types, cancellationToken))
                {
                    yield return TokenEdit.ReplaceArgument(argument, parameter.Name);
                }
            }
        }

        /// <summary><c>HttpContext.RequestAborted</c> (or <c>this.HttpContext.RequestAborted</c>) read through the controller's own <c>HttpContext</c> property.</summary>
        private static bool IsControllerRequestAborted(IOperation value) =>
            value is IPropertyReferenceOperation
            {
                Property: { Name: "RequestAborted", ContainingType: { Name: "HttpContext", ContainingNamespace: { Name: "Http", ContainingNamespace: { Name: "AspNetCore" } } } },
                Instance: IPropertyReferenceOperation { Property.Name: "HttpContext", Instance: IInstanceReferenceOperation },
            };

        /// <summary>The method, and (for an interface, abstract or virtual member) its implementations and overrides, transitively, in source.</summary>
        private static async Task AddFamilyAsync(IMethodSymbol method, Solution solution, HashSet<IMethodSymbol> result, CancellationToken cancellationToken)
        {
            var work = new Stack<IMethodSymbol>();
            work.Push(method.OriginalDefinition);
            while (work.Count > 0)
            {
                var current = work.Pop();
                if (!result.Add(current))
                {
                    continue;
                }

                if (current.ContainingType?.TypeKind == TypeKind.Interface)
                {
                    foreach (var implementation in await SymbolFinder.FindImplementationsAsync(current, solution, cancellationToken: cancellationToken).ConfigureAwait(false))
                    {
                        if (implementation is IMethodSymbol m && m.Locations.Any(l => l.IsInSource))
                        {
                            work.Push(m.OriginalDefinition);
                        }
                    }
                }

                if (current.IsVirtual || current.IsAbstract || current.IsOverride)
                {
                    foreach (var @override in await SymbolFinder.FindOverridesAsync(current, solution, cancellationToken: cancellationToken).ConfigureAwait(false))
                    {
                        if (@override is IMethodSymbol m && m.Locations.Any(l => l.IsInSource))
                        {
                            work.Push(m.OriginalDefinition);
                        }
                    }
                }
            }
        }

        private static bool Binds(SemanticModel model, int position, string name, INamedTypeSymbol? expected)
        {
            var info = model.GetSpeculativeTypeInfo(position, SyntaxFactory.IdentifierName(name), SpeculativeBindingOption.BindAsTypeOrNamespace);
            return expected != null && SymbolEqualityComparer.Default.Equals(info.Type, expected);
        }

        private static MethodDeclarationSyntax AddParameter(MethodDeclarationSyntax method, MethodDeclarationSyntax original, IMethodSymbol symbol, bool iterator)
        {
            string name = FreeName(original);
            bool explicitImplementation = method.ExplicitInterfaceSpecifier != null;
            string text = (iterator ? "[EnumeratorCancellation] " : string.Empty)
                + "CancellationToken " + name
                + (explicitImplementation ? string.Empty : " = default");
            var parameter = SyntaxFactory.ParseParameterList("(" + text + ")").Parameters[0].WithAdditionalAnnotations(Formatter.Annotation);

            var parameters = method.ParameterList.Parameters;
            int index = parameters.Count > 0 && parameters[parameters.Count - 1].Modifiers.Any(SyntaxKind.ParamsKeyword)
                ? parameters.Count - 1
                : parameters.Count;
            var nodes = parameters.ToList();
            nodes.Insert(index, parameter);
            var items = new List<SyntaxNodeOrToken>();
            for (int i = 0; i < nodes.Count; i++)
            {
                if (i > 0)
                {
                    items.Add(i - 1 < parameters.SeparatorCount
                        ? parameters.GetSeparator(i - 1)
                        : SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space));
                }

                items.Add(nodes[i]);
            }

            return method.WithParameterList(method.ParameterList.WithParameters(SyntaxFactory.SeparatedList<ParameterSyntax>(items)));
        }

        /// <summary><c>cancellationToken</c>, or <c>cancellationToken1</c>, ... when the method already uses the name.</summary>
        private static string FreeName(MethodDeclarationSyntax method)
        {
            var used = new HashSet<string>(method.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText));
            string name = "cancellationToken";
            for (int i = 1; used.Contains(name); i++)
            {
                name = "cancellationToken" + i;
            }

            return name;
        }
    }
}
