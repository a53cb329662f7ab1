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
    /// name the walk reports shows up here as the type of an operation that spells it (creation, cast,
    /// default, declaration), a referenced member, a type operand, an explicitly typed local, a pattern's
    /// type or a written-out lambda signature. Implicitly typed code (var, inferred lambda parameters,
    /// target-typed new) names no type and is not a candidate.
    /// </summary>
    internal static class BlockScreen
    {
        /// <summary>
        /// True when the block needs the precise walk. Syntax the operation tree does not describe, the
        /// attributes of lambdas and local functions and the code under an invalid operation (broken code,
        /// whose names may still bind), is collected in <paramref name="separately"/> for the caller to
        /// walk on its own when the block as a whole is not walked.
        /// </summary>
        public static bool Crosses(IOperation block, Placement from, Boundaries boundaries, ref List<SyntaxNode>? separately, CancellationToken cancellationToken)
        {
            // One stack per thread, reused: a new one per block spent more time growing than the screen spent screening.
            var pending = t_pending ??= new Stack<IOperation>(64);
            pending.Clear();
            try
            {
                return Screen(block, pending, from, boundaries, ref separately, cancellationToken);
            }
            finally
            {
                pending.Clear(); // drop the references to the compilation's operations
            }
        }

        [System.ThreadStatic]
        private static Stack<IOperation>? t_pending;

        private static bool Screen(IOperation block, Stack<IOperation> pending, Placement from, Boundaries boundaries, ref List<SyntaxNode>? separately, CancellationToken cancellationToken)
        {
            pending.Push(block);
            while (pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var operation = pending.Pop();
                if (operation.Kind == OperationKind.Invalid)
                {
                    (separately ??= new List<SyntaxNode>()).Add(operation.Syntax);
                    continue; // the walk of its syntax covers everything under it
                }

                if (OperationCrosses(operation, from, boundaries, ref separately, cancellationToken))
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

        private static bool OperationCrosses(IOperation operation, Placement from, Boundaries boundaries, ref List<SyntaxNode>? separately, CancellationToken cancellationToken)
        {
            // Switch on the kind first: most operations (locals, literals, arguments, statements) name nothing.
            switch (operation.Kind)
            {
                // Operations whose syntax spells their type.
                case OperationKind.ObjectCreation:
                    return operation.Syntax is ObjectCreationExpressionSyntax or AttributeSyntax && boundaries.Crosses(operation.Type, from);
                case OperationKind.DelegateCreation:
                    return operation.Syntax is ObjectCreationExpressionSyntax && boundaries.Crosses(operation.Type, from);
                case OperationKind.ArrayCreation:
                    return operation.Syntax is ArrayCreationExpressionSyntax or StackAllocArrayCreationExpressionSyntax && boundaries.Crosses(operation.Type, from);
                case OperationKind.DefaultValue:
                    return operation.Syntax is DefaultExpressionSyntax && boundaries.Crosses(operation.Type, from);
                case OperationKind.DynamicObjectCreation:
                    return boundaries.Crosses(operation.Type, from);
                case OperationKind.Conversion:
                    return !operation.IsImplicit && boundaries.Crosses(operation.Type, from); // casts and 'as'
                case OperationKind.DeclarationExpression:
                    return operation.Syntax is DeclarationExpressionSyntax declaration && !declaration.Type.IsVar && boundaries.Crosses(operation.Type, from);

                // Members: static access through a type name, extension methods, members of another boundary
                // reached through this or a receiver of a third boundary. A member of a receiver whose type sits
                // in the member's own boundary is not a site: that type was named (and reported) elsewhere.
                case OperationKind.Invocation:
                    var invocation = (IInvocationOperation)operation;
                    return MemberCrosses(invocation.TargetMethod, invocation.Instance, from, boundaries);
                case OperationKind.FieldReference:
                case OperationKind.PropertyReference:
                case OperationKind.EventReference:
                case OperationKind.MethodReference:
                    var reference = (IMemberReferenceOperation)operation;
                    return MemberCrosses(reference.Member, reference.Instance, from, boundaries);

                case OperationKind.VariableDeclarator:
                    var declarator = (IVariableDeclaratorOperation)operation;
                    return !IsImplicitlyTyped(declarator.Syntax) && boundaries.Crosses(declarator.Symbol.Type, from); // locals, foreach/using variables
                case OperationKind.TypeOf:
                    return boundaries.Crosses(((ITypeOfOperation)operation).TypeOperand, from);
                case OperationKind.SizeOf:
                    return boundaries.Crosses(((ISizeOfOperation)operation).TypeOperand, from);
                case OperationKind.IsType:
                    return boundaries.Crosses(((IIsTypeOperation)operation).TypeOperand, from);
                case OperationKind.DeclarationPattern:
                    return operation.Syntax is DeclarationPatternSyntax && boundaries.Crosses(((IDeclarationPatternOperation)operation).MatchedType, from);
                case OperationKind.TypePattern:
                    return boundaries.Crosses(((ITypePatternOperation)operation).MatchedType, from);
                case OperationKind.RecursivePattern:
                    return operation.Syntax is RecursivePatternSyntax { Type: not null } && boundaries.Crosses(((IRecursivePatternOperation)operation).MatchedType, from);
                case OperationKind.CatchClause:
                    return boundaries.Crosses(((ICatchClauseOperation)operation).ExceptionType, from);
                case OperationKind.AnonymousFunction:
                    var lambda = (IAnonymousFunctionOperation)operation;
                    CollectAttributes(lambda.Syntax, ref separately);
                    return ExplicitSignatureCrosses(lambda, from, boundaries);
                case OperationKind.LocalFunction:
                    var function = (ILocalFunctionOperation)operation;
                    CollectAttributes(function.Syntax, ref separately);
                    return boundaries.Crosses(function.Symbol, from);
                case OperationKind.NameOf:
                    var nameOf = (INameOfOperation)operation;
                    return nameOf.Argument.Kind == OperationKind.None && NameOfCrosses(nameOf, from, boundaries, cancellationToken);
                default:
                    return false;
            }
        }

        private static bool MemberCrosses(ISymbol member, IOperation? instance, Placement from, Boundaries boundaries)
        {
            if (!boundaries.CrossesMember(member, from))
            {
                return false; // the common case, decided first: a member of the BCL, a framework or this boundary
            }

            if (instance is { IsImplicit: false, Kind: not OperationKind.ConditionalAccessInstance }
                && instance.Type is INamedTypeSymbol { TypeKind: not TypeKind.Error } receiverType
                && member.ContainingType is { } memberType
                && boundaries.SameBoundary(receiverType, memberType))
            {
                // Only the member's own generic arguments can still be named here, or (BND1001) the receiver's
                // type may have reached this domain without being written: the walk decides.
                return boundaries.CrossesTypeArguments(member, from)
                    || (from.Domain != null && CrossingRules.Judge(from, boundaries.Get(memberType.ContainingNamespace), frameworkSite: false) == Crossing.CrossDomain);
            }

            return true;
        }

        private static bool IsImplicitlyTyped(SyntaxNode declarator) => declarator switch
        {
            VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type.IsVar: true } } => true,
            ForEachStatementSyntax { Type.IsVar: true } => true,
            _ => false,
        };

        /// <summary>A lambda's parameter and return types, where they are written out.</summary>
        private static bool ExplicitSignatureCrosses(IAnonymousFunctionOperation lambda, Placement from, Boundaries boundaries)
        {
            switch (lambda.Syntax)
            {
                case ParenthesizedLambdaExpressionSyntax parenthesized:
                    if (parenthesized.ReturnType != null && boundaries.Crosses(lambda.Symbol.ReturnType, from))
                    {
                        return true;
                    }

                    var parameters = lambda.Symbol.Parameters;
                    for (int i = 0; i < parameters.Length && i < parenthesized.ParameterList.Parameters.Count; i++)
                    {
                        if (parenthesized.ParameterList.Parameters[i].Type != null && boundaries.Crosses(parameters[i].Type, from))
                        {
                            return true;
                        }
                    }

                    return false;
                case AnonymousMethodExpressionSyntax:
                    return boundaries.Crosses(lambda.Symbol.Parameters, from);
                default:
                    return false; // x => ...: no type written
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

        private static void CollectAttributes(SyntaxNode function, ref List<SyntaxNode>? separately)
        {
            switch (function)
            {
                case ParenthesizedLambdaExpressionSyntax lambda:
                    Add(lambda.AttributeLists, ref separately);
                    foreach (var parameter in lambda.ParameterList.Parameters)
                    {
                        Add(parameter.AttributeLists, ref separately);
                    }

                    break;
                case SimpleLambdaExpressionSyntax lambda:
                    Add(lambda.AttributeLists, ref separately);
                    Add(lambda.Parameter.AttributeLists, ref separately);
                    break;
                case LocalFunctionStatementSyntax local:
                    Add(local.AttributeLists, ref separately);
                    foreach (var parameter in local.ParameterList.Parameters)
                    {
                        Add(parameter.AttributeLists, ref separately);
                    }

                    if (local.TypeParameterList != null)
                    {
                        foreach (var typeParameter in local.TypeParameterList.Parameters)
                        {
                            Add(typeParameter.AttributeLists, ref separately);
                        }
                    }

                    break;
            }
        }

        private static void Add(SyntaxList<AttributeListSyntax> lists, ref List<SyntaxNode>? separately)
        {
            foreach (var list in lists)
            {
                (separately ??= new List<SyntaxNode>()).Add(list);
            }
        }
    }
}
