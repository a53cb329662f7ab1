using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Bounded.Analyzers;
using Bounded.Analyzers.Api;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Bounded.CodeFixes.Api
{
    /// <summary>
    /// BND2002 fix "Bind '&lt;Entity&gt;Request'": reuses or generates the request DTO (with <c>ToDomain()</c>),
    /// changes the parameter to it and recreates the entity at the start of the body. Offered only when the
    /// entity can be built from a request (settable properties, or a constructor matching properties by name).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(EntityBoundFromRequestCodeFix))]
    [Shared]
    public sealed class EntityBoundFromRequestCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "BND2002.BindRequest";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(Rules.EntityBoundFromRequest.Id);

        private static readonly DtoFix Fix = new(EquivalenceKey, EntityBoundFromRequestAnalyzer.EntityKey, name => $"Bind '{name}'", (planner, entity) => planner.Request(entity), FixSite);

        public override FixAllProvider GetFixAllProvider() => Fix.FixAllProvider;

        public override Task RegisterCodeFixesAsync(CodeFixContext context) => Fix.RegisterAsync(context);

        private static bool FixSite(SiteContext site, DocumentEdits edits, CancellationToken cancellationToken)
        {
            var node = site.Root.FindNode(site.Diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var typeSyntax = node.AncestorsAndSelf().OfType<TypeSyntax>().FirstOrDefault(t => t.Span == site.Diagnostic.Location.SourceSpan);
            if (typeSyntax?.Parent is not ParameterSyntax parameter || parameter.Parent is not ParameterListSyntax list
                || site.Model.GetDeclaredSymbol(parameter, cancellationToken) is not { } parameterSymbol
                || !SymbolEqualityComparer.Default.Equals(parameterSymbol.Type.OriginalDefinition, site.Entity.OriginalDefinition))
            {
                return false;
            }

            var function = list.Parent;
            if (function is not (MethodDeclarationSyntax or LocalFunctionStatementSyntax or ParenthesizedLambdaExpressionSyntax))
            {
                return false;
            }

            var method = function is ParenthesizedLambdaExpressionSyntax lambda
                ? site.Model.GetSymbolInfo(lambda, cancellationToken).Symbol as IMethodSymbol
                : site.Model.GetDeclaredSymbol(function, cancellationToken) as IMethodSymbol;
            if (method == null)
            {
                return false;
            }

            var dto = site.Planner.Request(site.Entity);
            if (dto == null)
            {
                return false;
            }

            bool returnsValue = !method.ReturnsVoid
                && !(method.IsAsync && method.ReturnType is INamedTypeSymbol { IsGenericType: false } returnType && (returnType.Name is "Task" or "ValueTask"));
            var usedNames = function.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText).ToImmutableHashSet();
            string requestName = "request";
            for (int i = 2; usedNames.Contains(requestName); i++)
            {
                requestName = parameter.Identifier.ValueText + "Request" + (i > 2 ? (i - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty);
            }

            int index = list.Parameters.IndexOf(parameter);
            string entityName = parameter.Identifier.ValueText;
            var declaration = SyntaxFactory.ParseStatement($"var {entityName} = {requestName}.ToDomain();\n").WithAdditionalAnnotations(Formatter.Annotation);

            bool added = edits.Replace(function, current => Rewrite(current, index, dto.Name, requestName, declaration, returnsValue));
            if (added)
            {
                site.RequireNamespace(edits, dto.Namespace, parameter);
            }

            return added;
        }

        private static SyntaxNode Rewrite(SyntaxNode function, int index, string dtoName, string requestName, StatementSyntax declaration, bool returnsValue)
        {
            ParameterListSyntax list = function switch
            {
                MethodDeclarationSyntax m => m.ParameterList,
                LocalFunctionStatementSyntax l => l.ParameterList,
                ParenthesizedLambdaExpressionSyntax p => p.ParameterList,
                _ => throw new System.InvalidOperationException(),
            };
            var parameter = list.Parameters[index];
            var newParameter = parameter
                .WithType(SyntaxFactory.IdentifierName(dtoName).WithTriviaFrom(parameter.Type!))
                .WithIdentifier(SyntaxFactory.Identifier(requestName).WithTriviaFrom(parameter.Identifier));
            var newList = list.ReplaceNode(parameter, newParameter);

            BlockSyntax? body;
            ArrowExpressionClauseSyntax? arrow = null;
            ExpressionSyntax? lambdaExpression = null;
            switch (function)
            {
                case MethodDeclarationSyntax m:
                    body = m.Body;
                    arrow = m.ExpressionBody;
                    break;
                case LocalFunctionStatementSyntax l:
                    body = l.Body;
                    arrow = l.ExpressionBody;
                    break;
                default:
                    var p = (ParenthesizedLambdaExpressionSyntax)function;
                    body = p.Block;
                    lambdaExpression = p.ExpressionBody;
                    break;
            }

            BlockSyntax newBody;
            if (body != null)
            {
                newBody = body.WithStatements(body.Statements.Insert(0, declaration));
            }
            else
            {
                var expression = (arrow?.Expression ?? lambdaExpression)!.WithoutTrivia();
                StatementSyntax last = returnsValue ? SyntaxFactory.ReturnStatement(expression) : SyntaxFactory.ExpressionStatement(expression);
                newBody = SyntaxFactory.Block(declaration, last).WithAdditionalAnnotations(Formatter.Annotation);
            }

            switch (function)
            {
                case MethodDeclarationSyntax m:
                    return m.WithParameterList(newList).WithExpressionBody(null).WithSemicolonToken(default)
                        .WithBody(arrow == null ? newBody : newBody.WithTrailingTrivia(m.SemicolonToken.TrailingTrivia))
                        .WithAdditionalAnnotations(arrow == null ? new SyntaxAnnotation[0] : new[] { Formatter.Annotation });
                case LocalFunctionStatementSyntax l:
                    return l.WithParameterList(newList).WithExpressionBody(null).WithSemicolonToken(default)
                        .WithBody(arrow == null ? newBody : newBody.WithTrailingTrivia(l.SemicolonToken.TrailingTrivia))
                        .WithAdditionalAnnotations(arrow == null ? new SyntaxAnnotation[0] : new[] { Formatter.Annotation });
                default:
                    var p = (ParenthesizedLambdaExpressionSyntax)function;
                    return p.WithParameterList(newList).WithExpressionBody(null).WithBlock(newBody);
            }
        }
    }
}
