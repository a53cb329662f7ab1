using System.Collections.Generic;
using Bounded.Analyzers.Common.Tokens;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Bounded.CodeFixes.Common.Tokens
{
    /// <summary>Adds a token argument to a call, the way a person would write it.</summary>
    public static class TokenArguments
    {
        /// <summary>
        /// Adds <paramref name="token"/> as the argument for parameter <paramref name="tokenParameterIndex"/> of
        /// <paramref name="target"/> (an ordinal of <paramref name="target"/>'s parameters; for an extension method
        /// called as <c>x.M()</c>, the <c>this</c> parameter counts, as in <c>IInvocationOperation</c>):
        /// <list type="bullet">
        /// <item>positional when it lands last and every parameter before it has a positional argument
        /// (no optional argument is skipped, no named argument out of place);</item>
        /// <item>named, in its position, when arguments follow it there (a <c>params</c> list, or a token in a
        /// non-last position), which C# 7.2 allows because every earlier argument is in position;</item>
        /// <item>named, at the end, otherwise (optional arguments skipped, or named arguments out of order).</item>
        /// </list>
        /// The argument list keeps its layout; the new argument carries the formatter annotation.
        /// </summary>
        public static InvocationExpressionSyntax AddToken(
            InvocationExpressionSyntax invocation,
            IMethodSymbol target,
            int tokenParameterIndex,
            string tokenParameterName,
            ExpressionSyntax token,
            SemanticModel model) =>
            AddToken(invocation, target, tokenParameterIndex, tokenParameterName, token, IsCalledAsExtension(invocation, target, model));

        /// <summary>
        /// As above, for a node no longer in the model's tree (a batch of edits): the caller says whether the
        /// original call used the reduced extension form (<see cref="IsCalledAsExtension"/> on the original node).
        /// </summary>
        public static InvocationExpressionSyntax AddToken(
            InvocationExpressionSyntax invocation,
            IMethodSymbol target,
            int tokenParameterIndex,
            string tokenParameterName,
            ExpressionSyntax token,
            bool calledAsExtension)
        {
            int index = tokenParameterIndex - (calledAsExtension ? 1 : 0);
            var arguments = invocation.ArgumentList.Arguments;
            var parameters = target.Parameters;
            int parameterOffset = tokenParameterIndex - index;

            bool prefixInPosition = index >= 0 && arguments.Count >= index;
            for (int i = 0; prefixInPosition && i < index; i++)
            {
                var name = arguments[i].NameColon?.Name.Identifier.ValueText;
                int p = i + parameterOffset;
                if (name != null && (p >= parameters.Length || parameters[p].Name != name))
                {
                    prefixInPosition = false;
                }
            }

            var plain = SyntaxFactory.Argument(token.WithoutTrivia());
            var named = SyntaxFactory.Argument(
                SyntaxFactory.NameColon(SyntaxFactory.IdentifierName(EscapeName(tokenParameterName))),
                default,
                token.WithoutTrivia());

            List<ArgumentSyntax> nodes = new(arguments);
            if (prefixInPosition && arguments.Count == index)
            {
                nodes.Add(plain.WithAdditionalAnnotations(Formatter.Annotation));
            }
            else if (prefixInPosition)
            {
                nodes.Insert(index, named.WithAdditionalAnnotations(Formatter.Annotation));
            }
            else
            {
                nodes.Add(named.WithAdditionalAnnotations(Formatter.Annotation));
            }

            return invocation.WithArgumentList(invocation.ArgumentList.WithArguments(Join(nodes, arguments)));
        }

        /// <summary>
        /// The array type to write for <see cref="TokenForm.ArrayParameterIndex"/> at <paramref name="position"/>, as a
        /// person would (<c>object[]</c>, no nullable annotations on the elements); null when the form needs none.
        /// </summary>
        public static ArrayTypeSyntax? ArrayTypeFor(TokenForm form, SemanticModel model, int position)
        {
            if (form.ArrayParameterIndex < 0 || form.Method.Parameters[form.ArrayParameterIndex].Type is not IArrayTypeSymbol array)
            {
                return null;
            }

            var element = array.ElementType.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
            var text = element.ToMinimalDisplayString(model, position) + "[]";
            return SyntaxFactory.ParseTypeName(text) as ArrayTypeSyntax;
        }

        /// <summary>
        /// Wraps the expanded <c>params</c> arguments, from argument <paramref name="argumentIndex"/> on, in
        /// <c>new T[] { ... }</c>: the overload that takes the token takes them as a plain array
        /// (<c>FindAsync(id)</c> -> <c>FindAsync(new object[] { id }, ...)</c>).
        /// </summary>
        public static InvocationExpressionSyntax WrapInArray(InvocationExpressionSyntax invocation, int argumentIndex, ArrayTypeSyntax arrayType)
        {
            var arguments = invocation.ArgumentList.Arguments;
            if (argumentIndex < 0 || argumentIndex > arguments.Count)
            {
                return invocation;
            }

            var elements = new List<ExpressionSyntax>();
            for (int i = argumentIndex; i < arguments.Count; i++)
            {
                elements.Add(arguments[i].Expression.WithoutTrivia());
            }

            var creation = SyntaxFactory.ArrayCreationExpression(
                arrayType.WithoutTrivia(),
                SyntaxFactory.InitializerExpression(SyntaxKind.ArrayInitializerExpression, SyntaxFactory.SeparatedList(elements)));
            var nodes = new List<ArgumentSyntax>();
            for (int i = 0; i < argumentIndex; i++)
            {
                nodes.Add(arguments[i]);
            }

            nodes.Add(SyntaxFactory.Argument(creation).WithAdditionalAnnotations(Formatter.Annotation));
            return invocation.WithArgumentList(invocation.ArgumentList.WithArguments(Join(nodes, arguments)));
        }

        /// <summary>Joins arguments, reusing the original separators (and their trivia) where they exist.</summary>
        private static SeparatedSyntaxList<ArgumentSyntax> Join(List<ArgumentSyntax> nodes, SeparatedSyntaxList<ArgumentSyntax> original)
        {
            var items = new List<SyntaxNodeOrToken>();
            for (int i = 0; i < nodes.Count; i++)
            {
                if (i > 0)
                {
                    items.Add(i - 1 < original.SeparatorCount
                        ? original.GetSeparator(i - 1)
                        : SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space));
                }

                items.Add(nodes[i]);
            }

            return SyntaxFactory.SeparatedList<ArgumentSyntax>(items);
        }

        /// <summary>An unreduced extension method (<c>IInvocationOperation.TargetMethod</c>) called as <c>receiver.M(...)</c>.</summary>
        public static bool IsCalledAsExtension(InvocationExpressionSyntax invocation, IMethodSymbol target, SemanticModel model)
        {
            if (!target.IsExtensionMethod || target.MethodKind == MethodKind.ReducedExtension)
            {
                return false;
            }

            if (invocation.Expression is not (MemberAccessExpressionSyntax or MemberBindingExpressionSyntax))
            {
                return false;
            }

            return model.GetSymbolInfo(invocation).Symbol is IMethodSymbol { MethodKind: MethodKind.ReducedExtension };
        }

        private static string EscapeName(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
    }
}
