using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Bounded.Analyzers.Cancellation;
using Bounded.Analyzers.Common;
using Bounded.CodeFixes.Common.Tokens;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;

namespace Bounded.CodeFixes.Cancellation
{
    /// <summary>
    /// One BND3001 edit, computed against the original semantic model so that a batch of edits (Fix All, or
    /// BND3002 forwarding through a body) can be applied with <c>ReplaceNodes</c>, nested calls included.
    /// </summary>
    internal sealed class TokenEdit
    {
        private TokenEdit(SyntaxNode node, string kind, ExpressionSyntax token)
        {
            Node = node;
            Kind = kind;
            Token = token;
        }

        public SyntaxNode Node { get; }

        public string Kind { get; }

        public ExpressionSyntax Token { get; }

        private IMethodSymbol? Target { get; set; }

        private int Index { get; set; }

        private string Name { get; set; } = string.Empty;

        private bool CalledAsExtension { get; set; }

        /// <summary>The array type that wraps expanded <c>params</c> arguments (the overload takes a plain array); null when none.</summary>
        private ArrayTypeSyntax? ArrayType { get; set; }

        private int ArrayIndex { get; set; }

        private bool InsideConfigureAwait { get; set; }

        /// <summary>True when <c>WithCancellation</c> does not bind where it goes (System.Threading.Tasks is not imported).</summary>
        public bool NeedsTasksImport { get; private set; }

        public static TokenEdit? Create(ForwardingSite site, string tokenExpression, SemanticModel model, KnownTypes types, CancellationToken cancellationToken)
        {
            var token = SyntaxFactory.ParseExpression(tokenExpression);
            switch (site.Kind)
            {
                case ForwardingSite.KindAdd when site.Node is InvocationExpressionSyntax call && site.Form != null:
                    return new TokenEdit(call, site.Kind, token)
                    {
                        Target = site.Form.Method,
                        Index = site.Form.ParameterIndex,
                        Name = site.Form.ParameterName,
                        CalledAsExtension = TokenArguments.IsCalledAsExtension(call, site.Form.Method, model),
                        ArrayType = TokenArguments.ArrayTypeFor(site.Form, model, call.SpanStart),
                        ArrayIndex = site.Form.ArrayParameterIndex,
                    };
                case ForwardingSite.KindReplace when site.Node is ArgumentSyntax:
                    return new TokenEdit(site.Node, site.Kind, token);
                case ForwardingSite.KindWithCancellation when site.Node is ExpressionSyntax expression:
                    {
                        bool inside = expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } }
                            && model.GetOperation(expression, cancellationToken) is IInvocationOperation configure
                            && ForwardingSite.IsAsyncEnumerableExtension(configure.TargetMethod, types);
                        var edit = new TokenEdit(expression, site.Kind, token) { InsideConfigureAwait = inside };
                        var probe = edit.Apply(expression);
                        var bound = model.GetSpeculativeSymbolInfo(expression.SpanStart, probe, SpeculativeBindingOption.BindAsExpression);
                        edit.NeedsTasksImport = bound.Symbol == null && bound.CandidateSymbols.IsEmpty;
                        return edit;
                    }

                default:
                    return null;
            }
        }

        /// <summary>Replaces the value of a token argument with <paramref name="tokenExpression"/> (BND3002: the new parameter instead of <c>HttpContext.RequestAborted</c>).</summary>
        public static TokenEdit ReplaceArgument(ArgumentSyntax argument, string tokenExpression) =>
            new(argument, ForwardingSite.KindReplace, SyntaxFactory.ParseExpression(tokenExpression));

        /// <summary>The edit applied to the (possibly already rewritten) node.</summary>
        public SyntaxNode Apply(SyntaxNode current)
        {
            switch (Kind)
            {
                case ForwardingSite.KindAdd when current is InvocationExpressionSyntax call && Target != null:
                    if (ArrayType != null)
                    {
                        call = TokenArguments.WrapInArray(call, ArrayIndex - (CalledAsExtension ? 1 : 0), ArrayType);
                    }

                    return TokenArguments.AddToken(call, Target, Index, Name, Token, CalledAsExtension);
                case ForwardingSite.KindReplace when current is ArgumentSyntax argument:
                    return argument.WithExpression(Token.WithTriviaFrom(argument.Expression));
                case ForwardingSite.KindWithCancellation when current is ExpressionSyntax expression:
                    if (InsideConfigureAwait && expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } configure)
                    {
                        return configure.WithExpression(access.WithExpression(WithCancellation(access.Expression)));
                    }

                    return WithCancellation(expression);
                default:
                    return current;
            }
        }

        private ExpressionSyntax WithCancellation(ExpressionSyntax source)
        {
            var bare = source.WithoutTrivia();
            ExpressionSyntax receiver = bare is IdentifierNameSyntax or GenericNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax
                or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax or ThisExpressionSyntax or BaseExpressionSyntax or ObjectCreationExpressionSyntax
                ? bare
                : SyntaxFactory.ParenthesizedExpression(bare);
            return SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName("WithCancellation")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(Token))))
                .WithTriviaFrom(source);
        }
    }

    internal static class TokenEdits
    {
        /// <summary>Applies every edit in one pass (inner edits first, then outer ones around them) and adds <c>using System.Threading.Tasks;</c> when needed.</summary>
        public static SyntaxNode Apply(SyntaxNode root, IReadOnlyList<TokenEdit> edits)
        {
            var byNode = new Dictionary<SyntaxNode, TokenEdit>();
            foreach (var edit in edits)
            {
                if (!byNode.ContainsKey(edit.Node))
                {
                    byNode.Add(edit.Node, edit);
                }
            }

            var updated = root.ReplaceNodes(byNode.Keys, (original, rewritten) => byNode[original].Apply(rewritten));
            return edits.Any(e => e.NeedsTasksImport) ? Usings.Add(updated, "System.Threading.Tasks") : updated;
        }
    }

    /// <summary>Adds a using directive to a compilation unit (System namespaces first, then ordinal order).</summary>
    internal static class Usings
    {
        public static SyntaxNode Add(SyntaxNode root, string name)
        {
            if (root is not CompilationUnitSyntax unit || unit.Usings.Any(u => u.Alias == null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == name))
            {
                return root;
            }

            var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(name).WithLeadingTrivia(SyntaxFactory.Space))
                .WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed)
                .WithAdditionalAnnotations(Formatter.Annotation);
            int index = 0;
            while (index < unit.Usings.Count && Compare(unit.Usings[index].Name?.ToString() ?? string.Empty, name) < 0)
            {
                index++;
            }

            if (unit.Usings.Count > 0)
            {
                directive = directive.WithTrailingTrivia(unit.Usings[System.Math.Min(index, unit.Usings.Count - 1)].GetTrailingTrivia());
                if (index == 0)
                {
                    // Keep a file header comment above the first using.
                    var first = unit.Usings[0];
                    directive = directive.WithLeadingTrivia(first.GetLeadingTrivia());
                    unit = unit.ReplaceNode(first, first.WithLeadingTrivia());
                }
            }
            else
            {
                directive = directive.WithTrailingTrivia(SyntaxFactory.LineFeed, SyntaxFactory.LineFeed);
            }

            return unit.WithUsings(unit.Usings.Insert(index, directive));
        }

        private static int Compare(string a, string b)
        {
            static int Group(string n) => n == "System" || n.StartsWith("System.", StringComparison.Ordinal) ? 0 : 1;
            int group = Group(a).CompareTo(Group(b));
            return group != 0 ? group : string.CompareOrdinal(a, b);
        }
    }
}
