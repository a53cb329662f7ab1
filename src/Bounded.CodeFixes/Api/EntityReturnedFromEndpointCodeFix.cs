using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Bounded.Analyzers;
using Bounded.Analyzers.Api;
using Bounded.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Bounded.CodeFixes.Api
{
    /// <summary>
    /// BND2001 fix "Map to '&lt;Entity&gt;Response'": reuses or generates the response DTO, rewrites the
    /// declared return type and every return of the endpoint (or the one carried value) to map the entity.
    /// </summary>
    [ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(EntityReturnedFromEndpointCodeFix))]
    [Shared]
    public sealed class EntityReturnedFromEndpointCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "BND2001.MapToResponse";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(Rules.EntityReturnedFromEndpoint.Id);

        private static readonly DtoFix Fix = new(EquivalenceKey, EntityReturnedFromEndpointAnalyzer.EntityKey, name => $"Map to '{name}'", (planner, entity) => planner.Response(entity), FixSite);

        public override FixAllProvider GetFixAllProvider() => Fix.FixAllProvider;

        public override Task RegisterCodeFixesAsync(CodeFixContext context) => Fix.RegisterAsync(context);

        private static bool FixSite(SiteContext site, DocumentEdits edits, CancellationToken cancellationToken)
        {
            var node = site.Root.FindNode(site.Diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var dto = site.Planner.Response(site.Entity);
            if (dto == null)
            {
                return false;
            }

            site.Diagnostic.Properties.TryGetValue(EntityReturnedFromEndpointAnalyzer.SiteKey, out var kind);
            if (kind == "ReturnType")
            {
                var typeSyntax = node.AncestorsAndSelf().OfType<TypeSyntax>().FirstOrDefault(t => t.Span == site.Diagnostic.Location.SourceSpan);
                if (typeSyntax == null)
                {
                    return false;
                }

                return FixReturnType(site, typeSyntax, dto, edits, cancellationToken);
            }

            var expression = node.AncestorsAndSelf().OfType<ExpressionSyntax>().FirstOrDefault(e => e.Span == site.Diagnostic.Location.SourceSpan);
            if (expression == null || site.Model.GetOperation(expression, cancellationToken) is not { } operation)
            {
                return false;
            }

            return Transform(site, operation, dto, edits, cancellationToken);
        }

        private static bool FixReturnType(SiteContext site, TypeSyntax typeSyntax, DtoRef dto, DocumentEdits edits, CancellationToken cancellationToken)
        {
            SyntaxNode? function = typeSyntax.Parent switch
            {
                MethodDeclarationSyntax m when m.ReturnType == typeSyntax => m,
                LocalFunctionStatementSyntax l when l.ReturnType == typeSyntax => l,
                _ => null,
            };
            if (function == null)
            {
                return false;
            }

            // 1. The declared type: each name that binds to the entity becomes the DTO.
            bool renamed = false;
            foreach (var name in typeSyntax.DescendantNodesAndSelf().OfType<NameSyntax>())
            {
                if (name.Parent is QualifiedNameSyntax q && q.Right == name)
                {
                    continue;
                }

                if (site.Model.GetSymbolInfo(name, cancellationToken).Symbol is INamedTypeSymbol bound
                    && SymbolEqualityComparer.Default.Equals(bound.OriginalDefinition, site.Entity.OriginalDefinition)
                    && !name.Ancestors().TakeWhile(a => a != typeSyntax).OfType<QualifiedNameSyntax>().Any(a => site.Model.GetSymbolInfo(a, cancellationToken).Symbol is INamedTypeSymbol))
                {
                    edits.Replace(name, current => Microsoft.CodeAnalysis.CSharp.SyntaxFactory.IdentifierName(dto.Name).WithTriviaFrom(current));
                    renamed = true;
                }
            }

            if (!renamed)
            {
                return false;
            }

            // 2. Every return of this function (not of nested lambdas or local functions).
            var body = site.Model.GetOperation(function, cancellationToken);
            if (body == null)
            {
                return false;
            }

            foreach (var operation in EndpointSites.OwnOperations(body))
            {
                if (operation is IReturnOperation { ReturnedValue: { } returned } && returned.Syntax is ExpressionSyntax)
                {
                    if (!Transform(site, returned, dto, edits, cancellationToken))
                    {
                        return false;
                    }
                }
            }

            site.RequireNamespace(edits, dto.Namespace, typeSyntax);
            return true;
        }

        /// <summary>Rewrites a value so it carries the DTO instead of the entity; false when its shape cannot be mapped.</summary>
        private static bool Transform(SiteContext site, IOperation value, DtoRef dto, DocumentEdits edits, CancellationToken cancellationToken)
        {
            value = EndpointSites.WithoutConversions(value);
            var type = value.Type;
            if (type == null || !Mentions(type, site.Entity, 0))
            {
                return true;
            }

            if (value is IConditionalOperation { WhenFalse: { } whenFalse } conditional)
            {
                return Transform(site, conditional.WhenTrue, dto, edits, cancellationToken) && Transform(site, whenFalse, dto, edits, cancellationToken);
            }

            var types = KnownTypes.For(site.Model.Compilation);
            if (EndpointSites.CarriedValue(value, types) is { } carried)
            {
                return Transform(site, carried, dto, edits, cancellationToken);
            }

            if (value.Syntax is not ExpressionSyntax expression)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, site.Entity.OriginalDefinition))
            {
                edits.Replace(expression, current => DtoFixEngine.Parse(dto.Map(((ExpressionSyntax)current).WithoutTrivia().ToFullString()), current));
                site.RequireNamespace(edits, dto.Namespace, expression);
                return true;
            }

            string? materialize = Materialization(type, site);
            if (materialize == null)
            {
                return false;
            }

            edits.Replace(expression, current => DtoFixEngine.Parse($"{DtoFixEngine.AsReceiver((ExpressionSyntax)current)}.Select({dto.Selector}){materialize}", current));
            site.RequireNamespace(edits, dto.Namespace, expression);
            if (!site.Model.LookupSymbols(expression.SpanStart, type, "Select", includeReducedExtensionMethods: true).Any())
            {
                edits.Usings.Add("System.Linq");
            }

            return true;
        }

        /// <summary>For a sequence of the entity: what keeps its shape after Select ("" for IEnumerable, ToList(), ToArray()); null otherwise.</summary>
        private static string? Materialization(ITypeSymbol type, SiteContext site)
        {
            if (type is IArrayTypeSymbol { Rank: 1 } array)
            {
                return IsEntity(array.ElementType, site) ? ".ToArray()" : null;
            }

            if (type is not INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named || !IsEntity(named.TypeArguments[0], site))
            {
                return null;
            }

            string name = named.OriginalDefinition.ToDisplayString();
            return name switch
            {
                "System.Collections.Generic.IEnumerable<T>" => string.Empty,
                "System.Collections.Generic.List<T>" or "System.Collections.Generic.IList<T>" or "System.Collections.Generic.ICollection<T>"
                    or "System.Collections.Generic.IReadOnlyList<T>" or "System.Collections.Generic.IReadOnlyCollection<T>" => ".ToList()",
                _ => null,
            };
        }

        private static bool IsEntity(ITypeSymbol type, SiteContext site) =>
            SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, site.Entity.OriginalDefinition);

        private static bool Mentions(ITypeSymbol type, INamedTypeSymbol entity, int depth)
        {
            if (depth > 8)
            {
                return false;
            }

            if (type is IArrayTypeSymbol array)
            {
                return Mentions(array.ElementType, entity, depth + 1);
            }

            return type is INamedTypeSymbol named
                && (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, entity.OriginalDefinition) || named.TypeArguments.Any(a => Mentions(a, entity, depth + 1)));
        }
    }
}
