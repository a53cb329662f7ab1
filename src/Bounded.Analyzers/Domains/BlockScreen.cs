using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Bounded.Analyzers.Domains
{
    /// <summary>
    /// The cheap screen of one operation block (a body, an initializer, an attribute): whether any
    /// type or member it references could cross a boundary. Reads only the symbols the compiler has
    /// already bound into the operation tree; the precise (binding) walk of <see cref="ReferenceSites"/>
    /// runs only on blocks this screen flags. It must be a superset of what that walk reports: every
    /// name the walk binds to a type or member shows up here as an operation's type, a referenced
    /// member, a type operand, a declared local, a pattern's type or a lambda's signature.
    /// </summary>
    internal static class BlockScreen
    {
        /// <summary>
        /// True when the block needs the precise walk. Attributes on lambdas and local functions are
        /// not part of the operation tree; when the block is otherwise clean they are collected in
        /// <paramref name="attributeLists"/> for the caller to walk on their own.
        /// </summary>
        public static bool Crosses(IOperation block, Placement from, Boundaries boundaries, ref List<AttributeListSyntax>? attributeLists, CancellationToken cancellationToken)
        {
            var pending = new Stack<IOperation>();
            pending.Push(block);
            while (pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var operation = pending.Pop();
                if (OperationCrosses(operation, from, boundaries, ref attributeLists, cancellationToken))
                {
                    return true;
                }

                foreach (var child in operation.ChildOperations)
                {
                    pending.Push(child);
                }
            }

            return false;
        }

        private static bool OperationCrosses(IOperation operation, Placement from, Boundaries boundaries, ref List<AttributeListSyntax>? attributeLists, CancellationToken cancellationToken)
        {
            if (operation.Type != null && boundaries.Crosses(operation.Type, from))
            {
                return true; // object and array creation, casts, default(T), declaration expressions, results
            }

            switch (operation)
            {
                case IInvocationOperation invocation:
                    return boundaries.CrossesMember(invocation.TargetMethod, from); // static and extension calls, generic arguments
                case IMemberReferenceOperation reference:
                    return boundaries.CrossesMember(reference.Member, from);        // fields, properties, events, method groups, enum members, constants
                case IVariableDeclaratorOperation declarator:
                    return boundaries.Crosses(declarator.Symbol.Type, from);        // explicitly typed locals, foreach/using/catch variables
                case ITypeOfOperation typeOf:
                    return boundaries.Crosses(typeOf.TypeOperand, from);
                case ISizeOfOperation sizeOf:
                    return boundaries.Crosses(sizeOf.TypeOperand, from);
                case IIsTypeOperation isType:
                    return boundaries.Crosses(isType.TypeOperand, from);
                case IDeclarationPatternOperation declaration:
                    return boundaries.Crosses(declaration.MatchedType, from);
                case ITypePatternOperation type:
                    return boundaries.Crosses(type.MatchedType, from);
                case IRecursivePatternOperation recursive:
                    return boundaries.Crosses(recursive.MatchedType, from);
                case ICatchClauseOperation @catch:
                    return boundaries.Crosses(@catch.ExceptionType, from);
                case IAnonymousFunctionOperation lambda:
                    CollectAttributes(lambda.Syntax, ref attributeLists);
                    return boundaries.Crosses(lambda.Symbol, from);                 // explicit parameter and return types
                case ILocalFunctionOperation function:
                    CollectAttributes(function.Syntax, ref attributeLists);
                    return boundaries.Crosses(function.Symbol, from);
                case INameOfOperation nameOf when nameOf.Argument.Kind == OperationKind.None:
                    return NameOfCrosses(nameOf, from, boundaries, cancellationToken);
                case IInvalidOperation:
                    return true; // broken code: the names in it may still bind; let the precise walk decide
                default:
                    return false;
            }
        }

        /// <summary><c>nameof(Type)</c> and <c>nameof(Type.Method)</c> carry no symbol in the operation tree: bind the one argument.</summary>
        private static bool NameOfCrosses(INameOfOperation nameOf, Placement from, Boundaries boundaries, CancellationToken cancellationToken)
        {
            var model = nameOf.SemanticModel;
            if (model == null)
            {
                return true;
            }

            var info = model.GetSymbolInfo(nameOf.Argument.Syntax, cancellationToken);
            var symbol = info.Symbol ?? (info.CandidateSymbols.Length > 0 ? info.CandidateSymbols[0] : null);
            return symbol switch
            {
                IAliasSymbol alias => alias.Target is ITypeSymbol target && boundaries.Crosses(target, from),
                ITypeSymbol type => boundaries.Crosses(type, from),
                IMethodSymbol or IPropertySymbol or IFieldSymbol or IEventSymbol => boundaries.CrossesMember(symbol, from),
                _ => false,
            };
        }

        private static void CollectAttributes(SyntaxNode function, ref List<AttributeListSyntax>? attributeLists)
        {
            switch (function)
            {
                case ParenthesizedLambdaExpressionSyntax lambda:
                    Add(lambda.AttributeLists, ref attributeLists);
                    foreach (var parameter in lambda.ParameterList.Parameters)
                    {
                        Add(parameter.AttributeLists, ref attributeLists);
                    }

                    break;
                case SimpleLambdaExpressionSyntax lambda:
                    Add(lambda.AttributeLists, ref attributeLists);
                    Add(lambda.Parameter.AttributeLists, ref attributeLists);
                    break;
                case LocalFunctionStatementSyntax local:
                    Add(local.AttributeLists, ref attributeLists);
                    foreach (var parameter in local.ParameterList.Parameters)
                    {
                        Add(parameter.AttributeLists, ref attributeLists);
                    }

                    if (local.TypeParameterList != null)
                    {
                        foreach (var typeParameter in local.TypeParameterList.Parameters)
                        {
                            Add(typeParameter.AttributeLists, ref attributeLists);
                        }
                    }

                    break;
            }
        }

        private static void Add(SyntaxList<AttributeListSyntax> lists, ref List<AttributeListSyntax>? attributeLists)
        {
            foreach (var list in lists)
            {
                (attributeLists ??= new List<AttributeListSyntax>()).Add(list);
            }
        }
    }
}
