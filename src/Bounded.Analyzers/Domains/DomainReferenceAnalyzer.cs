using Bounded.Analyzers.Common;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bounded.Analyzers.Domains
{
    /// <summary>
    /// BND1001 (cross-domain references), BND1002 (layer direction) and BND1003 (frameworks in the
    /// Domain layer). Each reference site is found in one of four places:
    /// <list type="bullet">
    /// <item>using directives: screened from their text (<see cref="UsingScreen"/>), bound only when they may cross;</item>
    /// <item>declaration headers (base lists, signatures, field and property types): screened from the declared symbol;</item>
    /// <item>operation blocks (bodies, initializers, default values, attributes): screened from the operation tree;</item>
    /// <item>attributes on lambdas and local functions, and broken code under invalid operations (neither described by the operation tree): bound directly.</item>
    /// </list>
    /// The screens read only what the compiler has already bound. Only a header or block with a
    /// candidate crossing is walked name by name (<see cref="ReferenceSites"/>), which decides the
    /// exact sites, one diagnostic each. Code in no domain and no layer (most code) costs a namespace lookup.
    /// Documentation comments are trivia and are never walked (crefs are exempt).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DomainReferenceAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: documentation ID of the public contract type the site can use instead (BND1001).</summary>
        public const string ContractProperty = "Contract";

        /// <summary>Diagnostic property: the contract's display name, for the fix's title.</summary>
        public const string ContractNameProperty = "ContractName";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Rules.CrossDomainReference, Rules.LayerDirection, Rules.FrameworkInDomainLayer);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCode.SkipAnalysisOnly); // and #line hidden checked when reporting
            context.RegisterCompilationStartAction(start =>
            {
                var state = new CompilationBoundaries(start.Compilation);
                start.RegisterSyntaxNodeAction(c => AnalyzeUsings(c, state), SyntaxKind.CompilationUnit);
                start.RegisterSymbolStartAction(s => StartType(s, state), SymbolKind.NamedType);
            });
        }

        /// <summary>
        /// Per type: nothing at all for a type in no domain and no layer; header actions only for a type whose own
        /// signature or a member's can cross (decided once from the symbols, instead of one callback per declaration);
        /// block actions for its members. Nested types get their own start, so each action keeps to its own type.
        /// </summary>
        private static void StartType(SymbolStartAnalysisContext context, CompilationBoundaries state)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            var references = type.DeclaringSyntaxReferences;
            if (type.ContainingNamespace is not { IsGlobalNamespace: false } ns || references.IsEmpty)
            {
                return;
            }

            var boundaries = state.For(context.Options, references[0].SyntaxTree);
            var from = boundaries.Get(ns);
            if (!from.IsConstrained && references.Length == 1)
            {
                return;
            }

            // Parts of a partial type in files with other settings are decided per file, in the actions.
            if (references.Length > 1 || DeclarationHeader.TypeOrMemberSignatureCrosses(type, boundaries, from))
            {
                context.RegisterSyntaxNodeAction(c => AnalyzeHeader(c, state, type), DeclarationHeader.Kinds);
            }

            context.RegisterOperationBlockAction(c => AnalyzeBlocks(c, state, type));
        }

        private static void AnalyzeUsings(SyntaxNodeAnalysisContext context, CompilationBoundaries state)
        {
            var unit = (CompilationUnitSyntax)context.Node;
            if (unit.Usings.Count == 0 && !HasNamespaceWithUsings(unit.Members))
            {
                return;
            }

            var boundaries = state.For(context.Options, unit.SyntaxTree);
            ReferenceSites? sites = null;

            // File-level using directives belong to the file's namespace (when all its namespaces agree).
            if (unit.Usings.Count > 0)
            {
                Placement? filePlacement = null;
                foreach (var member in unit.Members)
                {
                    if (member is BaseNamespaceDeclarationSyntax declaration)
                    {
                        var placement = boundaries.Map.Get(UsingScreen.FullName(declaration));
                        if (filePlacement == null)
                        {
                            filePlacement = placement;
                        }
                        else if (!ReferenceEquals(filePlacement, placement))
                        {
                            filePlacement = null;
                            break;
                        }
                    }
                }

                if (filePlacement != null && filePlacement.IsConstrained)
                {
                    CheckUsings(unit.Usings, string.Empty, filePlacement, context, boundaries, ref sites);
                }
            }

            CheckNamespaceUsings(unit.Members, context, boundaries, ref sites);
        }

        private static bool HasNamespaceWithUsings(SyntaxList<MemberDeclarationSyntax> members)
        {
            foreach (var member in members)
            {
                if (member is BaseNamespaceDeclarationSyntax declaration && (declaration.Usings.Count > 0 || HasNamespaceWithUsings(declaration.Members)))
                {
                    return true;
                }
            }

            return false;
        }

        private static void CheckNamespaceUsings(SyntaxList<MemberDeclarationSyntax> members, SyntaxNodeAnalysisContext context, Boundaries boundaries, ref ReferenceSites? sites)
        {
            foreach (var member in members)
            {
                if (member is BaseNamespaceDeclarationSyntax declaration)
                {
                    if (declaration.Usings.Count > 0)
                    {
                        var name = UsingScreen.FullName(declaration);
                        var placement = boundaries.Map.Get(name);
                        if (placement.IsConstrained)
                        {
                            CheckUsings(declaration.Usings, name, placement, context, boundaries, ref sites);
                        }
                    }

                    CheckNamespaceUsings(declaration.Members, context, boundaries, ref sites);
                }
            }
        }

        /// <summary>Binds only the directives whose text could name a namespace or type across a boundary.</summary>
        private static void CheckUsings(SyntaxList<UsingDirectiveSyntax> usings, string enclosingNamespace, Placement from, SyntaxNodeAnalysisContext context, Boundaries boundaries, ref ReferenceSites? sites)
        {
            foreach (var directive in usings)
            {
                if (UsingScreen.MayCross(directive, enclosingNamespace, from, boundaries))
                {
                    sites ??= new ReferenceSites(boundaries, context.SemanticModel, context.ReportDiagnostic, context.CancellationToken);
                    sites.CheckUsing(directive, from);
                }
            }
        }

        private static void AnalyzeHeader(SyntaxNodeAnalysisContext context, CompilationBoundaries state, INamedTypeSymbol type)
        {
            var declaration = context.Node;

            var symbol = DeclarationHeader.SymbolOf(context);
            if (symbol?.ContainingNamespace is not { IsGlobalNamespace: false } ns || !DeclarationHeader.BelongsTo(symbol, type))
            {
                return;
            }

            var boundaries = state.For(context.Options, declaration.SyntaxTree);
            var from = boundaries.Get(ns);
            if (!from.IsConstrained || !DeclarationHeader.Crosses(symbol, declaration, context.SemanticModel, boundaries, from, context.CancellationToken))
            {
                return;
            }

            var sites = new ReferenceSites(boundaries, context.SemanticModel, context.ReportDiagnostic, context.CancellationToken);
            foreach (var typeSyntax in DeclarationHeader.TypeSyntax(declaration))
            {
                sites.Walk(typeSyntax, from);
            }
        }

        private static void AnalyzeBlocks(OperationBlockAnalysisContext context, CompilationBoundaries state, INamedTypeSymbol type)
        {
            if (context.OwningSymbol.ContainingNamespace is not { IsGlobalNamespace: false } ns || context.OperationBlocks.IsEmpty
                || !DeclarationHeader.BelongsTo(context.OwningSymbol, type))
            {
                return;
            }

            var boundaries = state.For(context.Options, context.OperationBlocks[0].Syntax.SyntaxTree);
            var from = boundaries.Get(ns);
            if (!from.IsConstrained)
            {
                return;
            }

            // BND1001 members of another domain's internal types reached without naming the type: one per type and member.
            ImplicitReach? implicitReach = null;
            foreach (var block in context.OperationBlocks)
            {
                List<SyntaxNode>? separately = null;
                var model = block.SemanticModel;
                if (model == null)
                {
                    continue;
                }

                if (BlockScreen.Crosses(block, from, boundaries, ref separately, context.CancellationToken))
                {
                    if (implicitReach == null && from.Domain != null)
                    {
                        implicitReach = new ImplicitReach();
                        implicitReach.WrittenInSignature(context.OwningSymbol);
                    }

                    new ReferenceSites(boundaries, model, context.ReportDiagnostic, context.CancellationToken, implicitReach).Walk(WalkRoot(block.Syntax), from);
                }
                else if (separately != null)
                {
                    var sites = new ReferenceSites(boundaries, model, context.ReportDiagnostic, context.CancellationToken);
                    foreach (var node in separately)
                    {
                        // Broken code's names bind one by one, each again: walked only when one could name a crossing.
                        if (CrossingNames.MayCross(node, from, boundaries, context.Compilation, context.CancellationToken))
                        {
                            sites.Walk(node, from);
                        }
                    }
                }
            }

            implicitReach?.Report(context.ReportDiagnostic, context.CancellationToken);
        }

        /// <summary>The syntax a block's names are in: a primary constructor's base arguments, not the base type (a header site).</summary>
        private static SyntaxNode WalkRoot(SyntaxNode blockSyntax) =>
            blockSyntax is PrimaryConstructorBaseTypeSyntax primaryBase ? primaryBase.ArgumentList : blockSyntax;
    }
}
