using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Bounded.Analyzers;
using Bounded.Analyzers.Async;
using Bounded.Analyzers.Common;
using Bounded.Analyzers.Common.Tokens;
using Bounded.CodeFixes.Common.Tokens;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace Bounded.CodeFixes.Async
{
    /// <summary>
    /// BND4002 fix: call the counterpart with <c>await</c> (<c>File.ReadAllText(p)</c> -&gt; <c>await File.ReadAllTextAsync(p, token)</c>,
    /// <c>Thread.Sleep(n)</c> -&gt; <c>await Task.Delay(n, token)</c>, <c>query.ToList()</c> -&gt; <c>await query.ToListAsync(token)</c>),
    /// forwarding the token in scope with the Cancellation family's <see cref="TokenInScope"/> and <see cref="TokenArguments"/>.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseAsyncCounterpartFix))]
    [Shared]
    public sealed class UseAsyncCounterpartFix : CodeFixProvider
    {
        public const string EquivalenceKey = "BND4002.AwaitCounterpart";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Rules.UseAsyncCounterpart.Id);

        public override FixAllProvider GetFixAllProvider() => SequentialFixAllProvider.Instance;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var diagnostic = context.Diagnostics[0];
            var document = context.Document;
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null || model == null
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation
                || model.GetOperation(invocation, context.CancellationToken) is not IInvocationOperation operation
                || !DoNotBlockOnAsyncCodeFix.CanAwaitHere(invocation))
            {
                return;
            }

            var types = KnownTypes.For(model.Compilation);
            var within = model.GetEnclosingSymbol(invocation.SpanStart, context.CancellationToken)?.ContainingType;
            var counterpart = new AsyncCounterparts(types).Find(operation, within);
            if (counterpart == null)
            {
                return;
            }

            var replacement = Rewrite(invocation, operation, counterpart, types, model, context.CancellationToken);
            if (replacement == null)
            {
                return;
            }

            var newRoot = root.ReplaceNode(invocation, AwaitSyntax.Await(replacement).WithTriviaFrom(invocation));
            if (counterpart.Kind == CounterpartKind.EntityFrameworkQuery && newRoot is CompilationUnitSyntax unit && !Imports(model, invocation.SpanStart, counterpart.Method.ContainingNamespace))
            {
                // The document's own line ending: a CRLF using in an LF file would mix line endings.
                var endOfLine = unit.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
                newRoot = unit.AddUsings(SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(counterpart.Method.ContainingNamespace.ToDisplayString()))
                    .WithTrailingTrivia(endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? endOfLine : SyntaxFactory.ElasticCarriageReturnLineFeed));
            }

            string title = counterpart.Kind == CounterpartKind.Delay ? "Await Task.Delay" : $"Await '{counterpart.Method.Name}'";
            context.RegisterCodeFix(CodeAction.Create(title, _ => Task.FromResult(document.WithSyntaxRoot(newRoot)), EquivalenceKey), diagnostic);
        }

        private static InvocationExpressionSyntax? Rewrite(
            InvocationExpressionSyntax invocation,
            IInvocationOperation operation,
            Counterpart counterpart,
            KnownTypes types,
            SemanticModel model,
            CancellationToken cancellationToken)
        {
            var method = operation.TargetMethod;
            var target = counterpart.Method;
            InvocationExpressionSyntax renamed;
            if (counterpart.Kind == CounterpartKind.Delay)
            {
                var delay = SyntaxFactory.ParseExpression("global::System.Threading.Tasks.Task.Delay").WithAdditionalAnnotations(Simplifier.Annotation);
                renamed = SyntaxFactory.InvocationExpression(delay, invocation.ArgumentList);
            }
            else
            {
                var newName = counterpart.Method.Name;
                ExpressionSyntax? expression = invocation.Expression switch
                {
                    MemberAccessExpressionSyntax access => access.WithName(RenameSimple(access.Name, newName)),
                    SimpleNameSyntax simple => RenameSimple(simple, newName),
                    MemberBindingExpressionSyntax => null,
                    _ => null,
                };
                if (expression == null)
                {
                    return null;
                }

                renamed = invocation.WithExpression(expression);
            }

            // The token: a trailing CancellationToken parameter the sync method did not have.
            int tokenIndex = target.Parameters.Length - 1;
            bool hasToken = target.Parameters.Length > 0 && BlockingSites.Same(target.Parameters[tokenIndex].Type, types.CancellationToken)
                && !(method.Parameters.Length == target.Parameters.Length);
            if (!hasToken)
            {
                return renamed;
            }

            var token = TokenInScope.Find(operation, types, cancellationToken);
            if (token == null)
            {
                // No token in scope: leave it at its default (an optional parameter, or the token-less overload).
                return target.Parameters[tokenIndex].IsOptional || HasTokenlessOverload(target, method) ? renamed
                    : TokenArguments.AddToken(renamed, target, tokenIndex, target.Parameters[tokenIndex].Name, SyntaxFactory.ParseExpression("global::System.Threading.CancellationToken.None").WithAdditionalAnnotations(Simplifier.Annotation), CalledAsExtension(invocation, method, model));
            }

            var tokenExpression = SyntaxFactory.ParseExpression(token.Expression);
            return TokenArguments.AddToken(renamed, target, tokenIndex, target.Parameters[tokenIndex].Name, tokenExpression, CalledAsExtension(invocation, method, model));
        }

        /// <summary>For an EF counterpart the sync call is an extension too, called the same way; the token index counts the 'this' parameter.</summary>
        private static bool CalledAsExtension(InvocationExpressionSyntax invocation, IMethodSymbol syncMethod, SemanticModel model) =>
            syncMethod.IsExtensionMethod && TokenArguments.IsCalledAsExtension(invocation, syncMethod, model);

        private static bool HasTokenlessOverload(IMethodSymbol target, IMethodSymbol method) =>
            target.ContainingType.GetMembers(target.Name).OfType<IMethodSymbol>().Any(m => m.Parameters.Length == method.Parameters.Length && m.IsStatic == target.IsStatic);

        private static SimpleNameSyntax RenameSimple(SimpleNameSyntax name, string newName) => name switch
        {
            GenericNameSyntax generic => generic.WithIdentifier(SyntaxFactory.Identifier(newName).WithTriviaFrom(generic.Identifier)),
            _ => SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(newName).WithTriviaFrom(name.GetFirstToken())),
        };

        private static bool Imports(SemanticModel model, int position, INamespaceSymbol ns)
        {
            var scopes = model.GetImportScopes(position);
            return scopes.Any(scope => scope.Imports.Any(i => SymbolEqualityComparer.Default.Equals(i.NamespaceOrType, ns)));
        }
    }
}
