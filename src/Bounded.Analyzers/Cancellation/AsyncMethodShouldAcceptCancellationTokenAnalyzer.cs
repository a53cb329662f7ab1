using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Bounded.Analyzers.Common;
using Bounded.Analyzers.Common.Options;
using Bounded.Analyzers.Common.Tokens;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Bounded.Analyzers.Cancellation
{
    /// <summary>
    /// BND3002: a method (not a lambda or local function) returning an awaitable or <c>IAsyncEnumerable&lt;T&gt;</c>,
    /// declared with an accessibility in <c>bounded.BND3002.accessibility</c>, with no <c>CancellationToken</c>
    /// parameter, whose body has a <see cref="ForwardingSite"/> that a new token parameter would reach.
    /// Not reported: <c>Main</c>, event handlers <c>(object, EventArgs)</c>, methods taking a parameter object that
    /// carries a token (a public <c>CancellationToken</c> property, which BND3001 then forwards), test methods. An override or interface implementation cannot change its signature: the
    /// root declaration (the interface member or the first virtual/abstract method) is reported instead when it is
    /// in this compilation, once.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AsyncMethodShouldAcceptCancellationTokenAnalyzer : DiagnosticAnalyzer
    {
        private static readonly ImmutableHashSet<string> TestAttributes = ImmutableHashSet.Create(
            "FactAttribute", "TheoryAttribute", "TestAttribute", "TestCaseAttribute", "TestCaseSourceAttribute",
            "TestMethodAttribute", "DataTestMethodAttribute", "BenchmarkAttribute");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rules.AsyncMethodShouldAcceptCancellationToken);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var types = KnownTypes.For(start.Compilation);
                if (types.CancellationToken == null)
                {
                    return;
                }

                var reported = new ConcurrentDictionary<ISymbol, bool>(SymbolEqualityComparer.Default);
                start.RegisterOperationBlockStartAction(block =>
                {
                    if (block.OwningSymbol is not IMethodSymbol method || !IsShapeCandidate(method, types))
                    {
                        return;
                    }

                    int found = 0;
                    block.RegisterOperationAction(
                        c =>
                        {
                            if (Volatile.Read(ref found) == 0
                                && ForwardingSite.Classify(c.Operation, types) is { } site
                                && !CancellationContext.IsCleanupOrNameof(site.Operation, types)
                                && TokenInScope.ReachesMemberParameters(site.Operation, types, c.CancellationToken))
                            {
                                Interlocked.Exchange(ref found, 1);
                            }
                        },
                        OperationKind.Invocation,
                        OperationKind.Loop);
                    block.RegisterOperationBlockEndAction(end =>
                    {
                        if (Volatile.Read(ref found) == 0)
                        {
                            return;
                        }

                        foreach (var target in ReportTargets(method))
                        {
                            if (Qualifies(target, end.Options, types, end.Compilation) && reported.TryAdd(target, true))
                            {
                                foreach (var location in target.Locations)
                                {
                                    if (location.IsInSource)
                                    {
                                        end.ReportDiagnostic(Diagnostic.Create(Rules.AsyncMethodShouldAcceptCancellationToken, location, target.Name));
                                        break;
                                    }
                                }
                            }
                        }
                    });
                });
            });
        }

        /// <summary>The method itself, or the root declarations it overrides or implements (which are what can change).</summary>
        public static IEnumerable<IMethodSymbol> ReportTargets(IMethodSymbol method)
        {
            bool derived = false;
            if (method.IsOverride)
            {
                derived = true;
                var root = method;
                while (root.OverriddenMethod != null)
                {
                    root = root.OverriddenMethod;
                }

                yield return root.OriginalDefinition;
            }

            foreach (var contract in ImplementedInterfaceMembers(method))
            {
                derived = true;
                yield return contract.OriginalDefinition;
            }

            if (!derived)
            {
                yield return method;
            }
        }

        /// <summary>Interface members the method implements, implicitly or explicitly.</summary>
        public static IEnumerable<IMethodSymbol> ImplementedInterfaceMembers(IMethodSymbol method)
        {
            foreach (var explicitMember in method.ExplicitInterfaceImplementations)
            {
                yield return explicitMember;
            }

            if (method.IsStatic || method.ContainingType == null || method.DeclaredAccessibility != Accessibility.Public)
            {
                yield break;
            }

            foreach (var contract in method.ContainingType.AllInterfaces)
            {
                foreach (var member in contract.GetMembers(method.Name))
                {
                    if (member is IMethodSymbol candidate
                        && SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(candidate), method))
                    {
                        yield return candidate;
                    }
                }
            }
        }

        private static bool Qualifies(IMethodSymbol target, AnalyzerOptions options, KnownTypes types, Compilation compilation)
        {
            if (!IsShapeCandidate(target, types))
            {
                return false;
            }

            foreach (var location in target.Locations)
            {
                if (location.IsInSource && location.SourceTree != null && compilation.ContainsSyntaxTree(location.SourceTree))
                {
                    // A root that itself overrides or implements something it does not own cannot change either; nor can one
                    // whose type has a base or interface that does not resolve (a missing reference): it may implement it.
                    if (target.IsOverride
                        || (target.ContainingType?.TypeKind != TypeKind.Interface && HasAny(ImplementedInterfaceMembers(target)))
                        || HasUnresolvedBase(target.ContainingType))
                    {
                        return false;
                    }

                    return IsAccessibilityIncluded(target.DeclaredAccessibility, BoundedOptions.For(options, location.SourceTree).TokenAccessibility);
                }
            }

            return false;
        }

        private static bool HasUnresolvedBase(INamedTypeSymbol? type)
        {
            for (var t = type; t != null; t = t.BaseType)
            {
                if (t.TypeKind == TypeKind.Error)
                {
                    return true;
                }

                foreach (var contract in t.Interfaces)
                {
                    if (contract.TypeKind == TypeKind.Error)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool HasAny(IEnumerable<IMethodSymbol> items)
        {
            foreach (var unused in items)
            {
                return true;
            }

            return false;
        }

        /// <summary><c>protected internal</c> counts when <c>protected</c> or <c>internal</c> is listed.</summary>
        private static bool IsAccessibilityIncluded(Accessibility accessibility, ImmutableHashSet<Accessibility> set) =>
            set.Contains(accessibility)
            || (accessibility == Accessibility.ProtectedOrInternal && (set.Contains(Accessibility.Protected) || set.Contains(Accessibility.Internal)));

        /// <summary>The signature-only checks: an ordinary async-returning method without a token, not an exemption.</summary>
        public static bool IsShapeCandidate(IMethodSymbol method, KnownTypes types)
        {
            if (method.MethodKind != MethodKind.Ordinary
                || method.IsImplicitlyDeclared
                || !Awaitables.IsAsyncReturnType(method.ReturnType, types)
                || (method.IsStatic && method.Name == "Main"))
            {
                return false;
            }

            foreach (var parameter in method.Parameters)
            {
                if (TokenValues.IsToken(parameter.Type, types) || TokenInScope.TokenProperty(parameter.Type, types) != null)
                {
                    return false;
                }
            }

            if (method.Parameters.Length == 2
                && method.Parameters[0].Type.SpecialType == SpecialType.System_Object
                && DerivesFrom(method.Parameters[1].Type, types.EventArgs))
            {
                return false;
            }

            foreach (var attribute in method.GetAttributes())
            {
                if (attribute.AttributeClass != null && TestAttributes.Contains(attribute.AttributeClass.Name))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool DerivesFrom(ITypeSymbol type, INamedTypeSymbol? baseType)
        {
            for (var t = type as INamedTypeSymbol; t != null && baseType != null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t, baseType))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
